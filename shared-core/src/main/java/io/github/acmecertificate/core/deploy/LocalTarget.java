package io.github.acmecertificate.core.deploy;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
    public TargetConnection connect() {
        return new LocalConnection(name());
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
    public static final class Builder extends TargetBuilder<Builder, LocalTarget> {

        private Path directory;

        private Builder() {
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
         * Checks every value.
         *
         * @return the target
         * @throws InvalidInputException listing every problem, each naming its field
         */
        @Override
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
