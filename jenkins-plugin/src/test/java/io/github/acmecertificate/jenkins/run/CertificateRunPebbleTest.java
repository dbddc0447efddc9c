package io.github.acmecertificate.jenkins.run;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import io.github.acmecertificate.core.CertificateDescription;
import io.github.acmecertificate.jenkins.credentials.UserCredential;
import io.github.acmecertificate.jenkins.challenge.TestChallenges;
import io.github.acmecertificate.jenkins.credentials.CredentialLookup;
import io.github.acmecertificate.jenkins.managed.CertificateSettings;
import io.github.acmecertificate.core.exception.AcmeCertificateException;
import io.github.acmecertificate.core.exception.AcmeProblemException;
import io.github.acmecertificate.core.exception.InvalidInputException;
import io.github.acmecertificate.core.store.Pkcs12;
import io.github.acmecertificate.core.challenge.ChallengeDescription;
import io.github.acmecertificate.jenkins.managed.ManagedCertificateRegistry;
import io.github.acmecertificate.core.store.credentials.CertificateEntry;
import io.github.acmecertificate.core.store.credentials.InMemoryCredentials;
import io.github.acmecertificate.core.store.credentials.KeyStoreContent;
import io.github.acmecertificate.core.store.credentials.OtherEntry;
import io.github.acmecertificate.core.store.credentials.SecretTextEntry;
import io.github.acmecertificate.testca.Pebble;
import io.github.acmecertificate.testca.PebbleResource;
import io.github.acmecertificate.testca.StaticFileServer;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The step's whole run, through the credentials stores, against a real ACME CA (Pebble), with
 * an in-memory credentials layer that keeps Jenkins' rules.
 */
public class CertificateRunPebbleTest {

    @ClassRule
    public static PebbleResource pebble = new PebbleResource();

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private final InMemoryCredentials credentials = new InMemoryCredentials();
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8);

    static CertificateDescription parameters(Pebble pebble, String id, String domains, ChallengeDescription challenge) {
        return CertificateDescription.builder().domains(domains).server("pebble").acceptTermsOfService(true)
                .email("ops@example.test").name(id).challenge(challenge).build();
    }

    /** Runs a certificate that no job asked for. */
    private StepResult issue(CertificateDescription p, GlobalSettings settings, String by) throws Exception {
        return run().run(new CertificateSettings(p, ""), settings, by, new PrintStreamProgress(out));
    }

    static ChallengeDescription http(Pebble pebble) {
        return TestChallenges.http01("127.0.0.1", pebble.httpPort());
    }

    /** The configured server for this Pebble: its directory and its trusted root, pasted as PEM. */
    public static GlobalSettings settings(Pebble pebble) throws Exception {
        return new GlobalSettings(List.of(new ServerSettings("pebble", pebble.directoryUri().toString(),
                Files.readString(pebble.trustRootPem()), null, null)), "pebble", null, null);
    }

    private ManagedCertificateRegistry registry() {
        return new ManagedCertificateRegistry(temp.getRoot().toPath().resolve("managed"));
    }

    private CertificateRun run(InMemoryCredentials backend, boolean fips, Clock clock) {
        return new CertificateRun(backend, CredentialLookup.NONE, registry(), clock).fipsMode(fips);
    }

    private CertificateRun run() {
        return run(credentials, false, Clock.systemUTC());
    }

    private String log() {
        return log.toString(StandardCharsets.UTF_8);
    }

    @Test
    public void issuesIntoACertificateCredentialThatWithCredentialsCanBind() throws Exception {
        var p = CertificateDescription.builder().domains("example.test, www.example.test").server("pebble")
                .acceptTermsOfService(true).name("web-tls").challenge(http(pebble.get())).build();
        var result = issue(p, settings(pebble.get()), "site #1");

        assertTrue(result.renewed());
        assertEquals("web-tls", result.credentialsId());
        var map = result.toMap();
        assertEquals(List.of("renewed", "notAfter", "serialNumber", "sha256Fingerprint", "credentialsId", "deployed"),
                List.copyOf(map.keySet()));
        assertEquals(Boolean.TRUE, map.get("renewed"));
        assertEquals("no deploy targets", java.util.Map.of(), map.get("deployed"));

        var stored = (CertificateEntry) credentials.raw("web-tls").orElseThrow();
        var p12 = (KeyStoreContent.Pkcs12) stored.content();
        var keyStore = Pkcs12.decode(p12.bytes(), stored.password().toCharArray());
        var certificate = (java.security.cert.X509Certificate) keyStore.getCertificate("web-tls");
        assertEquals(result.serialNumber(), certificate.getSerialNumber().toString(16));
        assertEquals(result.notAfter(), certificate.getNotAfter().toInstant().toString());
        assertTrue(stored.description(), stored.description().startsWith("ACME certificate for example.test, "
                + "www.example.test from " + pebble.get().directoryUri()));

        var account = (SecretTextEntry) credentials.raw("acme-account-localhost_" + pebble.get().directoryUri()
                .getPort() + "_dir").orElseThrow();
        assertTrue(account.secret().contains("location="));

        var record = registry().find("", "web-tls").orElseThrow();
        assertEquals(List.of("example.test", "www.example.test"), record.metadata().names());
        assertEquals("pebble", record.template().certificate().server());
        assertEquals(result.serialNumber(), record.serialNumber());
        assertFalse(record.lastRun().failed());

        var text = log();
        assertFalse("no password in the log", text.contains(stored.password()));
        assertFalse("no account key in the log", text.contains(account.secret().substring(200, 240)));
        assertFalse("no PKCS#12 in the log", text.contains(Base64.getEncoder().encodeToString(p12.bytes())
                .substring(20, 60)));
    }

    @Test
    public void aSecondRunSendsNothingAndSaysUntilWhenItIsValid() throws Exception {
        var p = parameters(pebble.get(), "quiet-tls", "quiet.example.test", http(pebble.get()));
        var first = issue(p, settings(pebble.get()), "job #1");
        long before = pebble.get().requestCount("");
        var second = issue(p, settings(pebble.get()), "job #2");
        assertEquals("not a single request reached the CA", before, pebble.get().requestCount(""));
        assertFalse(second.renewed());
        assertEquals(first.serialNumber(), second.serialNumber());
        assertTrue(log(), log().contains("the certificate is valid until " + first.notAfter()));
        assertTrue(log(), log().contains("Nothing was sent to the CA"));
        assertEquals("the certificate and the account", 2, credentials.adds());
        assertEquals("only the account's location was written again", 1, credentials.updates());
    }

    @Test
    public void aForcedRunUpdatesTheSameCredentialInPlace() throws Exception {
        var settings = settings(pebble.get());
        var p = parameters(pebble.get(), "forced-tls", "forced.example.test", http(pebble.get()));
        var first = issue(p, settings, "job #1");
        int updates = credentials.updates();
        var forced = issue(p.toBuilder().force(true).build(), settings, "job #2");
        assertTrue(forced.renewed());
        assertNotEquals(first.serialNumber(), forced.serialNumber());
        assertEquals(updates + 1, credentials.updates());
        assertEquals(List.of("acme-account-" + storeKey(pebble.get()), "forced-tls"),
                credentials.ids().stream().sorted().toList());
        assertEquals(forced.serialNumber(), registry().find("", "forced-tls").get().serialNumber());
    }

    @Test
    public void anExplicitAccountCredentialIsCreatedAndReused() throws Exception {
        var settings = settings(pebble.get());
        long registrations = pebble.get().requestCount("POST /sign-me-up");
        for (var id : List.of("a-tls", "b-tls")) {
            var p = CertificateDescription.builder().domains(id.charAt(0) + ".example.test").server("pebble")
                    .acceptTermsOfService(true).name(id).account("team-acme-account")
                    .challenge(http(pebble.get())).keyType("ec-p384").renewBefore("P10D").build();
            issue(p, settings, "job");
        }
        assertEquals(registrations + 1, pebble.get().requestCount("POST /sign-me-up"));
        assertTrue(credentials.raw("team-acme-account").isPresent());
        assertEquals("ec-p384", registry().find("", "b-tls").get().metadata().keyType().orElseThrow());
        assertEquals("P10D", registry().find("", "b-tls").get().template().certificate().renewBefore());
    }

    @Test
    public void fipsModeKeepsAPemEntryWithALongPassword() throws Exception {
        var fips = new InMemoryCredentials("team", true);
        var p = parameters(pebble.get(), "fips-tls", "fips.example.test", http(pebble.get()));
        run(fips, true, Clock.systemUTC()).run(new CertificateSettings(p, ""), settings(pebble.get()), "job",
                new PrintStreamProgress(out));
        var stored = (CertificateEntry) fips.raw("fips-tls").orElseThrow();
        assertTrue(stored.content() instanceof KeyStoreContent.PemEntry);
        assertTrue(stored.password().length() >= 14);
        assertEquals("team", registry().find("team", "fips-tls").get().context());
    }

    @Test
    public void webrootAnswersThroughAWebServer() throws Exception {
        var webroot = temp.newFolder("www").toPath();
        var server = StaticFileServer.start(webroot, pebble.get().httpPort());
        try {
            var p = parameters(pebble.get(), "webroot-tls", "webroot.example.test",
                    TestChallenges.webroot(webroot.toString()));
            assertTrue(issue(p, settings(pebble.get()), "job")
                    .renewed());
        } finally {
            server.close();
        }
        assertEquals("webroot", registry().find("", "webroot-tls").get().template().certificate().challenge().type()
                .symbol());
    }

    @Test
    public void userErrorsSendNothingAndNameTheParameter() throws Exception {
        long before = pebble.get().requestCount("");
        var settings = settings(pebble.get());
        var bad = CertificateDescription.builder().domains("bad name.test").server("").email("not-an-email")
                .name("").account("").challenge(TestChallenges.http01("", 0)).keyType("dsa")
                .renewBefore("soon").build();
        var ex = assertThrows(InvalidInputException.class, () -> issue(bad, GlobalSettings.NONE, "job"));
        assertEquals("credentialsId", ex.field());
        var noServer = CertificateDescription.builder().domains("a.test").server("").acceptTermsOfService(true)
                .name("x").build();
        ex = assertThrows(InvalidInputException.class, () -> issue(noServer, GlobalSettings.NONE, "job"));
        assertEquals("server", ex.field());
        var many = CertificateDescription.builder().domains("bad name.test").server("pebble").acceptTermsOfService(true)
                .email("not-an-email").name("x").challenge(TestChallenges.http01("", 0)).keyType("dsa")
                .renewBefore("soon").build();
        ex = assertThrows(InvalidInputException.class, () -> issue(many, settings, "job"));
        var message = StepErrors.message(ex);
        for (var parameter : List.of("domains", "email", "keyType", "renewBefore", "challenge: http01(port: ...)")) {
            assertTrue(message, message.contains("  - " + parameter + ": "));
        }
        var noTerms = CertificateDescription.builder().domains("terms.example.test").server("pebble")
                .name("terms-tls").account("fresh-account").challenge(http(pebble.get())).build();
        ex = assertThrows(InvalidInputException.class, () -> issue(noTerms, settings, "job"));
        assertEquals("acceptTermsOfService", ex.field());
        assertEquals(before, pebble.get().requestCount(""));
        assertTrue(credentials.ids().isEmpty());
    }

    @Test
    public void anExistingCredentialOfAnotherKindIsNotOverwritten() throws Exception {
        credentials.preset(new OtherEntry("deploy", "", "Username with password"));
        var p = parameters(pebble.get(), "deploy", "deploy.example.test", http(pebble.get()));
        var ex = assertThrows(AcmeCertificateException.class, () -> issue(p, settings(pebble.get()), "job"));
        assertTrue(ex.getMessage(), ex.getMessage().contains("Choose another credentialsId"));
        assertTrue(credentials.raw("deploy").get() instanceof OtherEntry);
    }

    @Test
    public void aFailedRenewalIsRecordedAndTheCertificateKept() throws Exception {
        var settings = settings(pebble.get());
        var p = parameters(pebble.get(), "keep-tls", "keep.example.test", http(pebble.get()));
        var first = issue(p, settings, "job #1");
        var wrongPort = parameters(pebble.get(), "keep-tls", "keep.example.test", TestChallenges.http01("127.0.0.1",
                freePort())).toBuilder().force(true).build();
        var ex = assertThrows(AcmeProblemException.class, () -> issue(wrongPort, settings, "job #2"));
        assertEquals(AcmeProblemException.Kind.CONNECTION, ex.kind());
        var record = registry().find("", "keep-tls").orElseThrow();
        assertTrue(record.lastRun().failed());
        assertEquals("job #2", record.lastRun().by());
        assertTrue(record.lastRun().message(), record.lastRun().message()
                .startsWith("acmeCertificate: The CA refused"));
        assertEquals(first.serialNumber(), issue(p, settings, "job #3")
                .serialNumber());
        assertFalse("a good run clears the failure", registry().find("", "keep-tls").get().lastRun().failed());
    }

    @Test
    public void aConfiguredServerWithExternalAccountBinding() throws Exception {
        var hmac = Base64.getUrlEncoder().withoutPadding().encodeToString("0123456789abcdef0123456789abcdef"
                .getBytes(StandardCharsets.US_ASCII));
        try (var eabPebble = Pebble.start(io.github.acmecertificate.testca.PebbleOptions.defaults()
                .withExternalAccountBinding("kid-1", hmac))) {
            var settings = new GlobalSettings(List.of(new ServerSettings("zero", eabPebble.directoryUri().toString(),
                    Files.readString(eabPebble.trustRootPem()), "kid-1", "eab-hmac")), "", null, null);
            var p = CertificateDescription.builder().domains("eab.example.test").server("zero")
                    .acceptTermsOfService(true)
                    .name("eab-tls").challenge(http(eabPebble)).build();
            var missing = assertThrows(InvalidInputException.class, () -> issue(p, settings, "job"));
            assertTrue(missing.getMessage(), missing.getMessage().contains("'eab-hmac'"));
            CredentialLookup secrets = id -> "eab-hmac".equals(id)
                    ? Optional.of(new UserCredential.SecretText(id, hmac)) : Optional.empty();
            var result = new CertificateRun(credentials, CredentialLookup.NONE, registry(), Clock.systemUTC())
                    .eabSecrets(secrets)
                    .run(new CertificateSettings(p, ""), settings, "job", new PrintStreamProgress(out));
            assertTrue(result.renewed());
            assertFalse("the HMAC key stays out of the log", log().contains(hmac));
            assertEquals("zero", registry().find("", "eab-tls").get().template().certificate().server());
            assertFalse(registry().find("", "eab-tls").get().toProperties().toString().contains(hmac));
        }
    }

    @Test
    public void aLaterClockMakesItDue() throws Exception {
        var settings = settings(pebble.get());
        var p = parameters(pebble.get(), "later-tls", "later.example.test", http(pebble.get()));
        var first = issue(p, settings, "job");
        var record = registry().find("", "later-tls").get();
        var later = Clock.fixed(record.dueAt().plus(Duration.ofMinutes(1)), ZoneOffset.UTC);
        var renewed = run(credentials, false, later).run(new CertificateSettings(p, ""), settings, "job",
                new PrintStreamProgress(out));
        assertTrue(renewed.renewed());
        assertNotEquals(first.serialNumber(), renewed.serialNumber());
        assertTrue(log(), log().contains("was due for renewal from " + record.dueAt()));
    }

    static String storeKey(Pebble pebble) {
        return "localhost_" + pebble.directoryUri().getPort() + "_dir";
    }

    static int freePort() throws Exception {
        try (var socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
