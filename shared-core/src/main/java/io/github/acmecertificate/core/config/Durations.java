package io.github.acmecertificate.core.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

import io.github.acmecertificate.core.exception.InvalidInputException.Problem;

/**
 * Durations as users write them and as messages show them: ISO-8601 ({@code PT2M}) or a plain
 * number of seconds in, {@code 500 ms}, {@code 30 s}, {@code 2 min} out.
 */
public final class Durations {

    private Durations() {
    }

    /**
     * Parses a positive duration.
     *
     * @return the duration, or {@code null} if the text is blank or wrong (then a problem is added)
     */
    public static Duration parse(String field, String text, List<Problem> problems) {
        if (text == null || text.isBlank()) {
            return null;
        }
        var value = text.strip();
        Duration duration;
        try {
            duration = value.matches("\\d+") ? Duration.ofSeconds(Long.parseLong(value))
                    : Duration.parse(value.toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException | NumberFormatException ex) {
            problems.add(new Problem(field, "'" + text + "' is not a duration. Write an ISO-8601 duration such as "
                    + "PT90S or PT5M, or a number of seconds"));
            return null;
        }
        if (duration.isNegative() || duration.isZero()) {
            problems.add(new Problem(field, "'" + text + "' must be positive"));
            return null;
        }
        return duration;
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
