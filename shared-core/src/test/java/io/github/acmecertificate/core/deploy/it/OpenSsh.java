package io.github.acmecertificate.core.deploy.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import io.github.acmecertificate.core.ssh.SshEndpoint;

/**
 * OpenSSH's sshd on a free loopback port, with a generated host key and one authorized
 * client key, logging in as the user running the tests. Started and stopped by the tests.
 */
public final class OpenSsh implements AutoCloseable {

    private final Path dir;
    private final int port;
    private final Process process;
    private final Path log;

    private OpenSsh(Path dir, int port, Process process, Path log) {
        this.dir = dir;
        this.port = port;
        this.process = process;
        this.log = log;
    }

    /**
     * Starts sshd with its files in a folder.
     *
     * @param dir an empty folder for keys, configuration and log
     * @return the running server
     * @throws Exception if it cannot start
     */
    public static OpenSsh start(Path dir) throws Exception {
        var sshd = Installed.require("sshd", "openssh-server");
        var keygen = Installed.require("ssh-keygen", "openssh-client");
        Files.createDirectories(dir);
        keygen(keygen, dir.resolve("host_key"));
        // A second host key of another type, as real servers have.
        Processes.run(List.of(keygen.toString(), "-q", "-t", "rsa", "-b", "2048", "-N", "", "-f",
                dir.resolve("host_key_rsa").toString()));
        keygen(keygen, dir.resolve("client_key"));
        var authorized = dir.resolve("authorized_keys");
        Files.copy(dir.resolve("client_key.pub"), authorized);
        Files.setPosixFilePermissions(authorized, PosixFilePermissions.fromString("rw-------"));
        if (Installed.root()) {
            // The privilege-separation folder that a root sshd insists on.
            Files.createDirectories(Path.of("/run/sshd"));
        }
        var port = Processes.freePort();
        var config = dir.resolve("sshd_config");
        Files.writeString(config, String.join("\n",
                "Port " + port,
                "ListenAddress 127.0.0.1",
                "HostKey " + dir.resolve("host_key"),
                "HostKey " + dir.resolve("host_key_rsa"),
                "PidFile " + dir.resolve("sshd.pid"),
                "AuthorizedKeysFile " + authorized,
                "PermitRootLogin yes",
                "PubkeyAuthentication yes",
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "UsePAM no",
                "StrictModes no",
                "MaxStartups 50",
                "MaxSessions 50",
                "LogLevel VERBOSE",
                "Subsystem sftp internal-sftp",
                ""));
        var log = dir.resolve("sshd.log");
        var process = Processes.start(List.of(sshd.toString(), "-D", "-e", "-f", config.toString()), log);
        try {
            Processes.awaitPort(process, port, log);
        } catch (IOException ex) {
            Processes.stop(process);
            throw ex;
        }
        return new OpenSsh(dir, port, process, log);
    }

    private static void keygen(Path keygen, Path file) throws Exception {
        Processes.run(List.of(keygen.toString(), "-q", "-t", "ed25519", "-N", "", "-C", "acme-test", "-f",
                file.toString()));
    }

    /**
     * Generates a key pair that the server does not authorize.
     *
     * @param name a file name in the server's folder
     * @return the private key in OpenSSH format
     * @throws Exception if ssh-keygen fails
     */
    public String unauthorizedKeyPem(String name) throws Exception {
        var file = dir.resolve(name);
        keygen(Installed.require("ssh-keygen", "openssh-client"), file);
        return Files.readString(file, StandardCharsets.US_ASCII);
    }

    /**
     * Generates a key pair with ssh-keygen and authorizes it.
     *
     * @param name       a file name in the server's folder
     * @param type       e.g. {@code ed25519} or {@code rsa}
     * @param passphrase the passphrase, empty for none
     * @param pem        true for the PEM format ({@code -m PEM}) rather than OpenSSH's own
     * @return the private key file
     * @throws Exception if ssh-keygen fails
     */
    public Path authorizedKey(String name, String type, String passphrase, boolean pem) throws Exception {
        var file = dir.resolve(name);
        var command = new java.util.ArrayList<>(List.of(Installed.require("ssh-keygen", "openssh-client").toString(),
                "-q", "-t", type, "-N", passphrase, "-C", name, "-f", file.toString()));
        if (pem) {
            command.addAll(List.of("-m", "PEM"));
        }
        Processes.run(command);
        authorize(Files.readString(dir.resolve(name + ".pub")).strip());
        return file;
    }

    /**
     * Adds a public key to the authorized keys.
     *
     * @param line an authorized_keys line, e.g. {@code ecdsa-sha2-nistp256 AAAA... comment}
     * @throws IOException if the file cannot be written
     */
    public void authorize(String line) throws IOException {
        Files.writeString(dir.resolve("authorized_keys"), line + "\n", java.nio.file.StandardOpenOption.APPEND);
    }

    /**
     * Returns the port sshd listens on.
     *
     * @return the port
     */
    public int port() {
        return port;
    }

    /**
     * Returns the authorized client key.
     *
     * @return the private key in OpenSSH format
     * @throws IOException if it cannot be read
     */
    public String clientKeyPem() throws IOException {
        return Files.readString(dir.resolve("client_key"), StandardCharsets.US_ASCII);
    }

    /**
     * Writes a known_hosts file with the server's host key, as {@code ssh-keyscan} would.
     *
     * @param file where to write it
     * @return the file
     * @throws IOException if it cannot be written
     */
    public Path knownHosts(Path file) throws IOException {
        return knownHosts(file, "host_key.pub");
    }

    /**
     * Writes a known_hosts file with one of the server's host keys.
     *
     * @param file    where to write it
     * @param keyFile {@code host_key.pub} (Ed25519) or {@code host_key_rsa.pub}
     * @return the file
     * @throws IOException if it cannot be written
     */
    public Path knownHosts(Path file, String keyFile) throws IOException {
        var key = Files.readString(dir.resolve(keyFile)).strip().split("\\s+");
        Files.writeString(file, "[127.0.0.1]:" + port + " " + key[0] + " " + key[1] + "\n");
        return file;
    }

    /**
     * Returns the host key's fingerprint as {@code ssh-keygen -lf} prints it.
     *
     * @return {@code SHA256:...}
     * @throws Exception if ssh-keygen fails
     */
    public String hostKeyFingerprint() throws Exception {
        var output = Processes.run(List.of(Installed.require("ssh-keygen", "openssh-client").toString(), "-lf",
                dir.resolve("host_key.pub").toString()));
        return output.strip().split("\\s+")[1];
    }

    /**
     * Returns an endpoint builder for this server: host, port, user, the authorized key and
     * a known_hosts file.
     *
     * @return the builder, to adjust or build
     * @throws IOException if a file cannot be read or written
     */
    public SshEndpoint.Builder endpoint() throws IOException {
        return SshEndpoint.builder()
                .host("127.0.0.1")
                .port(port)
                .user(System.getProperty("user.name"))
                .privateKey(clientKeyPem())
                .knownHosts(knownHosts(dir.resolve("known_hosts")));
    }

    /**
     * Returns what sshd logged.
     *
     * @return the log
     * @throws IOException if it cannot be read
     */
    public String log() throws IOException {
        return Files.readString(log);
    }

    @Override
    public void close() {
        Processes.stop(process);
    }
}
