package io.github.acmecertificate.dns.cloudflare;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import io.github.acmecertificate.core.challenge.dns.DnsProviderDocs;
import io.github.acmecertificate.core.challenge.dns.DnsProviders;
import org.junit.Test;

/** The provider's page, docs/dns/cloudflare.md, shows the option table its metadata renders. */
public class CloudflareDocsTest {

    @Test
    public void pageMatchesTheMetadata() throws Exception {
        var factory = DnsProviders.require("cloudflare", getClass().getClassLoader());
        var page = Path.of(System.getProperty("basedir", ".")).toAbsolutePath()
                .resolve("../docs/dns/cloudflare.md").normalize();
        assertTrue("no page " + page, Files.isRegularFile(page));
        var generated = DnsProviderDocs.generatedPart(Files.readString(page, StandardCharsets.UTF_8));
        assertTrue(page + " lacks the generated option table", generated.isPresent());
        assertEquals("The option table of " + page + " differs from the provider's metadata. Replace it with:\n"
                + DnsProviderDocs.optionTable(factory), DnsProviderDocs.optionTable(factory), generated.get());
    }
}
