package io.github.acmecertificate.jenkins.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import io.github.acmecertificate.core.exception.InvalidInputException;

/**
 * A configured server's trusted root PEM, written to a temporary file for the duration of a
 * run, because the core reads trust anchors from a file. Root certificates are public: nothing
 * secret is written.
 */
final class TrustFile implements AutoCloseable {

    private final Path file;

    private TrustFile(Path file) {
        this.file = file;
    }

    static TrustFile of(String pem) throws InvalidInputException {
        if (pem == null || pem.isBlank()) {
            return new TrustFile(null);
        }
        try {
            var file = Files.createTempFile("acme-trusted-root-", ".pem");
            Files.writeString(file, pem.strip() + "\n", StandardCharsets.US_ASCII);
            return new TrustFile(file);
        } catch (IOException ex) {
            throw new InvalidInputException("server", "cannot write the trusted root of the configured server to a "
                    + "temporary file: " + ex.getMessage());
        }
    }

    Path path() {
        return file;
    }

    @Override
    public void close() {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ex) {
                file.toFile().deleteOnExit();
            }
        }
    }
}
