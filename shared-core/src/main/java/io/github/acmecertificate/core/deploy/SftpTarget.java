package io.github.acmecertificate.core.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.github.acmecertificate.core.exception.InvalidInputException;
import io.github.acmecertificate.core.exception.InvalidInputException.Problem;

/**
 * A server reached over SSH: files are written with SFTP, the reload command runs over
 * SSH.
 *
 * <pre>{@code
 * DeployTarget web = SftpTarget.builder(endpoint)
 *         .name("web1")
 *         .directory("/etc/nginx/tls")
 *         .file("fullchain.pem", "fullchain.pem")
 *         .file("privkey.pem", "privkey.pem", "0600", "root", "root")
 *         .reloadCommand("sudo systemctl reload nginx")
 *         .verifyTls("web1.example.com:443")
 *         .build();
 * }</pre>
 *
 * @since 0.1.0
 */
public final class SftpTarget implements DeployTarget {

    private final SshEndpoint endpoint;
    private final TargetParts.Checked parts;

    private SftpTarget(SshEndpoint endpoint, TargetParts.Checked parts) {
        this.endpoint = endpoint;
        this.parts = parts;
    }

    /**
     * Starts a builder for a server.
     *
     * @param endpoint the server and how to log in
     * @return a new builder
     */
    public static Builder builder(SshEndpoint endpoint) {
        return new Builder(Objects.requireNonNull(endpoint, "endpoint"));
    }

    /**
     * Returns the server and how to log in.
     *
     * @return the endpoint
     */
    public SshEndpoint endpoint() {
        return endpoint;
    }

    @Override
    public String name() {
        return parts.name();
    }

    @Override
    public String type() {
        return "sftp";
    }

    @Override
    public String describe() {
        return "sftp " + endpoint.describe();
    }

    @Override
    public List<TargetFile> files() {
        return parts.files();
    }

    @Override
    public Optional<String> reloadCommand() {
        return parts.reloadCommand();
    }

    @Override
    public Optional<TlsCheck> tlsCheck() {
        return parts.tlsCheck();
    }

    @Override
    public String toString() {
        return "SftpTarget[" + name() + ", " + endpoint + ", " + files() + "]";
    }

    /**
     * Resolves a path on the server: absolute, or relative to the directory; {@code null}
     * when it cannot be placed. Paths are POSIX, whatever the build machine runs.
     */
    static String resolve(String directory, TargetFile file) {
        var path = file.path() == null ? file.source().fileName() : file.path();
        if (!path.startsWith("/")) {
            if (directory == null) {
                return null;
            }
            path = directory + "/" + path;
        }
        if (path.endsWith("/") || path.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            return null;
        }
        var segments = new ArrayList<String>();
        for (var segment : path.split("/+")) {
            if (segment.equals(".") || segment.equals("..")) {
                return null;
            }
            if (!segment.isEmpty()) {
                segments.add(segment);
            }
        }
        return segments.isEmpty() ? null : "/" + String.join("/", segments);
    }

    /**
     * Builds an {@link SftpTarget} from plain values, as front ends read them.
     *
     * @since 0.1.0
     */
    public static final class Builder {

        private final SshEndpoint endpoint;
        private final TargetParts parts = new TargetParts();
        private String directory;

        private Builder(SshEndpoint endpoint) {
            this.endpoint = endpoint;
        }

        /**
         * Names the target in the log and in errors.
         *
         * @param name a short name; by default {@code user@host:port}
         * @return this
         */
        public Builder name(String name) {
            parts.name = name;
            return this;
        }

        /**
         * Sets the folder that relative file paths are in.
         *
         * @param directory an absolute path on the server, e.g. {@code /etc/nginx/tls}
         * @return this
         */
        public Builder directory(String directory) {
            this.directory = TargetParts.blankToNull(directory);
            return this;
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
        public Builder file(String source, String path) {
            parts.add(source, path, null, null, null);
            return this;
        }

        /**
         * Adds a file with its mode and owner.
         *
         * @param source which file (see {@link #file(String, String)})
         * @param path   where
         * @param mode   octal permissions such as {@code 0640}, or {@code null} for the default
         *               (0600 for files with the key, 0644 otherwise)
         * @param owner  a user name or numeric id, or {@code null} to keep the login's
         * @param group  a group name or numeric id, or {@code null} to keep the login's
         * @return this
         */
        public Builder file(String source, String path, String mode, String owner, String group) {
            parts.add(source, path, mode, owner, group);
            return this;
        }

        /**
         * Adds a file.
         *
         * @param file the file
         * @return this
         */
        public Builder file(TargetFile file) {
            parts.add(Objects.requireNonNull(file, "file"));
            return this;
        }

        /**
         * Sets the command run over SSH once the files are in place. A non-zero exit status
         * fails the target and puts the previous files back.
         *
         * @param command e.g. {@code sudo systemctl reload nginx}, or {@code null}
         * @return this
         */
        public Builder reloadCommand(String command) {
            parts.reloadCommand = command;
            return this;
        }

        /**
         * Sets where to check that the new certificate is served.
         *
         * @param hostPort {@code host:port}, or a port alone for the SSH host; {@code null} for no check
         * @return this
         */
        public Builder verifyTls(String hostPort) {
            parts.verifyTls = hostPort;
            return this;
        }

        /**
         * Sets the server name (SNI) the TLS check sends.
         *
         * @param serverName a DNS name, or {@code null} for the certificate's first name
         * @return this
         */
        public Builder tlsServerName(String serverName) {
            parts.tlsServerName = serverName;
            return this;
        }

        /**
         * Checks every value.
         *
         * @return the target
         * @throws InvalidInputException listing every problem, each naming its field
         */
        public SftpTarget build() throws InvalidInputException {
            var problems = new ArrayList<Problem>();
            var label = parts.name != null && !parts.name.isBlank() ? parts.name.strip() : endpoint.describe();
            if (directory != null && !directory.startsWith("/")) {
                problems.add(new Problem("targets.directory", "target " + label + ": directory '" + directory
                        + "' must be an absolute path on the server"));
            }
            var base = directory != null && directory.startsWith("/") ? directory : null;
            var checked = parts.check(endpoint.describe(), file -> resolve(base, file),
                    "give an absolute path on the server, or a directory for relative ones (no '.' or '..')",
                    endpoint.host(), problems);
            if (!problems.isEmpty()) {
                throw new InvalidInputException(problems);
            }
            return new SftpTarget(endpoint, checked);
        }
    }
}
