package io.github.acmecertificate.jenkins.managed;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

import io.github.acmecertificate.core.CertificateDescription;
import io.github.acmecertificate.core.store.CertificateMetadata;
import io.github.acmecertificate.jenkins.challenge.TestChallenges;
import io.github.acmecertificate.jenkins.challenge.TestChallenges.Ssh;
import io.github.acmecertificate.jenkins.status.ManagedStates;
import io.github.acmecertificate.jenkins.status.ManagedStatus;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class ManagedCertificateTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    static final Instant NOT_BEFORE = Instant.parse("2026-01-01T00:00:00Z");

    /** The certificate facts a record keeps, as the core's metadata. */
    public static CertificateMetadata certificate(String id, List<String> names, String ca, String keyType,
            Instant notBefore, Instant notAfter) {
        return new CertificateMetadata(id, names, ca, Optional.of(keyType), Optional.empty(), Optional.empty(),
                Optional.empty(), notBefore, notBefore, notAfter);
    }

    static ManagedCertificate record(String context, String id, boolean failed) {
        var template = CertificateDescription.builder().name(id).domains("example.test, www.example.test")
                .server("letsencrypt-staging").acceptTermsOfService(true).email("ops@example.test")
                .account("acme-account-x").keyType("ec-p256").renewBefore("P30D")
                .challenge(TestChallenges.webroot("/var/www/html")).build();
        return new ManagedCertificate(context, certificate(id, List.of("example.test", "www.example.test"),
                "https://acme-staging-v02.api.letsencrypt.org/directory", "ec-p256", NOT_BEFORE,
                NOT_BEFORE.plus(Duration.ofDays(90))),
                "3a0f", NOT_BEFORE.plus(Duration.ofDays(60)), new CertificateSettings(template, ""),
                new LastRun(NOT_BEFORE, "team/site #3", failed, failed ? "acmeCertificate: boom" : "issued"));
    }

    @Test
    public void propertiesRoundTrip() throws Exception {
        for (var record : List.of(record("", "web-tls", false), record("team/site", "api-tls", true),
                record("", "x", false).withLastRun(new LastRun(Instant.EPOCH, "", false, "")))) {
            var text = new StringWriter();
            record.toProperties().store(text, null);
            var read = new Properties();
            read.load(new StringReader(text.toString()));
            assertEquals(record, ManagedCertificate.fromProperties(read));
        }
        var http = CertificateDescription.builder().name("h").domains("a.test").server("https://ca.test/dir")
                .account("acct").keyType("rsa-2048").challenge(TestChallenges.http01("127.0.0.1", 5002))
                .build();
        var record = new ManagedCertificate("", certificate("h", List.of("a.test"), "https://ca.test/dir", "rsa-2048",
                NOT_BEFORE, NOT_BEFORE.plusSeconds(60)),
                "1", NOT_BEFORE.plusSeconds(40), new CertificateSettings(http, ""),
                new LastRun(NOT_BEFORE, "b", false, "m"));
        assertEquals(record, ManagedCertificate.fromProperties(record.toProperties()));
    }

    @Test
    public void dns01SftpWebrootAndDeployTargetsRoundTripWithTheJob() throws Exception {
        var target = TestChallenges.sftp("web1", new Ssh("web1.example.test", 22, "web-ssh",
                "web1.example.test ssh-ed25519 AAAAC3Nza\nweb1.example.test ssh-rsa AAAAB3", null), "/etc/nginx/tls",
                List.of(TestChallenges.file("fullchain.pem", null, null, null, null),
                        TestChallenges.file("privkey.pem", "key.pem", "0640", null, "www-data")),
                "sudo nginx -t && sudo systemctl reload nginx", "443", "example.test");
        for (var challenge : List.of(
                TestChallenges.dns01("rfc2136", "tsig", "nameserver=ns1.example.test\ntsigAlgorithm=hmac-sha512",
                        "PT3M", "3",
                        false, "192.0.2.1", 53, true, null),
                TestChallenges.sftpWebroot(new Ssh("web1.example.test", 2222, "web-ssh", null,
                        "SHA256:uNiVztksCsDhcc0u9e8BujQXVUpKZIDTMczCvj3tD2s"), "/var/www/html"))) {
            var template = new CertificateSettings(CertificateDescription.builder().name("site-tls")
                    .domains("*.example.test, example.test")
                    .server("letsencrypt").acceptTermsOfService(true).account("acct").keyType("ec-p256")
                    .challenge(challenge).targets(List.of(target)).deployParallelism(2).deployCommandTimeout("PT1M")
                    .keystorePassword("keystore-password").build(), "team/site");
            var record = new ManagedCertificate("team", certificate("site-tls", List.of("*.example.test",
                    "example.test"), "https://ca.test/dir", "ec-p256", NOT_BEFORE, NOT_BEFORE.plusSeconds(60)),
                "1", NOT_BEFORE.plusSeconds(40), template,
                new LastRun(NOT_BEFORE, "team/site #1", false, "issued"));
            var text = new StringWriter();
            record.toProperties().store(text, null);
            var read = new Properties();
            read.load(new StringReader(text.toString()));
            assertEquals(record, ManagedCertificate.fromProperties(read));
            assertEquals("team/site", read.getProperty("template.job"));
            assertEquals("web1.example.test", read.getProperty("template.targets.0.host"));
        }
    }

    @Test
    public void aRecordWithoutDeployOrJobReadsAsNone() {
        var p = record("", "web-tls", false).toProperties();
        p.remove("template.job");
        p.remove("template.targets");
        var read = ManagedCertificate.fromProperties(p);
        assertEquals(List.of(), read.template().certificate().targets());
        assertEquals("", read.template().job());
    }

    @Test
    public void aRecordWrittenWithTheStepsParameterNamesStillLoads() throws Exception {
        var p = record("team", "site-tls", false).toProperties();
        p.stringPropertyNames().stream().filter(k -> k.startsWith("template.")).forEach(p::remove);
        // The template as records written before the core's description kept it.
        p.load(new StringReader(String.join("\n", "template.credentialsId=site-tls",
                "template.domains=*.example.test, example.test", "template.server=letsencrypt",
                "template.acceptTermsOfService=true", "template.email=", "template.accountCredentialsId=acct",
                "template.keyType=ec-p256", "template.renewBefore=P30D", "template.force=false",
                "template.challenge=dns-01", "template.challenge.provider=rfc2136",
                "template.challenge.credential=tsig",
                "template.deployParallelism=2", "template.deployForce=false", "template.deployCommandTimeout=PT1M",
                "template.deployVerifyTimeout=", "template.keystorePasswordCredentialsId=keystore-password",
                "template.job=team/site", "template.profile=shortlived", "template.deploy=1",
                "template.deploy.0.type=sftp", "template.deploy.0.name=web1",
                "template.deploy.0.host=web1.example.test",
                "template.deploy.0.credential=web-ssh", "template.deploy.0.files=1",
                "template.deploy.0.file.0.source=privkey.pem", "template.deploy.0.file.0.path=key.pem",
                "template.deploy.0.file.0.mode=0640", "template.deploy.0.file.0.owner=",
                "template.deploy.0.file.0.group=www-data")));

        var template = ManagedCertificate.fromProperties(p).template();

        assertEquals("team/site", template.job());
        var expected = CertificateDescription.builder().name("site-tls").domains("*.example.test, example.test")
                .server("letsencrypt").acceptTermsOfService(true).account("acct").keyType("ec-p256")
                .renewBefore("P30D").force(false).challenge(TestChallenges.dns01("rfc2136", "tsig", null))
                .deployParallelism(2).deployForce(false).deployCommandTimeout("PT1M")
                .keystorePassword("keystore-password").profile("shortlived")
                .targets(List.of(new io.github.acmecertificate.core.deploy.TargetDescription("sftp",
                        java.util.Map.of("name", "web1", "host", "web1.example.test", "credential", "web-ssh"),
                        List.of(TestChallenges.file("privkey.pem", "key.pem", "0640", null, "www-data")))))
                .build();
        assertEquals(expected, template.certificate());
        assertEquals("what was read is written under the core's names", template,
                ManagedCertificate.fromProperties(ManagedCertificate.fromProperties(p).toProperties()).template());
        assertEquals("site-tls", ManagedCertificate.fromProperties(p).toProperties().getProperty("template.name"));
    }

    @Test
    public void recordsHoldNoSecretAndRejectUnknownFormats() {
        var p = record("", "web-tls", false).toProperties();
        assertEquals("/var/www/html", p.getProperty("template.challenge.path"));
        assertEquals("http-01-webroot", p.getProperty("template.challenge"));
        p.setProperty("format", "99");
        assertThrows(IllegalArgumentException.class, () -> ManagedCertificate.fromProperties(p));
        var missing = record("", "web-tls", false).toProperties();
        missing.remove("notAfter");
        var ex = assertThrows(IllegalArgumentException.class, () -> ManagedCertificate.fromProperties(missing));
        assertTrue(ex.getMessage().contains("notAfter"));
    }

    // The monitor shows the core's status of each record (ManagedStatus), as the status page does.
    private ManagedStatus status(ManagedCertificate record, Instant now) {
        return ManagedStatus.of(record, new ManagedStates(temp.getRoot().toPath().resolve("state")), now);
    }

    @Test
    public void healthFollowsTheRenewalWindow() {
        var ok = record("", "web-tls", false);
        assertTrue(status(ok, NOT_BEFORE.plus(Duration.ofDays(10))).isHealthy());
        var expired = status(ok, NOT_BEFORE.plus(Duration.ofDays(90)));
        assertFalse(expired.isHealthy());
        assertTrue(expired.getProblems(), expired.getProblems().contains("expired at"));
        assertFalse(status(record("", "web-tls", true), NOT_BEFORE.plus(Duration.ofDays(1))).isHealthy());
    }

    @Test
    public void theMonitorListsWhatNeedsAttention() {
        var now = NOT_BEFORE.plus(Duration.ofDays(80));
        var due = status(record("", "fine", false).withLastRun(new LastRun(now, "x", false, "")), now);
        var broken = status(record("team/site", "broken", true), now);
        assertFalse(due.isHealthy());
        assertTrue(due.getProblems(), due.getProblems().contains("past its renewal time"));
        assertFalse(broken.isHealthy());
        assertEquals("folder team/site", broken.getStore());
        assertEquals("example.test, www.example.test", broken.getNames());
        assertTrue(broken.getProblems(), broken.getProblems().contains("acmeCertificate: boom"));
        assertTrue(status(record("", "ok", false), NOT_BEFORE.plusSeconds(60)).isHealthy());
    }

    @Test
    public void registryKeepsOneFilePerStoreAndId() throws Exception {
        var registry = new ManagedCertificateRegistry(temp.getRoot().toPath().resolve("managed"));
        assertTrue(registry.all().isEmpty());
        assertTrue(registry.find("", "web-tls").isEmpty());
        registry.save(record("", "web-tls", false));
        registry.save(record("team/site", "web-tls", false));
        registry.save(record("", "web-tls", false));
        assertEquals(2, registry.all().size());
        assertEquals("team/site", registry.find("team/site", "web-tls").get().context());

        assertTrue(registry.recordFailure("team/site", "web-tls", "scheduled renewal", "no route", Instant.EPOCH));
        assertFalse("no record, nothing to mark", registry.recordFailure("", "other", "x", "y", Instant.EPOCH));
        var failed = registry.find("team/site", "web-tls").get();
        assertTrue(failed.lastRun().failed());
        assertEquals("no route", failed.lastRun().message());
        assertFalse(registry.find("", "web-tls").get().lastRun().failed());

        registry.remove("", "web-tls");
        assertEquals(1, registry.all().size());
        try (var files = Files.list(registry.folder())) {
            assertEquals("no temporary file left behind", 1, files.count());
        }
    }

    @Test
    public void anUnreadableRecordIsSkipped() throws Exception {
        var registry = new ManagedCertificateRegistry(temp.getRoot().toPath());
        registry.save(record("", "good", false));
        Files.writeString(temp.getRoot().toPath().resolve("broken-0.properties"), "format=2\n");
        assertEquals(1, registry.all().size());
    }
}
