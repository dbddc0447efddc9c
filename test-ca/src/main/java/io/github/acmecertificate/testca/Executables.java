package io.github.acmecertificate.testca;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Finds the Pebble binaries on a search path. */
final class Executables {

    static final String PEBBLE = "pebble";
    static final String CHALLTESTSRV = "pebble-challtestsrv";

    private final String searchPath;

    Executables(String searchPath) {
        this.searchPath = searchPath == null ? "" : searchPath;
    }

    /** Uses the process's {@code PATH}. */
    static Executables fromEnvironment() {
        return new Executables(System.getenv("PATH"));
    }

    /** Returns the first executable file called {@code name} on the search path. */
    Optional<Path> find(String name) {
        for (String dir : searchPath.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate.toAbsolutePath());
            }
        }
        return Optional.empty();
    }

    /**
     * Returns the path of {@code name}, or throws an exception that tells how to install it.
     */
    Path require(String name) throws IOException {
        return find(name).orElseThrow(() -> new IOException(
                "'" + name + "' was not found on PATH. " + Pebble.INSTALL_HINT));
    }
}
