package io.github.acmecertificate.core.store;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Properties;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;

import io.github.acmecertificate.core.exception.StoreException;

/**
 * Reads and writes {@link RenewalState} as one properties file per certificate name, in a
 * folder of its own beside the certificates: the state changes between renewals (every
 * renewal-information check, every failure), while a certificate's folder is only ever
 * replaced as a whole.
 */
final class StateFiles {

    private final Path directory;

    StateFiles(Path directory) {
        this.directory = directory;
    }

    Path file(String name) {
        return directory.resolve(name + ".properties");
    }

    Optional<RenewalState> load(String name) throws StoreException {
        var file = file(name);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            var props = new Properties();
            props.load(new StringReader(Files.readString(file, StandardCharsets.UTF_8)));
            return Optional.of(new RenewalState(text(props, "ari.certificateId"), instant(props, "ari.windowStart"),
                    instant(props, "ari.windowEnd"), instant(props, "ari.chosenTime"),
                    instant(props, "ari.nextCheck"), instant(props, "lastRun"), text(props, "lastResult"),
                    text(props, "lastError"), Integer.parseInt(props.getProperty("failures", "0").strip()),
                    instant(props, "nextAttempt"), instant(props, "revokedAt"), text(props, "revocationReason")));
        } catch (IOException | RuntimeException ex) {
            throw new StoreException("Cannot read " + file + ": " + ex.getMessage()
                    + ". Remove that file: it only holds renewal checks and failures, and is written again", ex);
        }
    }

    void save(String name, RenewalState state) throws StoreException {
        var props = new Properties();
        BiConsumer<String, Optional<?>> put = (key, value) -> value.ifPresent(v -> props.setProperty(key,
                v.toString()));
        put.accept("ari.certificateId", state.ariCertificateId());
        put.accept("ari.windowStart", state.ariWindowStart());
        put.accept("ari.windowEnd", state.ariWindowEnd());
        put.accept("ari.chosenTime", state.ariChosenTime());
        put.accept("ari.nextCheck", state.ariNextCheck());
        put.accept("lastRun", state.lastRun());
        put.accept("lastResult", state.lastResult());
        put.accept("lastError", state.lastError());
        props.setProperty("failures", Integer.toString(state.failures()));
        put.accept("nextAttempt", state.nextAttempt());
        put.accept("revokedAt", state.revokedAt());
        put.accept("revocationReason", state.revocationReason());
        var file = file(name);
        try {
            SecureFiles.createDirectories(directory, SecureFiles.PRIVATE_DIR);
            var text = new StringWriter();
            props.store(text, "Renewal checks and results, written by acme-certificate");
            // Sorted, so the file reads the same way each time.
            var lines = text.toString().lines().toList();
            var sorted = lines.stream().filter(l -> l.startsWith("#")).collect(Collectors.joining("\n", "", "\n"))
                    + lines.stream().filter(l -> !l.startsWith("#")).sorted().collect(Collectors.joining("\n", "", "\n"));
            SecureFiles.write(file, sorted.getBytes(StandardCharsets.ISO_8859_1), SecureFiles.PUBLIC);
        } catch (IOException ex) {
            throw new StoreException("Cannot write " + file + ": " + ex.getMessage(), ex);
        }
    }

    private static Optional<String> text(Properties props, String key) {
        return Optional.ofNullable(props.getProperty(key)).filter(v -> !v.isBlank());
    }

    private static Optional<Instant> instant(Properties props, String key) throws IOException {
        var value = text(props, key);
        try {
            return value.map(v -> Instant.parse(v.strip()));
        } catch (DateTimeParseException ex) {
            throw new IOException(key + " is not a time: " + value.get(), ex);
        }
    }
}
