package io.github.acmecertificate.core.renewal;

import java.time.Instant;
import java.util.Objects;

/**
 * A renewal window suggested by the CA through ACME Renewal Information (RFC 9773).
 *
 * @param start the earliest suggested renewal time
 * @param end   the latest suggested renewal time
 * @since 0.1.0
 */
public record RenewalWindow(Instant start, Instant end) {

    /**
     * Creates a window.
     *
     * @param start the earliest suggested renewal time
     * @param end   the latest suggested renewal time, not before {@code start}
     */
    public RenewalWindow {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("end before start");
        }
    }
}
