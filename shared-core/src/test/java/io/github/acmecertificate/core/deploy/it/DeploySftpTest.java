package io.github.acmecertificate.core.deploy.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import io.github.acmecertificate.core.deploy.DeployException;
import io.github.acmecertificate.core.deploy.DeployOptions;
import io.github.acmecertificate.core.deploy.DeployResult.Status;
import io.github.acmecertificate.core.deploy.DeployTarget;
import io.github.acmecertificate.core.deploy.Deployer;
import io.github.acmecertificate.core.deploy.SftpTarget;
import io.github.acmecertificate.core.exception.InvalidInputException;
import io.github.acmecertificate.core.key.KeyType;
import io.github.acmecertificate.core.key.Pem;
import io.github.acmecertificate.core.ssh.SshEndpoint;
import io.github.acmecertificate.core.store.CertificateBundle;
import io.github.acmecertificate.core.store.Pkcs12;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;

/**
 * Deploying over SFTP to OpenSSH's sshd, reloading a real nginx over SSH, and checking over
 * TLS that nginx serves the new certificate.
 */
public class DeploySftpTest {

    private static final String NAME = "deploy.example.test";

    @ClassRule
    public static Servers servers = new Servers(NAME);

    private final Events events = new Events();
    private final Deployer deployer = new Deployer();

    @BeforeClass
    public static void initializeTheSshLibraryAsDeployDoes() {
        // Before this test touches MINA itself: deploy code keeps Bouncy Castle out of the
        // JVM's providers, which other tests in this JVM rely on.
        SshEndpoint.builder();
    }

    private SftpTarget.Builder target(String name) throws Exception {
        return SftpTarget.builder(servers.ssh().endpoint().build()).name(name);
    }

    private DeployTarget nginxTarget(String reloadCommand) throws Exception {
        return target("web")
                .directory(servers.nginxTls().toString())
                .file("fullchain.pem", "fullchain.pem")
                .file("privkey.pem", "privkey.pem")
                .reloadCommand(reloadCommand)
                .verifyTls("127.0.0.1:" + servers.nginx().tlsPort())
                .build();
    }

    @Test
    public void deploysReloadsNginxAndConfirmsWhatItServes() throws Exception {
        var bundle = TestBundles.issue(NAME);
        assertNotEquals("nginx starts with another certificate", bundle.certificate(),
                Served.leaf(servers.nginx().tlsPort(), NAME));

        var report = deployer.deploy(bundle, List.of(nginxTarget(servers.nginx().reloadCommand())),
                DeployOptions.defaults(), events);

        var result = report.results().get(0);
        assertEquals(events.text(), Status.DEPLOYED, result.status());
        assertEquals(Optional.of(0), result.exitCode());
        assertTrue("the TLS check passed", result.verified());
        assertEquals("nginx serves the new certificate", bundle.certificate(),
                Served.await(servers.nginx().tlsPort(), NAME, bundle.certificate()));
        var dir = servers.nginxTls();
        assertEquals(Pem.certificates(bundle.chain()), Files.readString(dir.resolve("fullchain.pem")));
        assertEquals(Pem.privateKey(bundle.privateKey().orElseThrow()), Files.readString(dir.resolve("privkey.pem")));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("fullchain.pem"))));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("privkey.pem"))));
        assertEquals("no temporary file is left", List.of("fullchain.pem", "privkey.pem"), Servers.names(dir));

        var log = events.text();
        assertTrue(log, log.contains("[web] Connected to"));
        assertTrue(log, log.contains("exit 0"));
        assertTrue(log, log.contains("serves the new certificate serial " + bundle.serialNumber()));
        assertSecretsAbsent(bundle, log);
        assertTrue("every event reaches the listener on the calling thread",
                events.threads().stream().allMatch(t -> t == Thread.currentThread()));
    }

    @Test
    public void aSecondRunFindsTheTargetUpToDateAndWritesNothing() throws Exception {
        var bundle = TestBundles.issue(NAME);
        var target = nginxTarget(servers.nginx().reloadCommand());
        deployer.deploy(bundle, List.of(target), DeployOptions.defaults(), events);
        var dir = servers.nginxTls();
        var inode = Files.getAttribute(dir.resolve("fullchain.pem"), "unix:ino");
        var modified = Files.getLastModifiedTime(dir.resolve("privkey.pem"));
        events.clear();

        var again = deployer.deploy(bundle, List.of(target), DeployOptions.defaults(), events);

        var result = again.results().get(0);
        assertEquals(events.text(), Status.UP_TO_DATE, result.status());
        assertTrue("up to date includes what is served", result.verified());
        assertEquals(List.of(), result.written());
        assertEquals("the file was not replaced", inode, Files.getAttribute(dir.resolve("fullchain.pem"), "unix:ino"));
        assertEquals(modified, Files.getLastModifiedTime(dir.resolve("privkey.pem")));
        assertFalse("nginx was not reloaded", events.text().contains("Ran `"));
        assertTrue(events.text(), events.text().contains("nothing written"));

        var forced = deployer.deploy(bundle, List.of(target), DeployOptions.builder().force(true).build(), events);
        assertEquals("force writes anyway", Status.DEPLOYED, forced.results().get(0).status());
        assertNotEquals(inode, Files.getAttribute(dir.resolve("fullchain.pem"), "unix:ino"));
    }

    @Test
    public void aTlsCheckThatFailsRollsBackAndARerunDeploysAgain() throws Exception {
        var bundle = TestBundles.issue(NAME);
        var options = DeployOptions.builder().verifyTimeout(Duration.ofSeconds(1)).build();
        var before = Files.readString(servers.nginxTls().resolve("fullchain.pem"));
        var keyBefore = Files.readString(servers.nginxTls().resolve("privkey.pem"));

        var failure = assertThrows(DeployException.class,
                () -> deployer.deploy(bundle, List.of(nginxTarget("true")), options, events));

        var message = failure.getMessage();
        assertTrue(message, message.contains("web: FAILED"));
        assertTrue(message, message.contains("still serves certificate serial"));
        assertTrue(message, message.contains("not the new certificate serial " + bundle.serialNumber()));
        assertTrue(message, message.contains("Rolled back: the previous files were put back and `true` reloaded them"));
        assertTrue(message, message.contains("The new certificate stays in the store"));
        assertEquals("the old files are back", before, Files.readString(servers.nginxTls().resolve("fullchain.pem")));
        assertEquals(keyBefore, Files.readString(servers.nginxTls().resolve("privkey.pem")));
        assertEquals("no pending record or temporary is left", List.of("fullchain.pem", "privkey.pem"),
                Servers.names(servers.nginxTls()));

        var rerun = deployer.deploy(bundle, List.of(nginxTarget(servers.nginx().reloadCommand())), options, events);
        var result = rerun.results().get(0);
        assertEquals(Status.DEPLOYED, result.status());
        assertEquals("written again", 2, result.written().size());
        assertTrue(result.verified());
        assertEquals(bundle.certificate(), Served.await(servers.nginx().tlsPort(), NAME, bundle.certificate()));
    }

    @Test
    public void writesKeyStoreAndCombinedFileWithModesAndOwners() throws Exception {
        Installed.requireRoot("changing a file's owner");
        var bundle = TestBundles.issue("tomcat.example.test");
        var dir = servers.folder("tomcat");
        var password = "changeit-" + System.nanoTime();
        var target = target("tomcat")
                .directory(dir.toString())
                .file("keystore.p12", "keystore.p12", null, "nobody", "nogroup")
                .file("combined.pem", dir + "/haproxy.pem", "0640", "65534", "65534")
                .file("cert.pem", null)
                .file("chain.pem", "issuers.pem")
                .build();

        deployer.deploy(bundle, List.of(target), DeployOptions.builder().keystorePassword(password.toCharArray()).build(),
                events);

        var keystore = Pkcs12.decode(Files.readAllBytes(dir.resolve("keystore.p12")), password.toCharArray());
        assertEquals(bundle.certificate(), keystore.getCertificate(bundle.metadata().name()));
        assertTrue(keystore.isKeyEntry(bundle.metadata().name()));
        var combined = Files.readString(dir.resolve("haproxy.pem"));
        assertEquals("key, then the chain", Pem.privateKey(bundle.privateKey().orElseThrow())
                + Pem.certificates(bundle.chain()), combined);
        assertEquals(Pem.certificates(List.of(bundle.certificate())), Files.readString(dir.resolve("cert.pem")));
        assertEquals(Pem.certificates(bundle.issuers()), Files.readString(dir.resolve("issuers.pem")));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("keystore.p12"))));
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("haproxy.pem"))));
        assertEquals("owner by name", 65534, Files.getAttribute(dir.resolve("keystore.p12"), "unix:uid"));
        assertEquals("group by name", 65534, Files.getAttribute(dir.resolve("keystore.p12"), "unix:gid"));
        assertEquals("owner by id", 65534, Files.getAttribute(dir.resolve("haproxy.pem"), "unix:uid"));
        assertSecretsAbsent(bundle, events.text());
        assertFalse("no key store password in the log", events.text().contains(password));

        var again = deployer.deploy(bundle, List.of(target),
                DeployOptions.builder().keystorePassword(password.toCharArray()).build(), events);
        assertEquals("a PKCS#12 file is recognized as current by its certificate", Status.UP_TO_DATE,
                again.results().get(0).status());
    }

    @Test
    public void anUnknownOwnerFailsBeforeAnythingIsWritten() throws Exception {
        var bundle = TestBundles.issue("owner.example.test");
        var dir = servers.folder("owner");
        var before = Snapshot.of(dir);
        var target = target("owner").directory(dir.toString())
                .file("fullchain.pem", null, null, "no-such-user-here", null).build();

        var failure = assertThrows(DeployException.class,
                () -> deployer.deploy(bundle, List.of(target), DeployOptions.defaults(), events));

        assertTrue(failure.getMessage(), failure.getMessage().contains("owner: FAILED: there is no user "
                + "'no-such-user-here'"));
        before.assertUnchanged();
    }

    @Test
    public void logsInWithTheKeyFormatsCredentialsHold() throws Exception {
        var bundle = TestBundles.issue("keys.example.test");
        var ssh = servers.ssh();
        var encrypted = ssh.authorizedKey("encrypted_key", "ed25519", "correct horse", false);
        var rsaPem = Files.readString(ssh.authorizedKey("rsa_pem_key", "rsa", "", true));
        var ecKey = KeyType.EC_P256.generate();
        ssh.authorize(PublicKeyEntry.toString(ecKey.getPublic()));
        var endpoints = List.of(
                ssh.endpoint().privateKey(null).privateKeyFile(encrypted).passphrase("correct horse".toCharArray()),
                ssh.endpoint().privateKey(rsaPem),
                ssh.endpoint().privateKey(Pem.privateKey(ecKey.getPrivate())));
        var targets = new java.util.ArrayList<DeployTarget>();
        for (int i = 0; i < endpoints.size(); i++) {
            targets.add(SftpTarget.builder(endpoints.get(i).build()).name("key-" + i)
                    .directory(servers.folder("keys-" + i).toString()).file("cert.pem", null).build());
        }

        var report = deployer.deploy(bundle, targets, DeployOptions.defaults(), events);

        assertEquals(events.text(), 3, report.count(Status.DEPLOYED));
        var wrong = assertThrows(InvalidInputException.class, () -> ssh.endpoint().privateKey(null)
                .privateKeyFile(encrypted).passphrase("wrong".toCharArray()).build());
        assertEquals("targets.privateKeyFile", wrong.field());
        assertFalse(wrong.getMessage(), wrong.getMessage().contains("wrong"));
        var missing = assertThrows(InvalidInputException.class, () -> ssh.endpoint().privateKey(null)
                .privateKeyFile(encrypted).build());
        assertEquals("targets.privateKeyFile", missing.field());
    }

    @Test
    public void aHostKnownByAnotherOfItsKeysIsAskedForThatKey() throws Exception {
        var knownHosts = servers.ssh().knownHosts(servers.base().resolve("known_hosts_rsa"), "host_key_rsa.pub");
        var target = SftpTarget.builder(servers.ssh().endpoint().knownHosts(knownHosts).build()).name("rsa-host")
                .directory(servers.folder("rsa-host").toString()).file("chain.pem", null).build();

        var report = deployer.deploy(TestBundles.issue("rsa.example.test"), List.of(target), DeployOptions.defaults(),
                events);

        assertEquals(events.text(), Status.DEPLOYED, report.results().get(0).status());
        assertTrue(events.text(), events.text().contains("(host key ssh-rsa key SHA256:"));
    }

    static void assertSecretsAbsent(CertificateBundle bundle, String log) {
        var key = Base64.getEncoder().encodeToString(bundle.privateKey().orElseThrow().getEncoded());
        assertFalse("no key material in the log", log.contains(key.substring(20, 50)));
        assertFalse("no key material in the log", log.contains("PRIVATE KEY"));
        var pem = Pem.privateKey(bundle.privateKey().get());
        var body = pem.lines().skip(1).findFirst().orElseThrow();
        assertFalse("no PEM key line in the log", log.contains(body));
    }
}
