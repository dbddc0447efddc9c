package io.github.acmecertificate.jenkins.ssh;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.github.acmecertificate.core.exception.InvalidInputException;

/**
 * The known_hosts lines a step gives as text ({@code knownHosts: '...'}), written to temporary
 * files for the duration of one run, because the core checks host keys against a file. Host
 * keys are public: nothing secret is written. {@link #close()} removes every file.
 *
 * @since 0.1.0
 */
public final class KnownHostsFiles implements AutoCloseable {

    private final List<Path> files = new ArrayList<>();

    /**
     * Writes known_hosts lines to a new temporary file, removed by {@link #close()}.
     *
     * @param lines the lines, as {@code ssh-keyscan} prints them
     * @param field the configuration field, for the error
     * @return the file
     * @throws InvalidInputException if the file cannot be written
     */
    public synchronized Path write(String lines, String field) throws InvalidInputException {
        try {
            var file = Files.createTempFile("acme-known-hosts-", ".txt");
            files.add(file);
            Files.writeString(file, lines.strip() + "\n", StandardCharsets.UTF_8);
            return file;
        } catch (IOException ex) {
            throw new InvalidInputException(field, "cannot write the known_hosts lines to a temporary file: "
                    + ex.getMessage());
        }
    }

    @Override
    public synchronized void close() {
        for (var file : files) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ex) {
                file.toFile().deleteOnExit();
            }
        }
        files.clear();
    }
}
