package io.github.acmecertificate.core.deploy;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.github.acmecertificate.core.exception.InvalidInputException;
import io.github.acmecertificate.core.exception.InvalidInputException.Problem;

/**
 * A folder on the build machine, for a server that runs there or a later step that
 * packages the files. The reload command runs with the local shell ({@code /bin/sh -c},
 * or {@code cmd /c} on Windows).
 *
 * <pre>{@code
 * DeployTarget local = LocalTarget.builder()
 *         .directory(Path.of("/etc/haproxy/certs"))
 *         .file("combined.pem", "example.com.pem")
 *         .reloadCommand("systemctl reload haproxy")
 *         .build();
 * }</pre>
 *
 * @since 0.1.0
 */
public final class LocalTarget implements DeployTarget {

    private final Path directory;
    private final TargetParts.Checked parts;

    private LocalTarget(Path directory, TargetParts.Checked parts) {
        this.directory = directory;
        this.parts = parts;
    }

    /**
     * Starts a builder.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the folder relative paths were resolved against.
     *
     * @return the folder, or empty when every path was absolute
     */
    public Optional<Path> directory() {
        return Optional.ofNullable(directory);
    }

    @Override
    public String name() {
        return parts.name();
    }

    @Override
    public String type() {
        return "local";
    }

    @Override
    public String describe() {
        return "local " + (directory != null ? directory.toString() : "files");
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
        return "LocalTarget[" + name() + ", " + files() + "]";
    }

    /**
     * Builds a {@link LocalTarget} from plain values, as front ends read them.
     *
     * @since 0.1.0
     */
    public static final class Builder {

        private final TargetParts parts = new TargetParts();
        private Path directory;

        private Builder() {
        }

        /**
         * Names the target in the log and in errors.
         *
         * @param name a short name; by default {@code local:<directory>}
         * @return this
         */
        public Builder name(String name) {
            parts.name = name;
            return this;
        }

        /**
         * Sets the folder that relative file paths are in. It must exist.
         *
         * @param directory the folder
         * @return this
         */
        public Builder directory(Path directory) {
            this.directory = directory;
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
         * @param owner  a user name or numeric id, or {@code null} to keep the build's user
         * @param group  a group name or numeric id, or {@code null} to keep the build's group
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
         * Sets the command run once the files are in place.
         *
         * @param command e.g. {@code systemctl reload haproxy}, or {@code null}
         * @return this
         */
        public Builder reloadCommand(String command) {
            parts.reloadCommand = command;
            return this;
        }

        /**
         * Sets where to check that the new certificate is served.
         *
         * @param hostPort {@code host:port}, or a port alone for {@code localhost}; {@code null} for no check
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
        public LocalTarget build() throws InvalidInputException {
            var problems = new ArrayList<Problem>();
            var base = directory == null ? null : directory.toAbsolutePath().normalize();
            var defaultName = "local:" + (base == null ? "files" : base.toString());
            var checked = parts.check(defaultName, file -> resolve(base, file),
                    "give an absolute path, or a directory for relative ones", "localhost", problems);
            if (!problems.isEmpty()) {
                throw new InvalidInputException(problems);
            }
            return new LocalTarget(base, checked);
        }

        private static String resolve(Path base, TargetFile file) {
            try {
                var path = file.path() == null ? Path.of(file.source().fileName()) : Path.of(file.path());
                if (!path.isAbsolute()) {
                    if (base == null) {
                        return null;
                    }
                    path = base.resolve(path);
                }
                path = path.normalize();
                return path.getFileName() == null ? null : path.toString();
            } catch (InvalidPathException ex) {
                return null;
            }
        }
    }
}
