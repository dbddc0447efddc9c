package io.github.acmecertificate.core.challenge.dns;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.Test;

/**
 * The DNS pages cannot drift from the code: each provider's option table is the one its
 * metadata renders, every provider has a page linked from the index, and the index documents
 * every setting.
 */
public class DnsProviderDocsTest {

    /** Providers published as separate artifacts, whose pages the index must also link. */
    private static final List<String> SEPARATE = List.of("cloudflare", "route53");

    static Path docs() {
        return Path.of(System.getProperty("basedir", ".")).toAbsolutePath().resolve("../docs/dns").normalize();
    }

    /**
     * Checks one provider's page; on a mismatch the message holds the table to paste.
     *
     * @param factory the provider
     * @throws Exception if the page cannot be read
     */
    static void assertPageMatches(DnsProviderFactory factory) throws Exception {
        var page = docs().resolve(factory.name() + ".md");
        assertTrue("no page " + page + " for the " + factory.name() + " provider", Files.isRegularFile(page));
        var text = Files.readString(page, StandardCharsets.UTF_8);
        var generated = DnsProviderDocs.generatedPart(text);
        if (generated.isEmpty()) {
            fail(page + " lacks the lines " + DnsProviderDocs.BEGIN + " and " + DnsProviderDocs.END);
        }
        assertEquals("The option table of " + page + " differs from the provider's metadata. Replace it with:\n"
                + DnsProviderDocs.optionTable(factory), DnsProviderDocs.optionTable(factory), generated.get());
    }

    @Test
    public void everyBuiltInProviderPageMatchesItsMetadata() throws Exception {
        var providers = DnsProviders.available(getClass().getClassLoader());
        assertTrue(providers.size() >= 3);
        for (var factory : providers) {
            assertPageMatches(factory);
        }
    }

    @Test
    public void indexLinksEveryProvider() throws Exception {
        var index = Files.readString(docs().resolve("index.md"), StandardCharsets.UTF_8);
        for (var factory : DnsProviders.available(getClass().getClassLoader())) {
            assertTrue("index.md links " + factory.name(), index.contains("[`" + factory.name() + "`]("
                    + factory.name() + ".md)"));
        }
        for (var name : SEPARATE) {
            assertTrue("index.md links " + name, index.contains("[`" + name + "`](" + name + ".md)"));
            assertTrue(name + ".md exists", Files.isRegularFile(docs().resolve(name + ".md")));
        }
    }

    @Test
    public void indexDocumentsEverySetting() throws Exception {
        var index = Files.readString(docs().resolve("index.md"), StandardCharsets.UTF_8);
        var settings = Arrays.stream(DnsSettings.Builder.class.getDeclaredMethods())
                .filter(m -> Modifier.isPublic(m.getModifiers()) && !m.getName().equals("build"))
                .map(java.lang.reflect.Method::getName).distinct().toList();
        assertTrue(settings.toString(), settings.contains("propagationTimeout"));
        for (var setting : settings) {
            assertTrue("index.md documents " + setting, index.contains("| `" + setting + "` | `acme.dns." + setting
                    + "` | `" + setting + "` |"));
        }
        for (var frontEnd : List.of("| `provider` | `acme.dns.provider` | `provider` |",
                "| `options` | `acme.dns.options` | `options` |", "| `serverId` | `acme.dns.serverId` | `credentialsId` |")) {
            assertTrue("index.md has " + frontEnd, index.contains(frontEnd));
        }
    }

    @Test
    public void renderedTableEscapesPipes() throws Exception {
        var exec = DnsProviders.require("exec", getClass().getClassLoader());
        assertTrue(DnsProviderDocs.optionTable(exec).contains("present\\|cleanup"));
    }
}
