package io.github.acmecertificate.core.deploy.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.github.acmecertificate.core.deploy.DeployException;
import io.github.acmecertificate.core.deploy.DeployOptions;
import io.github.acmecertificate.core.deploy.DeployResult.Status;
import io.github.acmecertificate.core.deploy.DeployResult;
import io.github.acmecertificate.core.deploy.DeployTarget;
import io.github.acmecertificate.core.deploy.Deployer;
import io.github.acmecertificate.core.deploy.SftpTarget;
import io.github.acmecertificate.core.ssh.SshEndpoint;
import io.github.acmecertificate.core.store.CertificateBundle;
import io.github.acmecertificate.core.store.FileStore;
import org.junit.Before;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Each fault fails its target with an error that names it, keeps the new certificate in the
 * store, and leaves the target's old files whole (byte-equal, no temporary left).
 */
public class DeployFaultsSftpTest {

    private static final String NAME = "faults.example.test";

    @ClassRule
    public static Servers servers = new Servers(NAME);

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private final Events events = new Events();
    private final Deployer deployer = new Deployer();
    private FileStore store;
    private CertificateBundle bundle;

    @Before
    public void storeANewCertificate() throws Exception {
        store = new FileStore(temp.getRoot().toPath().resolve("store"));
        bundle = TestBundles.issue(NAME);
        store.save(bundle);
    }

    /** A folder holding an older certificate's files, as a previous deploy left it. */
    private Path deployedFolder(String name) throws Exception {
        var dir = servers.folder(name);
        Servers.write(TestBundles.issue(NAME), dir);
        return dir;
    }

    private SftpTarget.Builder target(String name, SshEndpoint endpoint, Path dir) {
        return SftpTarget.builder(endpoint).name(name).directory(dir.toString());
    }

    private String failure(DeployTarget target) {
        var failure = assertThrows(DeployException.class,
                () -> deployer.deploy(bundle, List.of(target), DeployOptions.defaults(), events));
        var result = failure.report().results().get(0);
        assertEquals(Status.FAILED, result.status());
        assertTrue(failure.getMessage(), failure.getMessage().contains(target.name() + ": FAILED: "));
        assertTrue(events.text(), events.text().contains("[" + target.name() + "] Failed: "));
        return failure.getMessage();
    }

    private void assertStoreKeepsTheNewCertificate() throws Exception {
        assertEquals(bundle.serialNumber(), store.load(NAME).orElseThrow().serialNumber());
    }

    @Test
    public void aTargetThatIsDownFailsWithConnectionRefused() throws Exception {
        var endpoint = servers.ssh().endpoint().port(Processes.freePort()).build();
        var message = failure(target("down", endpoint, servers.folder("down")).build());
        assertTrue(message, message.contains("down: FAILED: cannot connect to "
                + System.getProperty("user.name") + "@127.0.0.1:"));
        assertTrue(message, message.contains("connection refused"));
        assertStoreKeepsTheNewCertificate();
    }

    @Test
    public void aWrongKeyFailsTheLoginAndWritesNothing() throws Exception {
        var dir = deployedFolder("wrong-key");
        var before = Snapshot.of(dir);
        var endpoint = servers.ssh().endpoint().privateKey(servers.ssh().unauthorizedKeyPem("other_key")).build();

        var message = failure(target("wrong-key", endpoint, dir).build());

        assertTrue(message, message.contains("refused the login as " + System.getProperty("user.name")
                + " with ssh-ed25519 key SHA256:"));
        before.assertUnchanged();
        assertStoreKeepsTheNewCertificate();
    }

    @Test
    public void aChangedHostKeyIsRefusedBeforeLoggingIn() throws Exception {
        var dir = deployedFolder("host-key");
        var before = Snapshot.of(dir);
        servers.ssh().unauthorizedKeyPem("impostor_host_key");
        var impostor = Files.readString(servers.base().resolve("sshd").resolve("impostor_host_key.pub")).split("\\s+");
        var knownHosts = temp.newFile("known_hosts").toPath();
        Files.writeString(knownHosts, "[127.0.0.1]:" + servers.ssh().port() + " " + impostor[0] + " " + impostor[1]
                + "\n");

        var message = failure(target("changed", servers.ssh().endpoint().knownHosts(knownHosts).build(), dir).build());

        assertTrue(message, message.contains("does NOT match its entry in " + knownHosts));
        assertTrue(message, message.contains(servers.ssh().hostKeyFingerprint()));
        before.assertUnchanged();
        assertStoreKeepsTheNewCertificate();
    }

    @Test
    public void aPinnedFingerprintMustMatch() throws Exception {
        var dir = deployedFolder("pinned");
        var before = Snapshot.of(dir);
        var wrongPin = "SHA256:uNiVztksCsDhcc0u9e8BujQXVUpKZIDTMczCvj3tD2s";
        var pinnedWrong = servers.ssh().endpoint().knownHosts(null).hostKeyFingerprint(wrongPin).build();

        var message = failure(target("pinned", pinnedWrong, dir).build());

        assertTrue(message, message.contains("does NOT match the pinned hostKeyFingerprint " + wrongPin));
        before.assertUnchanged();
        var pinnedRight = servers.ssh().endpoint().knownHosts(null)
                .hostKeyFingerprint(wrongPin + ", " + servers.ssh().hostKeyFingerprint()).build();
        var report = deployer.deploy(bundle, List.of(target("pinned", pinnedRight, dir).build()),
                DeployOptions.defaults(), events);
        assertEquals("one of the pinned fingerprints matches", Status.DEPLOYED, report.results().get(0).status());
    }

    @Test
    public void knownHostsAndAPinGivenTogetherMustBothMatch() throws Exception {
        var dir = deployedFolder("both-checks");
        var before = Snapshot.of(dir);
        var wrongPin = "SHA256:uNiVztksCsDhcc0u9e8BujQXVUpKZIDTMczCvj3tD2s";
        // known_hosts holds the server's real key; the pin does not match it.
        var both = servers.ssh().endpoint().hostKeyFingerprint(wrongPin).build();

        var message = failure(target("both-checks", both, dir).build());

        assertTrue(message, message.contains("does NOT match the pinned hostKeyFingerprint " + wrongPin));
        assertTrue(message, message.contains("Both checks apply"));
        before.assertUnchanged();
        var bothRight = servers.ssh().endpoint().hostKeyFingerprint(servers.ssh().hostKeyFingerprint()).build();
        var report = deployer.deploy(bundle, List.of(target("both-checks", bothRight, dir).build()),
                DeployOptions.defaults(), events);
        assertEquals("known and pinned", Status.DEPLOYED, report.results().get(0).status());
        assertTrue(events.text(), events.text().contains("known from ") && events.text().contains(" and pinned"));
    }

    @Test
    public void anUnknownHostIsRefusedWithTheFingerprintToCheck() throws Exception {
        var knownHosts = temp.newFile("known_hosts").toPath();
        var key = Files.readString(servers.base().resolve("sshd").resolve("host_key.pub")).split("\\s+");
        Files.writeString(knownHosts, "other.example.test " + key[0] + " " + key[1] + "\n");
        var endpoint = servers.ssh().endpoint().knownHosts(knownHosts).build();

        var message = failure(target("unknown", endpoint, servers.folder("unknown")).build());

        assertTrue(message, message.contains("is not in " + knownHosts + " (it presented the ssh-ed25519 key "
                + servers.ssh().hostKeyFingerprint() + ")"));
        assertTrue(message, message.contains("ssh-keyscan -p " + servers.ssh().port() + " 127.0.0.1"));
    }

    @Test
    public void aFileWhereAFolderIsExpectedFailsBeforeWriting() throws Exception {
        var dir = deployedFolder("blocked");
        Files.writeString(dir.resolve("keys"), "a file, not a folder\n");
        var before = Snapshot.of(dir);
        var target = target("blocked", servers.ssh().endpoint().build(), dir)
                .file("fullchain.pem", "fullchain.pem")
                .file("privkey.pem", "keys/privkey.pem")
                .build();

        var message = failure(target);

        assertTrue(message, message.contains(dir.resolve("keys") + " is not a folder"));
        before.assertUnchanged();
        assertStoreKeepsTheNewCertificate();
    }

    @Test
    public void aFolderThatCannotBeWrittenRemovesTheUploadedTemporaries() throws Exception {
        var first = deployedFolder("writable");
        var second = deployedFolder("immutable");
        var beforeFirst = Snapshot.of(first);
        var beforeSecond = Snapshot.of(second);
        var target = target("read-only", servers.ssh().endpoint().build(), first)
                .file("fullchain.pem", "fullchain.pem")
                .file("privkey.pem", second.resolve("privkey.pem").toString())
                .build();
        immutable(second, () -> {
            var message = failure(target);
            assertTrue(message, message.contains("cannot write " + second + "/.privkey.pem.acme-"));
            assertTrue(message, message.contains("permission denied"));
            assertTrue(message, message.contains("Nothing was replaced: the target keeps its previous files"));
        });
        beforeFirst.assertUnchanged();
        beforeSecond.assertUnchanged();
        assertStoreKeepsTheNewCertificate();
    }

    @Test
    public void aRenameThatFailsHalfwayPutsTheReplacedFilesBack() throws Exception {
        var dir = deployedFolder("half");
        var before = Snapshot.of(dir);
        var target = target("half", servers.ssh().endpoint().build(), dir)
                .file("fullchain.pem", "fullchain.pem")
                .file("privkey.pem", "privkey.pem")
                .build();
        immutable(dir.resolve("privkey.pem"), () -> {
            var message = failure(target);
            assertTrue(message, message.contains("cannot rename"));
            assertTrue(message, message.contains("The previous files were put back"));
        });
        before.assertUnchanged();
        assertEquals("the restored file keeps its mode", "rw-r--r--",
                PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("fullchain.pem"))));
        assertStoreKeepsTheNewCertificate();
    }

    @Test
    public void aFailingReloadPutsTheOldFilesBackAndARerunDeploysAgain() throws Exception {
        var dir = deployedFolder("reload");
        var before = Snapshot.of(dir);
        var failing = target("reload", servers.ssh().endpoint().build(), dir)
                .reloadCommand("echo 'nginx: [emerg] cannot load certificate' >&2; exit 1")
                .build();

        var failure = assertThrows(DeployException.class,
                () -> deployer.deploy(bundle, List.of(failing), DeployOptions.defaults(), events));

        var message = failure.getMessage();
        assertTrue(message, message.contains("reload: FAILED: the reload command `echo"));
        assertTrue(message, message.contains("exited with 1: nginx: [emerg] cannot load certificate"));
        assertTrue(message, message.contains("The previous files were put back"));
        assertEquals(Optional.of(1), failure.report().results().get(0).exitCode());
        assertTrue("the output is in the log", events.text().contains("exit 1\n[reload]   | nginx: [emerg]"));
        before.assertUnchanged();
        assertStoreKeepsTheNewCertificate();

        var fixed = target("reload", servers.ssh().endpoint().build(), dir).reloadCommand("echo reloaded").build();
        var rerun = deployer.deploy(store.load(NAME).orElseThrow(), List.of(fixed), DeployOptions.defaults(), events);
        assertEquals("the rerun deploys, as the target does not hold the certificate", Status.DEPLOYED,
                rerun.results().get(0).status());
        assertEquals(2, rerun.results().get(0).written().size());
    }

    @Test
    public void aCommandThatWaitsForInputFailsAtOnceRatherThanAtItsTimeOut() throws Exception {
        var dir = deployedFolder("prompt");
        var before = Snapshot.of(dir);
        // As sudo does when it asks for a password.
        var target = target("prompt", servers.ssh().endpoint().build(), dir).reloadCommand("read answer").build();
        var options = DeployOptions.builder().commandTimeout(Duration.ofSeconds(60)).build();
        long start = System.nanoTime();

        var failure = assertThrows(DeployException.class,
                () -> deployer.deploy(bundle, List.of(target), options, events));

        assertTrue("no wait for the time-out", System.nanoTime() - start < Duration.ofSeconds(20).toNanos());
        assertTrue(failure.getMessage(), failure.getMessage().contains("the reload command `read answer` exited with 1"));
        before.assertUnchanged();
    }

    @Test
    public void aMissingFolderIsReported() throws Exception {
        var target = SftpTarget.builder(servers.ssh().endpoint().build()).name("missing")
                .directory(servers.base().resolve("no-such-folder").toString()).build();
        var message = failure(target);
        assertTrue(message, message.contains("the folder " + servers.base().resolve("no-such-folder")
                + " does not exist"));
    }

    @Test
    public void parallelTargetsAreEachReportedAndOneFailureFailsTheRun() throws Exception {
        var endpoint = servers.ssh().endpoint().build();
        var down = servers.ssh().endpoint().port(Processes.freePort()).build();
        var targets = List.of(
                target("web-a", endpoint, servers.folder("web-a")).build(),
                target("web-down", down, servers.folder("web-down")).build(),
                target("web-b", endpoint, servers.folder("web-b")).reloadCommand("echo b reloaded").build());

        var failure = assertThrows(DeployException.class, () -> deployer.deploy(bundle, targets,
                DeployOptions.builder().parallelism(3).build(), events));

        var results = failure.report().results();
        assertEquals(List.of("web-a", "web-down", "web-b"), results.stream().map(DeployResult::target).toList());
        assertEquals(List.of(Status.DEPLOYED, Status.FAILED, Status.DEPLOYED),
                results.stream().map(DeployResult::status).toList());
        var message = failure.getMessage();
        assertTrue(message, message.startsWith("Deploy failed for 1 of 3 targets:\n  - web-down: FAILED: "));
        assertTrue(message, !message.contains("web-a:") && !message.contains("web-b:"));
        assertTrue(message, message.contains("The certificate itself is kept in the store"));
        var log = events.text();
        for (var name : List.of("web-a", "web-down", "web-b")) {
            assertTrue(log, log.contains("[" + name + "] Connecting to"));
        }
        assertTrue(log, log.contains("[web-b]   | b reloaded"));
        assertTrue(log, log.contains("Deploy finished: 2 deployed, 0 up to date, 1 failed"));
        assertTrue(events.threads().stream().allMatch(t -> t == Thread.currentThread()));
        assertEquals(Files.readString(servers.base().resolve("web-a").resolve("fullchain.pem")),
                Files.readString(servers.base().resolve("web-b").resolve("fullchain.pem")));
    }

    /** Runs a check while a path is immutable (chattr +i: refused even to root), then restores it. */
    private static void immutable(Path path, ThrowingRunnable check) throws Exception {
        var chattr = Installed.find("chattr");
        Installed.assume(chattr.isPresent(), "chattr is needed to make a path unwritable for root: "
                + "apt-get install -y e2fsprogs");
        Installed.requireRoot("chattr +i");
        try {
            Processes.run(List.of(chattr.get().toString(), "+i", path.toString()));
        } catch (Exception ex) {
            Installed.assume(false, "chattr +i is not possible here (it needs root on ext4, xfs or btrfs): "
                    + ex.getMessage());
        }
        try {
            check.run();
        } finally {
            Processes.run(List.of(chattr.get().toString(), "-i", path.toString()));
        }
    }

    private interface ThrowingRunnable {
        void run() throws Exception;
    }
}
