package io.github.acmecertificate.core.deploy;

import java.util.Objects;

import io.github.acmecertificate.core.exception.InvalidInputException;

/**
 * What every target builder accepts besides how the target is reached: its name, its files,
 * the reload command and the TLS check. {@link SftpTarget.Builder} and
 * {@link LocalTarget.Builder} add a directory and build.
 *
 * @param <B> the concrete builder, returned by each setter
 * @param <T> the target it builds
 * @since 0.1.0
 */
public abstract class TargetBuilder<B extends TargetBuilder<B, T>, T extends DeployTarget> {

    /** The parts both kinds of target check the same way. */
    final TargetParts parts = new TargetParts();

    TargetBuilder() {
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }

    /**
     * Names the target in the log and in errors.
     *
     * @param name a short name; by default {@code user@host:port} or {@code local:<directory>}
     * @return this
     */
    public B name(String name) {
        parts.name = name;
        return self();
    }

    /**
     * Adds a file with the default mode and owner. Without any file, a target with a
     * directory receives {@code fullchain.pem} and {@code privkey.pem} there.
     *
     * @param source which file: {@code fullchain.pem}, {@code privkey.pem}, {@code cert.pem},
     *               {@code chain.pem}, {@code keystore.p12} or {@code combined.pem}
     * @param path   where: absolute, relative to the directory, or {@code null} for the
     *               source's name in the directory
     * @return this
     */
    public B file(String source, String path) {
        parts.add(source, path, null, null, null);
        return self();
    }

    /**
     * Adds a file with its mode and owner.
     *
     * @param source which file (see {@link #file(String, String)})
     * @param path   where
     * @param mode   octal permissions such as {@code 0640}, or {@code null} for the default
     *               (0600 for files with the key, 0644 otherwise)
     * @param owner  a user name or numeric id, or {@code null} to keep the writer's
     * @param group  a group name or numeric id, or {@code null} to keep the writer's
     * @return this
     */
    public B file(String source, String path, String mode, String owner, String group) {
        parts.add(source, path, mode, owner, group);
        return self();
    }

    /**
     * Adds a file.
     *
     * @param file the file
     * @return this
     */
    public B file(TargetFile file) {
        parts.add(Objects.requireNonNull(file, "file"));
        return self();
    }

    /**
     * Sets the command run once the files are in place (over SSH for an SFTP target, with
     * {@code /bin/sh} for a local one). A non-zero exit status fails the target and puts the
     * previous files back.
     *
     * @param command e.g. {@code sudo systemctl reload nginx}, or {@code null}
     * @return this
     */
    public B reloadCommand(String command) {
        parts.reloadCommand = command;
        return self();
    }

    /**
     * Sets where to check that the new certificate is served.
     *
     * @param hostPort {@code host:port}, or a port alone for the target's own host
     *                 ({@code localhost} for a local target); {@code null} for no check
     * @return this
     */
    public B verifyTls(String hostPort) {
        parts.verifyTls = hostPort;
        return self();
    }

    /**
     * Sets the server name (SNI) the TLS check sends.
     *
     * @param serverName a DNS name, or {@code null} for the certificate's first name
     * @return this
     */
    public B tlsServerName(String serverName) {
        parts.tlsServerName = serverName;
        return self();
    }

    /**
     * Checks every value.
     *
     * @return the target
     * @throws InvalidInputException listing every problem, each naming its field
     */
    public abstract T build() throws InvalidInputException;
}
