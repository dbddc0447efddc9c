package io.github.acmecertificate.core.deploy;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import io.github.acmecertificate.core.ssh.SshEndpoint;

/**
 * A place to put the certificate: a server reached over SFTP, a folder on the build machine,
 * or any destination a {@link DeployTargetFactory} found with {@link java.util.ServiceLoader}
 * adds. Built from plain values ({@link SftpTarget#builder(SshEndpoint)},
 * {@link LocalTarget#builder()}, or {@link DeployTargets#create} from a
 * {@link TargetDescription}), which check everything before any connection; deployed by
 * {@link Deployer}, which holds the all-or-nothing logic for every kind of target and only asks
 * the target for a {@link #connect() connection}.
 *
 * <p>Every target has the same parts: the {@link #files() files} to write, an optional
 * {@link #reloadCommand() command} that makes the server load them, and an optional
 * {@link #tlsCheck() TLS check} that the server then serves the new certificate.
 *
 * @since 0.1.0
 */
public interface DeployTarget {

    /**
     * Returns the target's name, which every progress message and error about it carries.
     *
     * @return the configured name, or a default such as {@code deploy@web1.example.com:22}
     */
    String name();

    /**
     * Returns the kind of target, as configurations name it.
     *
     * @return e.g. {@code sftp} or {@code local}
     */
    String type();

    /**
     * Opens the connection a deploy writes through: SFTP and SSH for a server, the file system
     * and a shell for a local folder.
     *
     * @return an open connection, closed by the deploy
     * @throws IOException if it cannot be opened; the message names the target
     */
    TargetConnection connect() throws IOException;

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
