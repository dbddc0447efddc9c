package io.github.acmecertificate.core.challenge.dns;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

import io.github.acmecertificate.core.exception.InvalidInputException.Problem;

/** Parses the durations users write: ISO-8601 ({@code PT2M}) or a plain number of seconds. */
final class Durations {

    private Durations() {
    }

    /**
     * Parses a positive duration.
     *
     * @return the duration, or {@code null} if the text is blank or wrong (then a problem is added)
     */
    static Duration parse(String field, String text, List<Problem> problems) {
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
}
