package io.github.acmecertificate.core.store;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.BiConsumer;

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
        // Sorted by key, so the file reads the same way each time.
        var entries = new TreeMap<String, String>();
        BiConsumer<String, Optional<?>> put = (key, value) -> value.ifPresent(v -> entries.put(key, v.toString()));
        put.accept("ari.certificateId", state.ariCertificateId());
        put.accept("ari.windowStart", state.ariWindowStart());
        put.accept("ari.windowEnd", state.ariWindowEnd());
        put.accept("ari.chosenTime", state.ariChosenTime());
        put.accept("ari.nextCheck", state.ariNextCheck());
        put.accept("lastRun", state.lastRun());
        put.accept("lastResult", state.lastResult());
        put.accept("lastError", state.lastError());
        entries.put("failures", Integer.toString(state.failures()));
        put.accept("nextAttempt", state.nextAttempt());
        put.accept("revokedAt", state.revokedAt());
        put.accept("revocationReason", state.revocationReason());
        // Written here rather than by Properties.store, whose date comment makes the JDK load its
        // time-zone name tables: milliseconds on every not-due run, for a line nobody reads.
        var text = new StringBuilder("#Renewal checks and results, written by acme-certificate\n");
        entries.forEach((key, value) -> text.append(escape(key, true)).append('=').append(escape(value, false))
                .append('\n'));
        var file = file(name);
        try {
            SecureFiles.createDirectories(directory, SecureFiles.PRIVATE_DIR);
            SecureFiles.write(file, text.toString().getBytes(StandardCharsets.ISO_8859_1), SecureFiles.PUBLIC);
        } catch (IOException ex) {
            throw new StoreException("Cannot write " + file + ": " + ex.getMessage(), ex);
        }
    }

    /**
     * Escapes a key or value as {@link Properties#store(java.io.Writer, String)} does, so that
     * {@link Properties#load(java.io.Reader)} reads back exactly the text: ISO 8859-1 safe,
     * anything outside printable ASCII as a Unicode escape.
     */
    static String escape(String text, boolean key) {
        var out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\f' -> out.append("\\f");
                case '=', ':', '#', '!' -> out.append('\\').append(c);
                case ' ' -> out.append(i == 0 || key ? "\\ " : " ");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        out.append(String.format("\\u%04X", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
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
