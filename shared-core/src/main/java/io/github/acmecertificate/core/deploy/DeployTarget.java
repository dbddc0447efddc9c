package io.github.acmecertificate.core.deploy;

import java.util.List;
import java.util.Optional;

import io.github.acmecertificate.core.ssh.SshEndpoint;

/**
 * A place to put the certificate: a server reached over SFTP, or a folder on the build
 * machine. Built from plain values by {@link SftpTarget#builder(SshEndpoint)} or
 * {@link LocalTarget#builder()}, which check everything before any connection; deployed by
 * {@link Deployer}.
 *
 * <p>Every target has the same parts: the {@link #files() files} to write, an optional
 * {@link #reloadCommand() command} that makes the server load them, and an optional
 * {@link #tlsCheck() TLS check} that the server then serves the new certificate.
 *
 * @since 0.1.0
 */
public sealed interface DeployTarget permits SftpTarget, LocalTarget {

    /**
     * Returns the target's name, which every progress message and error about it carries.
     *
     * @return the configured name, or a default such as {@code deploy@web1.example.com:22}
     */
    String name();

    /**
     * Returns the kind of target, as configurations name it.
     *
     * @return {@code sftp} or {@code local}
     */
    String type();

    /**
     * Describes the target for the log, without secrets.
     *
     * @return e.g. {@code sftp deploy@web1.example.com:22}
     */
    String describe();

    /**
     * Returns the files to write, with absolute paths.
     *
     * @return at least one file
     */
    List<TargetFile> files();

    /**
     * Returns the command run after the files are in place (over SSH for an SFTP target, by
     * the local shell for a local one).
     *
     * @return e.g. {@code sudo systemctl reload nginx}, or empty
     */
    Optional<String> reloadCommand();

    /**
     * Returns where to check that the new certificate is served.
     *
     * @return the TLS address, or empty for no check
     */
    Optional<TlsCheck> tlsCheck();
}
