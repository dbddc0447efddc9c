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
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import io.github.acmecertificate.core.CertificateDescription;
import io.github.acmecertificate.jenkins.challenge.TestChallenges;
import io.github.acmecertificate.jenkins.managed.CertificateSettings;
import io.github.acmecertificate.core.deploy.DeployException;
import io.github.acmecertificate.core.key.Pem;
import io.github.acmecertificate.core.store.Pkcs12;
import io.github.acmecertificate.core.challenge.ChallengeDescription;
import io.github.acmecertificate.jenkins.credentials.CredentialLookup;
import io.github.acmecertificate.jenkins.credentials.InMemoryCredentialLookup;
import io.github.acmecertificate.jenkins.credentials.UserCredential;
import io.github.acmecertificate.core.deploy.TargetDescription;
import io.github.acmecertificate.core.deploy.TargetDescription.FileEntry;
import io.github.acmecertificate.jenkins.managed.ManagedCertificate;
import io.github.acmecertificate.jenkins.managed.ManagedCertificateRegistry;
import io.github.acmecertificate.core.store.credentials.CertificateCredentialMapper;
import io.github.acmecertificate.core.store.credentials.CertificateEntry;
import io.github.acmecertificate.core.store.credentials.CredentialsBackend;
import io.github.acmecertificate.core.store.credentials.InMemoryCredentials;
import io.github.acmecertificate.core.store.credentials.KeyStoreContent;
import io.github.acmecertificate.testca.PebbleResource;
import io.github.acmecertificate.testca.StaticFileServer;
import org.junit.After;
import org.junit.Before;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The step's {@code deploy} targets and its {@code sftpWebroot} challenge against Pebble and an
 * in-process SSH server with SFTP (Apache MINA SSHD), with the SSH key from an in-memory
 * credential.
 */
public class DeployPebbleTest {

    @ClassRule
    public static PebbleResource pebble = new PebbleResource();

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private final InMemoryCredentials store = new InMemoryCredentials();
    private final InMemoryCredentialLookup credentials = new InMemoryCredentialLookup();
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8);
    private MinaSftpServer server;

    @Before
    public void startTheServer() throws Exception {
        server = MinaSftpServer.start(temp.newFolder("ssh").toPath());
        credentials.put(server.credential("web-ssh"));
        Files.createDirectories(server.root().resolve("tls"));
    }

    @After
    public void stopTheServer() throws Exception {
        server.close();
    }

    private ManagedCertificateRegistry registry() {
        return new ManagedCertificateRegistry(temp.getRoot().toPath().resolve("managed"));
    }

    private StepResult run(CertificateDescription parameters) throws Exception {
        return new CertificateRun(store, credentials, registry(), Clock.systemUTC())
                .run(new CertificateSettings(parameters, "team/site"), CertificateRunPebbleTest.settings(pebble.get()),
                        "site #1", new PrintStreamProgress(out));
    }

    private TargetDescription web1(String directory, List<FileEntry> files) {
        return TestChallenges.sftp("web1", server.spec("web-ssh"), directory, files, "true", null, null);
    }

    private CertificateDescription parameters(String id, ChallengeDescription challenge,
            CertificateDescription.Builder deploy) {
        return deploy.domains(id + ".example.test").server("pebble").acceptTermsOfService(true).name(id)
                .challenge(challenge).build();
    }

    private static CertificateDescription.Builder deploy(TargetDescription... targets) {
        return CertificateDescription.builder().targets(List.of(targets)).deployParallelism(2)
                .deployCommandTimeout("PT30S");
    }

    private CertificateEntry stored(String id) {
        return (CertificateEntry) store.raw(id).orElseThrow();
    }

    @Test
    public void deploysAfterIssuingThenFindsTheTargetUpToDateAndKeepsTheKeyStorePassword() throws Exception {
        var files = List.of(TestChallenges.file("fullchain.pem", null, null, null, null),
                TestChallenges.file("privkey.pem", null, null, null, null),
                TestChallenges.file("keystore.p12", "/tls/site.p12", "0640", null, null));
        var p = parameters("deploy-tls", CertificateRunPebbleTest.http(pebble.get()),
                deploy(web1("/tls", files)));

        var first = run(p);

        assertTrue(first.renewed());
        assertEquals(Map.of("web1", "DEPLOYED"), first.deployed());
        assertEquals(first.deployed(), first.toMap().get("deployed"));
        var password = stored("deploy-tls").password();
        var chain = Files.readString(server.root().resolve("tls/fullchain.pem"));
        var served = Pem.readCertificates(chain).get(0);
        assertEquals(first.serialNumber(), served.getSerialNumber().toString(16));
        assertTrue(Files.readString(server.root().resolve("tls/privkey.pem"))
                .startsWith("-----BEGIN PRIVATE KEY-----"));
        var p12 = Pkcs12.decode(Files.readAllBytes(server.root().resolve("tls/site.p12")), password.toCharArray());
        assertEquals(served, p12.getCertificate("deploy-tls"));
        assertEquals(List.of("web-ssh"), credentials.used());

        long requests = pebble.get().requestCount("");
        var second = run(p);
        assertFalse(second.renewed());
        assertEquals(Map.of("web1", "UP_TO_DATE"), second.deployed());
        assertEquals("a run that is not due sends nothing to the CA", requests, pebble.get().requestCount(""));

        var forced = run(p.toBuilder().force(true).build());
        assertTrue(forced.renewed());
        assertNotEquals(first.serialNumber(), forced.serialNumber());
        assertEquals(Map.of("web1", "DEPLOYED"), forced.deployed());
        assertEquals("a renewal keeps the password a Tomcat is configured with", password,
                stored("deploy-tls").password());
        var renewed = Pkcs12.decode(Files.readAllBytes(server.root().resolve("tls/site.p12")), password.toCharArray());
        assertEquals(forced.serialNumber(), ((X509Certificate) renewed.getCertificate("deploy-tls")).getSerialNumber()
                .toString(16));

        var record = registry().find("", "deploy-tls").orElseThrow();
        assertEquals(p.targets(), record.template().certificate().targets());
        assertEquals(record, ManagedCertificate.fromProperties(record.toProperties()));
        var text = log.toString(StandardCharsets.UTF_8);
        assertTrue(text, text.contains("[web1] Ran `true`: exit 0"));
        assertFalse("no key store password in the log", text.contains(password));
        assertFalse("no SSH key in the log", text.contains(server.privateKeyPem().lines().skip(1).findFirst()
                .orElseThrow()));
    }

    @Test
    public void aFailedTargetFailsTheRunKeepsTheCertificateAndTheScheduledRenewalDeploysItLater() throws Exception {
        var p = parameters("later-tls", CertificateRunPebbleTest.http(pebble.get()),
                deploy(web1("/missing", List.of()), TestChallenges.sftp("web2", server.spec("web-ssh"), "/tls",
                        List.of(), null, null, null)));

        var failure = assertThrows(DeployException.class, () -> run(p));

        var message = StepErrors.message(failure);
        assertTrue(message, message.startsWith("acmeCertificate: Deploy failed for 1 of 2 targets:\n  - web1: FAILED"));
        assertFalse(message, message.contains("web2: FAILED"));
        assertTrue("web2 got it anyway", Files.isRegularFile(server.root().resolve("tls/fullchain.pem")));
        assertTrue("the new certificate stays in its credential", store.raw("later-tls").isPresent());
        var record = registry().find("", "later-tls").orElseThrow();
        assertTrue(record.lastRun().failed());
        assertTrue(record.lastRun().message(), record.lastRun().message().contains("web1: FAILED"));

        Files.createDirectories(server.root().resolve("missing"));
        long requests = pebble.get().requestCount("");
        var summary = new ScheduledRenewal(registry(), environment(), Clock.systemUTC())
                .run(event -> out.println(event.message()));

        assertEquals("run again because it failed; not renewed, as it is not due",
                new ScheduledRenewal.Summary(1, 0, 0), summary);
        assertEquals(requests, pebble.get().requestCount(""));
        assertEquals(Files.readString(server.root().resolve("tls/fullchain.pem")),
                Files.readString(server.root().resolve("missing/fullchain.pem")));
        assertFalse(registry().find("", "later-tls").orElseThrow().lastRun().failed());
    }

    private ScheduledRenewal.Environment environment() throws Exception {
        var settings = CertificateRunPebbleTest.settings(pebble.get());
        return new ScheduledRenewal.Environment() {
            @Override
            public CredentialsBackend backend(ManagedCertificate record) {
                return store;
            }

            @Override
            public CredentialLookup credentials(ManagedCertificate record) {
                return credentials;
            }

            @Override
            public CredentialLookup secrets() {
                return CredentialLookup.NONE;
            }

            @Override
            public GlobalSettings settings() {
                return settings;
            }

            @Override
            public boolean fipsMode() {
                return false;
            }
        };
    }

    @Test
    public void aKeyStorePasswordFromASecretTextCredential() throws Exception {
        var tomcat = "tomcat-keystore-" + System.nanoTime();
        credentials.put(new UserCredential.SecretText("site-keystore", tomcat));
        var target = web1("/tls", List.of(TestChallenges.file("keystore.p12", "site.p12", null, null, null)));
        var p = parameters("tomcat-tls", CertificateRunPebbleTest.http(pebble.get()),
                CertificateDescription.builder().targets(List.of(target)).deployParallelism(1)
                        .keystorePassword("site-keystore"));

        run(p);

        var keyStore = Pkcs12.decode(Files.readAllBytes(server.root().resolve("tls/site.p12")), tomcat.toCharArray());
        assertTrue(keyStore.isKeyEntry("tomcat-tls"));
        assertNotEquals(tomcat, stored("tomcat-tls").password());
        assertTrue(stored("tomcat-tls").password().length() >= CertificateCredentialMapper.MIN_PASSWORD_LENGTH);
        assertFalse(log.toString(StandardCharsets.UTF_8).contains(tomcat));
    }

    @Test
    public void http01ThroughTheWebServersSftpAndBackOnTheSameServer() throws Exception {
        var webroot = Files.createDirectories(server.root().resolve("www"));
        var http = StaticFileServer.start(webroot, pebble.get().httpPort());
        StepResult result;
        try {
            var challenge = TestChallenges.sftpWebroot(server.spec("web-ssh"), "/www");
            result = run(parameters("sftp-webroot-tls", challenge, deploy(web1("/tls", List.of()))));
        } finally {
            http.close();
        }
        assertTrue(result.renewed());
        assertEquals(Map.of("web1", "DEPLOYED"), result.deployed());
        assertFalse("the token and the folders it needed are gone",
                Files.exists(webroot.resolve(".well-known")));
        assertEquals("sftpWebroot", registry().find("", "sftp-webroot-tls").orElseThrow().template().certificate()
                .challenge().type().symbol());
    }

    @Test
    public void aUsernameWithPasswordCredentialLogsInAndAWrongPasswordNamesTheTargetOnly() throws Exception {
        credentials.put(new UserCredential.UsernamePassword("web-password", MinaSftpServer.USER,
                MinaSftpServer.PASSWORD));
        credentials.put(new UserCredential.UsernamePassword("wrong-password", MinaSftpServer.USER, "not-the-password"));
        var good = TestChallenges.sftp("web1", server.spec("web-password"), "/tls", List.of(), null, null, null);
        assertEquals(Map.of("web1", "DEPLOYED"), run(parameters("password-tls",
                CertificateRunPebbleTest.http(pebble.get()), deploy(good))).deployed());

        var bad = TestChallenges.sftp("web2", server.spec("wrong-password"), "/tls", List.of(), null, null, null);
        var failure = assertThrows(DeployException.class, () -> run(parameters("password-tls",
                CertificateRunPebbleTest.http(pebble.get()), deploy(good, bad))));
        assertTrue(failure.getMessage(), failure.getMessage().contains("web2: FAILED"));
        assertFalse(failure.getMessage(), failure.getMessage().contains("not-the-password"));
        assertFalse(log.toString(StandardCharsets.UTF_8).contains(MinaSftpServer.PASSWORD));
    }

    @Test
    public void storedKeyContentIsWhatWasDeployed() throws Exception {
        var p = parameters("content-tls", CertificateRunPebbleTest.http(pebble.get()), deploy(web1("/tls", List.of())));
        run(p);
        var entry = stored("content-tls");
        var keyStore = Pkcs12.decode(((KeyStoreContent.Pkcs12) entry.content()).bytes(), entry.password()
                .toCharArray());
        var key = keyStore.getKey("content-tls", entry.password().toCharArray());
        assertEquals(Pem.privateKey((java.security.PrivateKey) key),
                Files.readString(server.root().resolve("tls/privkey.pem")));
    }

    @Test
    public void aTargetTypeAddedThroughTheCoreInterfaceIsDeployedFromTheStepAndByTheRenewal() throws Exception {
        var site = temp.newFolder("journal-site").toPath();
        var journal = temp.getRoot().toPath().resolve("journal.log");
        var step = new io.github.acmecertificate.jenkins.AcmeCertificateStep("journal.example.test", "journal-tls");
        step.setServer("pebble");
        step.setAcceptTermsOfService(true);
        var challenge = new io.github.acmecertificate.jenkins.Http01Challenge();
        challenge.setAddress("127.0.0.1");
        challenge.setPort(pebble.get().httpPort());
        step.setChallenge(challenge);
        var target = new io.github.acmecertificate.jenkins.GenericDeployTarget("journal");
        target.setOptions("name=journal1\ndirectory=" + site + "\njournal=" + journal);
        step.setDeploy(List.of(target));

        var result = run(step.toSettings("team/site").certificate());

        assertEquals(Map.of("journal1", "DEPLOYED"), result.deployed());
        var written = Files.readAllLines(journal);
        assertEquals("fullchain.pem and privkey.pem, through the test-only target's connection", 2, written.size());
        assertTrue(written.toString(), written.stream().allMatch(line -> line.startsWith(site.toString())));
        assertTrue(Files.isRegularFile(site.resolve("fullchain.pem")));
        var record = registry().find("", "journal-tls").orElseThrow();
        assertEquals("the renewal record keeps the target as the core describes it", "journal",
                record.template().certificate().targets().get(0).type());
        assertEquals(journal.toString(), record.template().certificate().targets().get(0).get("journal"));
    }
}
