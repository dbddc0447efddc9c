package io.github.acmecertificate.jenkins.deploy;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;

import io.github.acmecertificate.core.deploy.CertificateFile;
import io.github.acmecertificate.core.deploy.SftpTarget;
import io.github.acmecertificate.core.exception.InvalidInputException;
import io.github.acmecertificate.core.exception.InvalidInputException.Problem;
import io.github.acmecertificate.core.key.KeyType;
import io.github.acmecertificate.core.key.Pem;
import io.github.acmecertificate.jenkins.credentials.InMemoryCredentialLookup;
import io.github.acmecertificate.jenkins.credentials.UserCredential;
import io.github.acmecertificate.jenkins.ssh.KnownHostsFiles;
import io.github.acmecertificate.jenkins.run.FormChecks;
import io.github.acmecertificate.jenkins.run.FormChecks.Kind;
import io.github.acmecertificate.jenkins.ssh.SshSpec;
import io.github.acmecertificate.testca.DurationForms;
import org.junit.After;
import org.junit.Test;

public class DeploySpecTest {

    static final String FINGERPRINT = "SHA256:uNiVztksCsDhcc0u9e8BujQXVUpKZIDTMczCvj3tD2s";

    private final KnownHostsFiles knownHosts = new KnownHostsFiles();
    private final InMemoryCredentialLookup credentials = new InMemoryCredentialLookup();

    @After
    public void removeKnownHosts() {
        knownHosts.close();
    }

    static SftpTargetSpec target(String name, String credentialsId, String directory, TargetFileSpec... files) {
        return new SftpTargetSpec(name, new SshSpec("web1.example.test", 22, credentialsId, null, FINGERPRINT),
                directory, List.of(files), "sudo systemctl reload nginx", "443", null);
    }

    private void sshKey(String id) throws Exception {
        credentials.put(new UserCredential.SshPrivateKey(id, "deploy",
                List.of(Pem.privateKey(KeyType.EC_P256.generate().getPrivate())), null));
    }

    @Test
    public void recordsRoundTripWithoutSecrets() {
        var spec = new DeploySpec(List.of(target("web1", "ssh", "/etc/nginx/tls",
                new TargetFileSpec("fullchain.pem", null, null, null, null),
                new TargetFileSpec("privkey.pem", "key.pem", "0640", "root", "www-data")),
                new SftpTargetSpec("", new SshSpec("app1", 2222, "ssh", "app1 ssh-ed25519 AAAA\napp1 ssh-rsa BBBB", null),
                        null, List.of(), null, null, null)), 3, true, "PT1M", "45", "keystore-password");
        var record = spec.toRecord();
        assertEquals("2", record.get("targets"));
        assertEquals("www-data", record.get("0.file.1.group"));
        assertEquals(spec, DeploySpec.fromRecord(record));
        assertEquals(Map.of(), DeploySpec.NONE.toRecord());
        assertEquals(DeploySpec.NONE, DeploySpec.fromRecord(Map.of()));
        assertThrows(IllegalArgumentException.class, () -> DeploySpec.fromRecord(Map.of("targets", "two")));
        assertEquals("sftp(name: 'web1', host: 'web1.example.test', credentialsId: 'ssh'), "
                + "sftp(host: 'app1', port: 2222, credentialsId: 'ssh')", spec.describe());
    }

    @Test
    public void preparesTheCoresTargetsWithTheBuildsSshKey() throws Exception {
        sshKey("web-ssh");
        var spec = new DeploySpec(List.of(target("web1", "web-ssh", "/etc/nginx/tls",
                new TargetFileSpec("fullchain.pem", null, null, null, null),
                new TargetFileSpec("keystore.p12", "site.p12", null, null, "tomcat"))), 4, false, null, null, null);

        var deployment = spec.prepare(credentials, knownHosts);

        var target = (SftpTarget) deployment.targets().get(0);
        assertEquals("web1", target.name());
        assertEquals("deploy@web1.example.test:22", target.endpoint().describe());
        assertEquals(List.of("/etc/nginx/tls/fullchain.pem", "/etc/nginx/tls/site.p12"),
                target.files().stream().map(f -> f.path()).toList());
        assertEquals(CertificateFile.KEYSTORE, target.files().get(1).source());
        assertEquals("sudo systemctl reload nginx", target.reloadCommand().orElseThrow());
        assertEquals("web1.example.test:443", target.tlsCheck().orElseThrow().toString());
        assertEquals(List.of("web-ssh"), credentials.used());
        assertTrue(DeploySpec.NONE.prepare(credentials, knownHosts).isEmpty());
    }

    @Test
    public void everyMistakeIsReportedBeforeAnythingIsOrdered() throws Exception {
        sshKey("web-ssh");
        credentials.put(new UserCredential.SecretText("token", "t"));
        var spec = new DeploySpec(List.of(
                target("web1", "web-ssh", "relative", new TargetFileSpec("key.pem", null, null, null, null)),
                target("web1", "web-ssh", "/tls"),
                target("web3", "token", "/tls"),
                target("web4", "absent", "/tls")), 0, false, "soon", "-PT1S", "absent-password");

        var ex = assertThrows(InvalidInputException.class, () -> spec.prepare(credentials, knownHosts));

        var fields = ex.problems().stream().map(Problem::field).toList();
        assertEquals(List.of("targets.directory", "targets.files.source", "targets.credentialsId",
                "targets.credentialsId", "deployCommandTimeout", "deployVerifyTimeout", "keystorePasswordCredentialsId",
                "deployParallelism"), fields);
        assertTrue(ex.getMessage(), ex.problems().get(2).problem().startsWith("target web3: "));
        assertTrue(ex.getMessage(), ex.problems().get(2).problem().contains("a Secret text credential"));
        assertFalse(ex.getMessage(), ex.getMessage().contains("duplicate"));
    }

    @Test
    public void twoTargetsWithOneNameAreRefusedByTheCore() throws Exception {
        sshKey("web-ssh");
        var spec = new DeploySpec(List.of(target("web1", "web-ssh", "/a"), target("web1", "web-ssh", "/b")), 4, false,
                null, null, null);
        var ex = assertThrows(InvalidInputException.class, () -> spec.prepare(credentials, knownHosts));
        assertEquals("targets.name", ex.field());
    }

    @Test
    public void aKeyStorePasswordCredentialMustHoldASecret() throws Exception {
        sshKey("web-ssh");
        credentials.put(new UserCredential.UsernamePassword("tomcat", "ignored", "tomcat-password"));
        var spec = new DeploySpec(List.of(target("web1", "web-ssh", "/tls",
                new TargetFileSpec("keystore.p12", null, null, null, null))), 1, false, null, null, "tomcat");
        assertFalse(spec.prepare(credentials, knownHosts).isEmpty());
        var ssh = new DeploySpec(spec.targets(), 1, false, null, null, "web-ssh");
        var ex = assertThrows(InvalidInputException.class, () -> ssh.prepare(credentials, knownHosts));
        assertEquals("keystorePasswordCredentialsId", ex.field());
    }

    @Test
    public void everyDurationFormIsReadTheSameByTheStepAndItsForm() throws Exception {
        sshKey("web-ssh");
        for (var form : DurationForms.VALID) {
            var spec = new DeploySpec(List.of(target("web1", "web-ssh", "/tls")), 1, false, form.text(), form.text(),
                    null);
            var deployment = spec.prepare(credentials, knownHosts);
            assertEquals(form.text(), form.expected(), deployment.commandTimeout());
            assertEquals(form.text(), form.expected(), deployment.verifyTimeout());
            assertEquals(form.text(), Kind.OK, FormChecks.duration(form.text()).kind());
            assertEquals(form.text(), Kind.OK, FormChecks.renewBefore(form.text()).kind());
        }
        for (var text : DurationForms.INVALID) {
            var spec = new DeploySpec(List.of(target("web1", "web-ssh", "/tls")), 1, false, text, null, null);
            var ex = assertThrows(text, InvalidInputException.class, () -> spec.prepare(credentials, knownHosts));
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
            var spec = new DeploySpec(List.of(new OtherTargetSpec(description)), 1, false, "2m", null, null);
            assertEquals(spec, DeploySpec.fromRecord(spec.toRecord()));
            assertEquals("deployTarget(type: 'journal', name: 'test-only')", spec.describe());

            var plan = spec.prepare(credentials, knownHosts).plan();
            var bundle = io.github.acmecertificate.jenkins.store.TestCertificates.bundle("site", "site.example.test");
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
