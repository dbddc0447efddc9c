package io.github.acmecertificate.core.deploy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.github.acmecertificate.core.exception.InvalidInputException.Problem;
import io.github.acmecertificate.core.exception.InvalidInputException;
import io.github.acmecertificate.core.ssh.SshEndpoint;
import io.github.acmecertificate.core.ssh.SshSession;

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
    public TargetConnection connect() throws IOException {
        return new SftpConnection(SshSession.open(endpoint));
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
    public static final class Builder extends TargetBuilder<Builder, SftpTarget> {

        private final SshEndpoint endpoint;
        private String directory;

        private Builder(SshEndpoint endpoint) {
            this.endpoint = endpoint;
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
         * Checks every value.
         *
         * @return the target
         * @throws InvalidInputException listing every problem, each naming its field
         */
        @Override
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
