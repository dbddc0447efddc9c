package io.github.acmecertificate.core.config;

import java.time.Duration;

/**
 * Durations as messages show them: {@code 500 ms}, {@code 30 s}, {@code 2 min}. Reading them
 * is {@link Values}'s work.
 */
public final class Durations {

    private Durations() {
    }

    /**
     * Formats a time limit for a message.
     *
     * @return e.g. {@code 500 ms}, {@code 30 s}, {@code 2 min}
     */
    public static String format(Duration duration) {
        if (duration.toMillis() < 1000) {
            return duration.toMillis() + " ms";
        }
        if (duration.toSeconds() < 120 || duration.toSeconds() % 60 != 0) {
            return duration.toSeconds() + " s";
        }
        return duration.toMinutes() + " min";
    }
}
