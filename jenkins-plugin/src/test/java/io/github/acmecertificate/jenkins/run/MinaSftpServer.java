package io.github.acmecertificate.jenkins.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;

import io.github.acmecertificate.core.key.KeyType;
import io.github.acmecertificate.core.key.Pem;
import io.github.acmecertificate.core.ssh.SshEndpoint;
import io.github.acmecertificate.jenkins.credentials.UserCredential;
import io.github.acmecertificate.jenkins.challenge.TestChallenges;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.digest.BuiltinDigests;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.server.shell.ProcessShellCommandFactory;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;

/**
 * An SSH server with SFTP (Apache MINA SSHD) on a free loopback port, its file system rooted in
 * a folder, accepting one user, {@code deploy}, with one generated key or a password: the web
 * server a deploy target or the HTTP-01-over-SFTP challenge reaches. Commands run with the
 * local shell.
 */
public final class MinaSftpServer implements AutoCloseable {

    static {
        // Before MINA's server classes load: deploy code keeps Bouncy Castle out of the JVM's
        // providers, which the credential tests in the same JVM rely on.
        SshEndpoint.builder();
    }

    /** The one login. */
    public static final String USER = "deploy";
    /** The password the server accepts besides the key. */
    public static final String PASSWORD = "mina-password-" + System.nanoTime();

    private final SshServer server;
    private final Path root;
    private final KeyPair clientKey;
    private final String fingerprint;

    private MinaSftpServer(SshServer server, Path root, KeyPair clientKey, String fingerprint) {
        this.server = server;
        this.root = root;
        this.clientKey = clientKey;
        this.fingerprint = fingerprint;
    }

    /**
     * Starts a server.
     *
     * @param work a folder for the host key and the served files ({@code root/})
     * @return the running server
     * @throws Exception if it cannot start
     */
    public static MinaSftpServer start(Path work) throws Exception {
        var root = Files.createDirectories(work.resolve("root"));
        var clientKey = KeyType.EC_P256.generate();
        var server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(0);
        var hostKeys = new SimpleGeneratorHostKeyProvider(work.resolve("host.ser"));
        server.setKeyPairProvider(hostKeys);
        server.setPublickeyAuthenticator((user, key, session) -> USER.equals(user)
                && KeyUtils.compareKeys(key, clientKey.getPublic()));
        server.setPasswordAuthenticator((user, password, session) -> USER.equals(user) && PASSWORD.equals(password));
        server.setSubsystemFactories(List.of(new SftpSubsystemFactory()));
        server.setFileSystemFactory(new VirtualFileSystemFactory(root));
        server.setCommandFactory(ProcessShellCommandFactory.INSTANCE);
        server.start();
        var fingerprint = KeyUtils.getFingerPrint(BuiltinDigests.sha256,
                hostKeys.loadKeys(null).iterator().next().getPublic());
        return new MinaSftpServer(server, root, clientKey, fingerprint);
    }

    public int port() {
        return server.getPort();
    }

    /** The folder the server's {@code /} is. */
    public Path root() {
        return root;
    }

    /** The host key's fingerprint, {@code SHA256:...}. */
    public String fingerprint() {
        return fingerprint;
    }

    /** The private key the server accepts, as an SSH Username with private key credential holds it. */
    public String privateKeyPem() {
        return Pem.privateKey(clientKey.getPrivate());
    }

    /** An SSH Username with private key credential that logs in. */
    public UserCredential.SshPrivateKey credential(String id) {
        return new UserCredential.SshPrivateKey(id, USER, List.of(privateKeyPem()), null);
    }

    /** How a step names this server, with the host key pinned. */
    public TestChallenges.Ssh spec(String credentialsId) {
        return new TestChallenges.Ssh("127.0.0.1", port(), credentialsId, null, fingerprint);
    }

    @Override
    public void close() throws java.io.IOException {
        server.stop(true);
    }
}
