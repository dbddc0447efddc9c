package io.github.acmecertificate.jenkins.run;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;

import io.github.acmecertificate.core.CertificateDescription;
import io.github.acmecertificate.core.deploy.CertificateFile;
import io.github.acmecertificate.core.deploy.SftpTarget;
import io.github.acmecertificate.core.exception.InvalidInputException;
import io.github.acmecertificate.core.exception.InvalidInputException.Problem;
import io.github.acmecertificate.core.key.KeyType;
import io.github.acmecertificate.core.key.Pem;
import io.github.acmecertificate.core.deploy.TargetDescription;
import io.github.acmecertificate.core.deploy.TargetDescription.FileEntry;
import io.github.acmecertificate.jenkins.challenge.TestChallenges;
import io.github.acmecertificate.jenkins.challenge.TestChallenges.Ssh;
import io.github.acmecertificate.jenkins.credentials.InMemoryCredentialLookup;
import io.github.acmecertificate.jenkins.credentials.LookupContext;
import io.github.acmecertificate.jenkins.credentials.UserCredential;
import io.github.acmecertificate.jenkins.managed.CertificateSettings;
import io.github.acmecertificate.jenkins.run.FormChecks.Kind;
import io.github.acmecertificate.testca.DurationForms;
import org.junit.After;
import org.junit.Test;

/**
 * The step's deploy targets and options, as the core's descriptions, turned into the core's
 * deploy plan with the build's credentials, every mistake reported before anything is ordered.
 */
public class DeployPlanTest {

    static final String FINGERPRINT = "SHA256:uNiVztksCsDhcc0u9e8BujQXVUpKZIDTMczCvj3tD2s";

    private final InMemoryCredentialLookup credentials = new InMemoryCredentialLookup();
    private final LookupContext knownHosts = new LookupContext(credentials);

    @After
    public void removeKnownHosts() {
        knownHosts.close();
    }

    static TargetDescription target(String name, String credentialsId, String directory, FileEntry... files) {
        return TestChallenges.sftp(name, new Ssh("web1.example.test", 22, credentialsId, null, FINGERPRINT),
                directory, List.of(files), "sudo systemctl reload nginx", "443", null);
    }

    private static CertificateDescription.Builder deploy(TargetDescription... targets) {
        return CertificateDescription.builder().targets(List.of(targets));
    }

    private io.github.acmecertificate.core.deploy.DeployPlan plan(CertificateDescription.Builder settings)
            throws Exception {
        return CertificateRun.plan(settings.build(), knownHosts);
    }

    private void sshKey(String id) throws Exception {
        credentials.put(new UserCredential.SshPrivateKey(id, "deploy",
                List.of(Pem.privateKey(KeyType.EC_P256.generate().getPrivate())), null));
    }

    @Test
    public void recordsRoundTripWithoutSecrets() {
        var spec = deploy(target("web1", "ssh", "/etc/nginx/tls",
                TestChallenges.file("fullchain.pem", null, null, null, null),
                TestChallenges.file("privkey.pem", "key.pem", "0640", "root", "www-data")),
                TestChallenges.sftp("", new Ssh("app1", 2222, "ssh", "app1 ssh-ed25519 AAAA\napp1 ssh-rsa BBBB", null),
                        null, List.of(), null, null, null)).deployParallelism(3).deployForce(true)
                .deployCommandTimeout("PT1M").deployVerifyTimeout("45")
                        .keystorePassword("keystore-password")
                .build();
        var record = spec.toRecord();
        assertEquals("2", record.get("targets"));
        assertEquals("www-data", record.get("targets.0.file.1.group"));
        assertEquals("ssh", record.get("targets.1.credential"));
        assertEquals(spec, CertificateDescription.fromRecord(record));
        assertEquals(List.of(), CertificateSettings.fromRecord(Map.of()).certificate().targets());
        assertThrows(IllegalArgumentException.class, () -> CertificateSettings.fromRecord(Map.of("deploy", "two")));
    }

    @Test
    public void preparesTheCoresTargetsWithTheBuildsSshKey() throws Exception {
        sshKey("web-ssh");
        var spec = deploy(target("web1", "web-ssh", "/etc/nginx/tls",
                TestChallenges.file("fullchain.pem", null, null, null, null),
                TestChallenges.file("keystore.p12", "site.p12", null, null, "tomcat")));

        var deployment = plan(spec);

        var target = (SftpTarget) deployment.targets().get(0);
        assertEquals("web1", target.name());
        assertEquals("deploy@web1.example.test:22", target.endpoint().describe());
        assertEquals(List.of("/etc/nginx/tls/fullchain.pem", "/etc/nginx/tls/site.p12"),
                target.files().stream().map(f -> f.path()).toList());
        assertEquals(CertificateFile.KEYSTORE, target.files().get(1).source());
        assertEquals("sudo systemctl reload nginx", target.reloadCommand().orElseThrow());
        assertEquals("web1.example.test:443", target.tlsCheck().orElseThrow().toString());
        assertEquals(List.of("web-ssh"), credentials.used());
        assertTrue(plan(CertificateDescription.builder()).isEmpty());
    }

    @Test
    public void everyMistakeIsReportedBeforeAnythingIsOrdered() throws Exception {
        sshKey("web-ssh");
        credentials.put(new UserCredential.SecretText("token", "t"));
        var spec = deploy(
                target("web1", "web-ssh", "relative", TestChallenges.file("key.pem", null, null, null, null)),
                target("web1", "web-ssh", "/tls"),
                target("web3", "token", "/tls"),
                target("web4", "absent", "/tls"),
                new TargetDescription("local", Map.of("directory", "/var/lib/jenkins"), null))
                .deployParallelism(0).deployCommandTimeout("soon").deployVerifyTimeout("-PT1S")
                .keystorePassword("absent-password");

        var ex = assertThrows(InvalidInputException.class, () -> plan(spec));

        var fields = ex.problems().stream().map(Problem::field).toList();
        assertEquals(List.of("targets.directory", "targets.files.source", "targets.credential",
                "targets.credential", "targets.type", "deployParallelism", "deployCommandTimeout",
                "deployVerifyTimeout", "keystorePassword"), fields);
        assertTrue("no folder on the controller", ex.problems().get(4).problem().contains("sftp"));
        assertTrue(ex.getMessage(), ex.problems().get(2).problem().startsWith("target web3: "));
        assertTrue(ex.getMessage(), ex.problems().get(2).problem().contains("a Secret text credential"));
        assertFalse(ex.getMessage(), ex.getMessage().contains("duplicate"));
    }

    @Test
    public void twoTargetsWithOneNameAreRefusedByTheCore() throws Exception {
        sshKey("web-ssh");
        var spec = deploy(target("web1", "web-ssh", "/a"), target("web1", "web-ssh", "/b"));
        var ex = assertThrows(InvalidInputException.class, () -> plan(spec));
        assertEquals("targets.name", ex.field());
    }

    @Test
    public void aKeyStorePasswordCredentialMustHoldASecret() throws Exception {
        sshKey("web-ssh");
        credentials.put(new UserCredential.UsernamePassword("tomcat", "ignored", "tomcat-password"));
        var spec = deploy(target("web1", "web-ssh", "/tls",
                TestChallenges.file("keystore.p12", null, null, null, null))).deployParallelism(1)
                .keystorePassword("tomcat");
        var planned = plan(spec);
        assertFalse(planned.isEmpty());
        assertEquals("tomcat-password", new String(planned.options().keystorePassword().orElseThrow()));
        var ssh = spec.keystorePassword("web-ssh");
        var ex = assertThrows(InvalidInputException.class, () -> plan(ssh));
        assertEquals("keystorePassword", ex.field());
        assertTrue(ex.getMessage(), StepErrors.message(ex).contains("keystorePasswordCredentialsId"));
    }

    @Test
    public void everyDurationFormIsReadTheSameByTheStepAndItsForm() throws Exception {
        sshKey("web-ssh");
        for (var form : DurationForms.VALID) {
            var spec = deploy(target("web1", "web-ssh", "/tls")).deployParallelism(1)
                    .deployCommandTimeout(form.text()).deployVerifyTimeout(form.text());
            var deployment = plan(spec).options();
            assertEquals(form.text(), form.expected(), deployment.commandTimeout());
            assertEquals(form.text(), form.expected(), deployment.verifyTimeout());
            assertEquals(form.text(), Kind.OK, FormChecks.duration(form.text()).kind());
            assertEquals(form.text(), Kind.OK, FormChecks.renewBefore(form.text()).kind());
        }
        for (var text : DurationForms.INVALID) {
            var spec = deploy(target("web1", "web-ssh", "/tls")).deployParallelism(1).deployCommandTimeout(text);
            var ex = assertThrows(text, InvalidInputException.class, () -> plan(spec));
            assertEquals("deployCommandTimeout", ex.field());
            var check = FormChecks.duration(text);
            assertEquals(text, Kind.ERROR, check.kind());
            assertEquals(ex.problems().get(0).problem(), check.message());
        }
    }

    @Test
    public void aTargetTypeOnTheClassPathIsDeployedByItsNameAndKeptInTheRecord() throws Exception {
        var site = java.nio.file.Files.createTempDirectory("site");
        var journal = site.resolveSibling(site.getFileName() + ".journal");
        try {
            var description = new io.github.acmecertificate.core.deploy.TargetDescription("journal",
                    Map.of("name", "test-only", "directory", site.toString(), "journal", journal.toString()), null);
            var step = new io.github.acmecertificate.jenkins.AcmeCertificateStep("site.example.test", "site");
            var written = new io.github.acmecertificate.jenkins.GenericDeployTarget("journal");
            written.setOptions("name=test-only, directory=" + site + ", journal=" + journal);
            step.setDeploy(List.of(written));
            step.setDeployParallelism(1);
            step.setDeployCommandTimeout("2m");
            var spec = step.toSettings("team/site");
            assertEquals("the step builds the core's description", List.of(description),
                    spec.certificate().targets());
            assertEquals("the record keeps it", spec, CertificateSettings.fromRecord(spec.toRecord()));
            assertEquals(Kind.OK, FormChecks.targetOptions("journal", written.getOptions()).kind());
            assertEquals(Kind.ERROR, FormChecks.targetOptions("journal", "mode=0600").kind());

            var plan = CertificateRun.plan(spec.certificate(), knownHosts);
            var bundle = io.github.acmecertificate.core.store.credentials.TestCertificates.bundle("site", "site.example.test");
            var store = new InMemoryPasswords();
            var report = new io.github.acmecertificate.core.CertificateRollout(null, store).deploy(bundle, plan,
                    event -> { });
            assertEquals(List.of(io.github.acmecertificate.core.deploy.DeployResult.Status.DEPLOYED),
                    report.results().stream().map(r -> r.status()).toList());
            assertTrue(java.nio.file.Files.isRegularFile(site.resolve("fullchain.pem")));
            assertEquals(2, java.nio.file.Files.readAllLines(journal).size());
        } finally {
            try (var walk = java.nio.file.Files.walk(site)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
            java.nio.file.Files.deleteIfExists(journal);
        }
    }

    /** A store without key store passwords: the journal target writes no keystore.p12. */
    private static final class InMemoryPasswords implements io.github.acmecertificate.core.store.CertificateStore {
        @Override
        public java.util.Optional<io.github.acmecertificate.core.store.CertificateBundle> load(String name) {
            return java.util.Optional.empty();
        }

        @Override
        public void save(io.github.acmecertificate.core.store.CertificateBundle bundle) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Lock lock(String name, java.time.Duration timeout,
                io.github.acmecertificate.core.event.ProgressListener listener) {
            return () -> { };
        }

        @Override
        public String location(String name) {
            return name;
        }
    }
}
