package io.github.acmecertificate.jenkins.deploy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;

import io.github.acmecertificate.core.deploy.TargetDescription;
import io.github.acmecertificate.core.ssh.SshEndpoint;
import io.github.acmecertificate.jenkins.ssh.SshSpec;

/**
 * A server the certificate is deployed to over SFTP, as {@code sftp(...)} gives it. Holds no
 * secret: the login comes from the credential {@link SshSpec#credentialsId()} names.
 *
 * @param name          the target's name in the log, or empty for {@code user@host:port}
 * @param ssh           the server and how to log in
 * @param directory     the folder relative paths are in, or empty
 * @param files         what goes where; none for {@code fullchain.pem} and {@code privkey.pem} in the directory
 * @param reloadCommand the command run over SSH once the files are in place, or empty
 * @param verifyTls     {@code host:port} (or a port) to check that the new certificate is served, or empty
 * @param tlsServerName the name the TLS check sends, or empty for the certificate's first name
 * @since 0.1.0
 */
public record SftpTargetSpec(String name, SshSpec ssh, String directory, List<TargetFileSpec> files,
        String reloadCommand, String verifyTls, String tlsServerName) implements TargetSpec {

    /** How the core names a target's fields in errors. */
    public static final String FIELD_PREFIX = "targets.";

    /**
     * Creates the spec.
     *
     * @param name          the name, or {@code null}
     * @param ssh           the server
     * @param directory     the directory, or {@code null}
     * @param files         the files, or {@code null}
     * @param reloadCommand the command, or {@code null}
     * @param verifyTls     the TLS address, or {@code null}
     * @param tlsServerName the SNI name, or {@code null}
     */
    public SftpTargetSpec {
        name = strip(name);
        Objects.requireNonNull(ssh, "ssh");
        directory = strip(directory);
        files = files == null ? List.of() : List.copyOf(files);
        reloadCommand = strip(reloadCommand);
        verifyTls = strip(verifyTls);
        tlsServerName = strip(tlsServerName);
    }

    private static String strip(String value) {
        return value == null ? "" : value.strip();
    }

    @Override
    public TargetDescription description() {
        var options = new LinkedHashMap<String, String>();
        options.put("name", name);
        options.put("host", ssh.host());
        options.put("port", Integer.toString(ssh.port()));
        options.put("credential", ssh.credentialsId());
        options.put("knownHosts", ssh.knownHosts());
        options.put("hostKeyFingerprint", ssh.hostKeyFingerprint());
        options.put("directory", directory);
        options.put("reloadCommand", reloadCommand);
        options.put("verifyTls", verifyTls);
        options.put("tlsServerName", tlsServerName);
        var entries = files.stream().map(f -> new TargetDescription.FileEntry(f.source(), f.path(), f.mode(),
                f.owner(), f.group())).toList();
        return new TargetDescription("sftp", options, entries);
    }

    /**
     * Reads the spec of an sftp description.
     *
     * @param d the description
     * @return the spec
     * @throws IllegalArgumentException if the port is not a number
     */
    static SftpTargetSpec of(TargetDescription d) {
        var port = d.get("port");
        int number;
        try {
            number = port == null ? SshEndpoint.DEFAULT_PORT : Integer.parseInt(port);
        } catch (NumberFormatException ex) {
            throw new IllegalArgumentException("the SSH port '" + port + "' is not a number", ex);
        }
        var files = d.files().stream().map(f -> new TargetFileSpec(f.source(), f.path(), f.mode(), f.owner(),
                f.group())).toList();
        return new SftpTargetSpec(d.get("name"), new SshSpec(d.get("host"), number, d.get("credential"),
                d.get("knownHosts"), d.get("hostKeyFingerprint")), d.get("directory"), files, d.get("reloadCommand"),
                d.get("verifyTls"), d.get("tlsServerName"));
    }

    /**
     * Returns how the log names this target.
     *
     * @return the name, or {@code host} when it has none
     */
    public String label() {
        return name.isEmpty() ? ssh.host() : name;
    }

    @Override
    public String describe() {
        return "sftp(" + (name.isEmpty() ? "" : "name: '" + name + "', ") + ssh.describe() + ")";
    }
}
