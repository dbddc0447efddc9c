package io.github.acmecertificate.core.deploy.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import io.github.acmecertificate.core.deploy.DeployException;
import io.github.acmecertificate.core.deploy.DeployOptions;
import io.github.acmecertificate.core.deploy.DeployResult.Status;
import io.github.acmecertificate.core.deploy.Deployer;
import io.github.acmecertificate.core.deploy.SftpTarget;
import io.github.acmecertificate.core.key.Pem;
import io.github.acmecertificate.core.ssh.SshEndpoint;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.digest.BuiltinDigests;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.server.shell.ProcessShellCommandFactory;
import org.apache.sshd.sftp.SftpModuleProperties;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;
import org.junit.After;
import org.junit.Before;
import org.junit.BeforeClass;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Deploying to another SSH implementation, Apache MINA SSHD's server, with a password login
 * (the OpenSSH test server takes keys only) and a file system rooted in a folder.
 */
public class DeployMinaSftpTest {

    private static final String PASSWORD = "s3cret-" + System.nanoTime();

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private final Events events = new Events();
    private SshServer server;
    private Path root;
    private String fingerprint;

    @BeforeClass
    public static void initializeTheSshLibraryAsDeployDoes() {
        // Before this test touches MINA itself: deploy code keeps Bouncy Castle out of the
        // JVM's providers, which other tests in this JVM rely on.
        SshEndpoint.builder();
    }

    @Before
    public void startServer() throws Exception {
        root = temp.newFolder("root").toPath();
        server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(0);
        var hostKeys = new SimpleGeneratorHostKeyProvider(temp.getRoot().toPath().resolve("host.ser"));
        server.setKeyPairProvider(hostKeys);
        server.setPasswordAuthenticator((user, password, session) -> "deploy".equals(user) && PASSWORD.equals(password));
        server.setSubsystemFactories(List.of(new SftpSubsystemFactory()));
        server.setFileSystemFactory(new VirtualFileSystemFactory(root));
        server.setCommandFactory(ProcessShellCommandFactory.INSTANCE);
        server.start();
        fingerprint = KeyUtils.getFingerPrint(BuiltinDigests.sha256,
                hostKeys.loadKeys(null).iterator().next().getPublic());
    }

    @After
    public void stopServer() throws Exception {
        if (server != null) {
            server.stop(true);
        }
    }

    private SshEndpoint endpoint(String password) throws Exception {
        return SshEndpoint.builder().host("127.0.0.1").port(server.getPort()).user("deploy")
                .password(password.toCharArray()).hostKeyFingerprint(fingerprint).build();
    }

    @Test
    public void deploysWithAPasswordAndReplacesFilesOnTheNextCertificate() throws Exception {
        Files.createDirectory(root.resolve("tls"));
        var target = SftpTarget.builder(endpoint(PASSWORD)).name("mina").directory("/tls")
                .reloadCommand("true").build();
        var deployer = new Deployer();

        var first = deployer.deploy(TestBundles.issue("mina.example.test"), List.of(target), DeployOptions.defaults(),
                events);
        var next = TestBundles.issue("mina.example.test");
        var second = deployer.deploy(next, List.of(target), DeployOptions.defaults(), events);

        assertEquals(events.text(), Status.DEPLOYED, first.results().get(0).status());
        assertEquals(Optional.of(0), first.results().get(0).exitCode());
        assertEquals(events.text(), Status.DEPLOYED, second.results().get(0).status());
        assertEquals(Pem.certificates(next.chain()), Files.readString(root.resolve("tls/fullchain.pem")));
        try (var list = Files.list(root.resolve("tls"))) {
            assertEquals("no temporary left", 2, list.count());
        }
        assertTrue(events.text(), !events.text().contains(PASSWORD));
    }

    @Test
    public void aServerWithoutAtomicRenamesStillReplacesTheFilesAndSaysSo() throws Exception {
        // Advertise fsync only: no posix-rename@openssh.com.
        SftpModuleProperties.OPENSSH_EXTENSIONS.set(server, "fsync@openssh.com=1");
        Files.createDirectory(root.resolve("tls"));
        var target = SftpTarget.builder(endpoint(PASSWORD)).name("plain").directory("/tls").build();
        var deployer = new Deployer();
        deployer.deploy(TestBundles.issue("plain.example.test"), List.of(target), DeployOptions.defaults(), events);
        var next = TestBundles.issue("plain.example.test");

        var report = deployer.deploy(next, List.of(target), DeployOptions.defaults(), events);

        assertEquals(Status.DEPLOYED, report.results().get(0).status());
        assertEquals(Pem.privateKey(next.privateKey().orElseThrow()), Files.readString(root.resolve("tls/privkey.pem")));
        assertTrue(events.text(), events.text().contains("[plain] The server does not offer atomic renames"));
    }

    @Test
    public void aWrongPasswordIsRefused() throws Exception {
        var target = SftpTarget.builder(endpoint("wrong")).name("mina").directory("/").build();
        var failure = assertThrows(DeployException.class, () -> new Deployer().deploy(
                TestBundles.issue("mina.example.test"), List.of(target), DeployOptions.defaults(), events));
        assertTrue(failure.getMessage(), failure.getMessage().contains("mina: FAILED: the SSH server deploy@127.0.0.1:"
                + server.getPort() + " refused the login as deploy with password"));
        assertTrue(failure.getMessage(), !failure.getMessage().contains("wrong"));
    }

    @Test
    public void aFailingCommandIsReportedWithItsExitStatus() throws Exception {
        Files.createDirectory(root.resolve("tls"));
        var target = SftpTarget.builder(endpoint(PASSWORD)).name("mina").directory("/tls").file("cert.pem", null)
                .reloadCommand("false").build();
        var failure = assertThrows(DeployException.class, () -> new Deployer().deploy(
                TestBundles.issue("mina.example.test"), List.of(target), DeployOptions.defaults(), events));
        assertTrue(failure.getMessage(), failure.getMessage().contains("the reload command `false` exited with 1"));
        try (var list = Files.list(root.resolve("tls"))) {
            assertEquals("the new file was removed again, as there was none before", 0, list.count());
        }
    }
}
