package io.github.acmecertificate.core.deploy;

import java.time.Duration;

/** Formats time limits for messages. */
final class Durations {

    private Durations() {
    }

    /** E.g. {@code 500 ms}, {@code 30 s}, {@code 2 min}. */
    static String format(Duration duration) {
        if (duration.toMillis() < 1000) {
            return duration.toMillis() + " ms";
        }
        if (duration.toSeconds() < 120 || duration.toSeconds() % 60 != 0) {
            return duration.toSeconds() + " s";
        }
        return duration.toMinutes() + " min";
    }
}
