package io.github.acmecertificate.testca;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Deleting work directories. */
final class Directories {

    private Directories() {
    }

    /**
     * Deletes a directory tree, as far as possible. Best effort: a leftover temporary directory
     * must not fail a test that passed, nor hide the exception that made a start fail.
     */
    static void deleteRecursively(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException ignored) {
                    // Keep deleting the rest.
                }
            });
        } catch (IOException | UncheckedIOException ignored) {
            // The directory is already gone or cannot be listed.
        }
    }
}
