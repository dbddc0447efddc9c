package io.github.acmecertificate.maven;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.Signature;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Set;

import io.github.acmecertificate.core.key.Pem;
import io.github.acmecertificate.core.store.Pkcs12;
import io.github.acmecertificate.testca.Pebble;
import io.github.acmecertificate.testca.PebbleOptions;
import io.github.acmecertificate.testca.PebbleResource;
import org.junit.Before;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.sonatype.plexus.components.cipher.DefaultPlexusCipher;

/**
 * Real Maven builds (forked {@code mvn}, offline, with the plugin installed into a repository of
 * its own) that issue certificates from a local Pebble CA.
 */
public class MavenBuildIT {

    @ClassRule
    public static PebbleResource pebble = new PebbleResource();

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private Path work;
    private Path store;

    @Before
    public void setUp() throws Exception {
        work = Files.createDirectories(Path.of(System.getProperty("it.work")));
        work = Files.createTempDirectory(work, "build");
        store = work.resolve("store");
    }

    private MavenBuild pomBuild() throws Exception {
        return MavenBuild.ofSample("issue-in-pom", work).goals("validate")
                .property("it.server", pebble.get().directoryUri())
                .property("it.serverTrust", pebble.get().trustRootPem())
                .property("it.httpPort", pebble.get().httpPort())
                .property("it.store", store);
    }

    private MavenBuild cliBuild(Pebble ca, String domains) throws Exception {
        return MavenBuild.inEmptyFolder(work.resolve("shell")).goals("acme:issue")
                .property("acme.server", ca.directoryUri())
                .property("acme.serverTrust", ca.trustRootPem())
                .property("acme.domains", domains)
                .property("acme.acceptTermsOfService", true)
                .property("acme.http.address", "127.0.0.1")
                .property("acme.http.port", ca.httpPort())
                .property("acme.store", store);
    }

    @Test
    public void pomBuildIssuesThenSkipsThenRenewsWhenForced() throws Exception {
        var first = pomBuild().run();
        assertTrue(first.output(), first.succeeded());
        assertTrue(first.output(), first.output().contains("app.example.test: issued for app.example.test, api.example.test"));
        assertTrue("progress is in the log", first.output().contains("Validated http-01 for api.example.test"));

        var dir = store.resolve("certificates/app.example.test");
        var chain = Pem.readCertificates(Files.readString(dir.resolve("fullchain.pem")));
        var factory = CertificateFactory.getInstance("X.509");
        var params = new PKIXParameters(Set.of(new TrustAnchor(pebble.get().issuingRoots().get(0), null)));
        params.setRevocationEnabled(false);
        CertPathValidator.getInstance("PKIX").validate(factory.generateCertPath(chain), params);
        var key = Pem.readPrivateKey(Files.readString(dir.resolve("privkey.pem")));
        assertKeyMatches(key, chain.get(0));
        var sans = chain.get(0).getSubjectAlternativeNames().stream().map(l -> l.get(1)).toList();
        assertTrue(sans.toString(), sans.containsAll(java.util.List.of("app.example.test", "api.example.test")));
        assertFalse("the private key never reaches the log",
                first.output().contains(Base64.getEncoder().encodeToString(key.getEncoded()).substring(8, 40)));

        long requests = pebble.get().requestCount("");
        var second = pomBuild().run();
        assertTrue(second.output(), second.succeeded());
        assertTrue(second.output(), second.output().contains("app.example.test: not due (renewal from"));
        assertEquals("a build that is not due sends nothing to the CA", requests, pebble.get().requestCount(""));

        var forced = pomBuild().property("acme.force", true).run();
        assertTrue(forced.output(), forced.succeeded());
        assertTrue(forced.output(), forced.output().contains("app.example.test: renewed for"));
        var renewed = Pem.readCertificates(Files.readString(dir.resolve("cert.pem"))).get(0);
        assertFalse(renewed.getSerialNumber().equals(chain.get(0).getSerialNumber()));
    }

    @Test
    public void commandLineWithoutProjectUsesThePluginPrefix() throws Exception {
        var metadata = MavenBuild.installedRepository().resolve("io/github/acmecertificate/maven-metadata-local.xml");
        assertTrue("mvn install wrote the group metadata that maps acme: to the plugin",
                Files.readString(metadata).contains("<prefix>acme</prefix>"));
        var result = cliBuild(pebble.get(), "shell.example.test,www.shell.example.test").run();
        assertTrue(result.output(), result.succeeded());
        assertTrue(result.output(), result.output().contains(
                "shell.example.test: issued for shell.example.test, www.shell.example.test"));
        assertTrue(result.output(), result.output().contains("stored in " + store.resolve("certificates/shell.example.test")));
        System.out.println("mvn acme:issue wall time (fork, JVM start included): " + result.millis() + " ms");
    }

    @Test
    public void badInputFailsTheBuildBeforeAnyRequest() throws Exception {
        long requests = pebble.get().requestCount("");
        var result = cliBuild(pebble.get(), "bad..name.example.test").property("acme.keyType", "dsa").run();
        assertFalse(result.succeeded());
        assertTrue(result.output(), result.output().contains("keyType: 'dsa' is not a known key type"));
        assertTrue(result.output(), result.output().contains("domains: 'bad..name.example.test'"));
        assertTrue(result.output(), result.output().contains("-Dacme.keyType"));
        assertEquals(requests, pebble.get().requestCount(""));
        assertFalse("nothing was written", Files.exists(store));
    }

    @Test
    public void missingServerAndTermsSayWhatToSet() throws Exception {
        var noServer = cliBuild(pebble.get(), "x.example.test").property("acme.server", "").run();
        assertFalse(noServer.succeeded());
        assertTrue(noServer.output(), noServer.output().contains("server: no ACME server was given"));
        var noTerms = cliBuild(pebble.get(), "x.example.test").property("acme.acceptTermsOfService", false).run();
        assertFalse(noTerms.succeeded());
        assertTrue(noTerms.output(), noTerms.output().contains("-Dacme.acceptTermsOfService"));
        assertFalse(Files.exists(store));
    }

    @Test
    public void skipDoesNothing() throws Exception {
        var result = cliBuild(pebble.get(), "skip.example.test").property("acme.skip", true).run();
        assertTrue(result.output(), result.succeeded());
        assertTrue(result.output(), result.output().contains("Skipping: acme.skip is set"));
        assertFalse(Files.exists(store));
    }

    @Test
    public void secretsComeEncryptedFromSettings() throws Exception {
        var hmac = Base64.getUrlEncoder().withoutPadding().encodeToString("0123456789abcdef0123456789abcdef".getBytes());
        var keystorePassword = "keystore-password-from-settings";
        var cipher = new DefaultPlexusCipher();
        var master = "master-password";
        var security = work.resolve("settings-security.xml");
        Files.writeString(security, "<settingsSecurity><master>" + cipher.encryptAndDecorate(master, "settings.security")
                + "</master></settingsSecurity>");
        var servers = "<server><id>acme-eab</id><username>kid-7</username><password>"
                + cipher.encryptAndDecorate(hmac, master) + "</password></server>"
                + "<server><id>acme-keystore</id><password>" + cipher.encryptAndDecorate(keystorePassword, master)
                + "</password></server>";
        try (var ca = Pebble.start(PebbleOptions.defaults().withExternalAccountBinding("kid-7", hmac))) {
            var withoutEab = cliBuild(ca, "eab.example.test").run();
            assertFalse(withoutEab.succeeded());
            assertTrue(withoutEab.output(), withoutEab.output().contains("external account binding"));

            var result = cliBuild(ca, "eab.example.test")
                    .servers(servers)
                    .property("settings.security", security)
                    .property("acme.eab.serverId", "acme-eab")
                    .property("acme.keystore.serverId", "acme-keystore")
                    .run();
            assertTrue(result.output(), result.succeeded());
            assertFalse(result.output().contains(hmac));
            assertFalse(result.output().contains(keystorePassword));
            var dir = store.resolve("certificates/eab.example.test");
            KeyStore keystore = Pkcs12.decode(Files.readAllBytes(dir.resolve("keystore.p12")), keystorePassword.toCharArray());
            assertEquals(1, java.util.Collections.list(keystore.aliases()).size());
            assertFalse("a configured password is not written to disk", Files.exists(dir.resolve("keystore.pass")));
            for (var file : Files.list(store.resolve("certificates")).toList()) {
                if (Files.isRegularFile(file)) {
                    assertFalse(Files.readString(file).contains(keystorePassword));
                }
            }
        }
    }

    @Test
    public void wildcardThroughDns01WithTheNestedDnsBlock() throws Exception {
        var build = MavenBuild.ofSample("dns-exec", work).goals("validate")
                .property("it.server", pebble.get().directoryUri())
                .property("it.serverTrust", pebble.get().trustRootPem())
                .property("it.store", store)
                .environment("CHALLTESTSRV_MANAGEMENT_PORT", pebble.get().challengeManagementPort().orElseThrow());
        var result = build.run();
        assertTrue(result.output(), result.succeeded());
        assertTrue(result.output(), result.output().contains("dns.example.test_wildcard: issued for *.dns.example.test, dns.example.test"));
        var leaf = Pem.readCertificates(Files.readString(store.resolve("certificates/dns.example.test_wildcard/cert.pem"))).get(0);
        var sans = leaf.getSubjectAlternativeNames().stream().map(l -> l.get(1)).toList();
        assertTrue(sans.toString(), sans.containsAll(java.util.List.of("*.dns.example.test", "dns.example.test")));
        var calls = Files.readAllLines(build.directory().resolve("calls.log"));
        assertEquals("two values published, then both removed: " + calls, 4, calls.size());
        assertEquals(2, calls.stream().filter(c -> c.equals("present _acme-challenge.dns.example.test.")).count());
        assertEquals(2, calls.stream().filter(c -> c.equals("cleanup _acme-challenge.dns.example.test.")).count());
    }

    @Test
    public void dns01FromTheCommandLineNamesAMissingProviderOption() throws Exception {
        long requests = pebble.get().requestCount("");
        var result = cliBuild(pebble.get(), "*.cli.example.test").property("acme.challenge", "dns-01")
                .property("acme.dns.provider", "rfc2136").property("acme.dns.options", "tsigKeyName=acme").run();
        assertFalse(result.succeeded());
        assertTrue(result.output(), result.output().contains("dns.nameserver"));
        var unknown = cliBuild(pebble.get(), "*.cli.example.test").property("acme.challenge", "dns-01")
                .property("acme.dns.provider", "nsone").run();
        assertFalse(unknown.succeeded());
        assertTrue(unknown.output(), unknown.output().contains("rfc2136"));
        assertEquals(requests, pebble.get().requestCount(""));
    }

    @Test
    public void unknownSettingsServerIsNamed() throws Exception {
        var result = cliBuild(pebble.get(), "x.example.test").property("acme.eab.serverId", "nope").run();
        assertFalse(result.succeeded());
        assertTrue(result.output(), result.output().contains("no <server> with id 'nope' in settings.xml"));
    }

    private static void assertKeyMatches(java.security.PrivateKey key, X509Certificate certificate) throws Exception {
        var signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(key);
        signer.update(new byte[] {1, 2, 3});
        var signature = signer.sign();
        var verifier = Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(certificate.getPublicKey());
        verifier.update(new byte[] {1, 2, 3});
        assertTrue(verifier.verify(signature));
        assertArrayEquals(certificate.getPublicKey().getEncoded(), certificate.getPublicKey().getEncoded());
    }
}
