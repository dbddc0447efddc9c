package io.github.acmecertificate.core.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import io.github.acmecertificate.core.exception.InvalidInputException;
import io.github.acmecertificate.core.exception.InvalidInputException.Problem;

/**
 * The one parser for settings written as text: durations, ports, numbers, booleans and lists.
 * Every builder in the core and every front end (Maven parameters, Jenkins form checks) reads
 * values through it, so that one value means the same wherever it is written.
 *
 * <p>Each method either returns the value or adds a {@link Problem} naming the field and the
 * accepted forms; blank text means "not set" and yields {@code null}.
 *
 * @since 0.1.0
 */
public final class Values {

    /** The duration forms, for messages. */
    public static final String DURATION_FORMS = "an ISO-8601 duration (P30D, PT12H, PT2M, PT90S), a number with a "
            + "unit (30d, 12h, 2m, 90s) or a number of seconds (120)";

    private static final Pattern SHORT = Pattern.compile("(\\d{1,12})\\s*(d|h|m|s|ms)?");

    private Values() {
    }

    /**
     * Parses a positive duration.
     *
     * @param field    the field, for the message
     * @param text     the text; blank means not set
     * @param problems where a problem goes
     * @return the duration, or {@code null} if blank or wrong (then a problem is added)
     */
    public static Duration duration(String field, String text, List<Problem> problems) {
        if (text == null || text.isBlank()) {
            return null;
        }
        var value = lower(text.strip());
        Duration duration;
        try {
            var matcher = SHORT.matcher(value);
            if (matcher.matches()) {
                long amount = Long.parseLong(matcher.group(1));
                var unit = matcher.group(2) == null ? "s" : matcher.group(2);
                duration = switch (unit) {
                    case "d" -> Duration.ofDays(amount);
                    case "h" -> Duration.ofHours(amount);
                    case "m" -> Duration.ofMinutes(amount);
                    case "ms" -> Duration.ofMillis(amount);
                    default -> Duration.ofSeconds(amount);
                };
            } else {
                duration = Duration.parse(upper(value));
            }
        } catch (DateTimeParseException | ArithmeticException | NumberFormatException ex) {
            problems.add(new Problem(field, "'" + text.strip() + "' is not a duration. Write " + DURATION_FORMS));
            return null;
        }
        if (duration.isNegative() || duration.isZero()) {
            problems.add(new Problem(field, "'" + text.strip() + "' must be positive, e.g. 30d or PT2M"));
            return null;
        }
        return duration;
    }

    /**
     * Parses a positive duration, or fails.
     *
     * @param field the field, for the message
     * @param text  the text; blank means not set
     * @return the duration, or {@code null} if blank
     * @throws InvalidInputException naming the field and the accepted forms
     */
    public static Duration duration(String field, String text) throws InvalidInputException {
        var problems = new ArrayList<Problem>();
        var result = duration(field, text, problems);
        throwIfAny(problems);
        return result;
    }

    /**
     * Parses a TCP or UDP port.
     *
     * @param field    the field, for the message
     * @param text     the text; blank means not set
     * @param problems where a problem goes
     * @return the port (1 to 65535), or {@code null} if blank or wrong
     */
    public static Integer port(String field, String text, List<Problem> problems) {
        if (text == null || text.isBlank()) {
            return null;
        }
        var value = text.strip();
        var number = portNumber(value);
        if (number == null) {
            problems.add(new Problem(field, "'" + value + "' is not a port. Write a number from 1 to 65535"));
        }
        return number;
    }

    /**
     * Reads a TCP port number, for parsers of composite values ({@code host:port}) that word
     * their own message.
     *
     * @param text the digits
     * @return the port (1 to 65535), or {@code null} when the text is not one
     */
    public static Integer portNumber(String text) {
        try {
            int number = Integer.parseInt(text == null ? "" : text.strip());
            return number >= 1 && number <= 65535 ? number : null;
        } catch (NumberFormatException ex) {
            return null;
        }
    }

    /**
     * Parses a port, or fails.
     *
     * @param field the field
     * @param text  the text; blank means not set
     * @return the port, or {@code null} if blank
     * @throws InvalidInputException naming the field
     */
    public static Integer port(String field, String text) throws InvalidInputException {
        var problems = new ArrayList<Problem>();
        var result = port(field, text, problems);
        throwIfAny(problems);
        return result;
    }

    /**
     * Parses a whole number within bounds.
     *
     * @param field    the field, for the message
     * @param text     the text; blank means not set
     * @param min      the smallest accepted value
     * @param max      the largest accepted value
     * @param problems where a problem goes
     * @return the number, or {@code null} if blank or wrong
     */
    public static Integer integer(String field, String text, int min, int max, List<Problem> problems) {
        if (text == null || text.isBlank()) {
            return null;
        }
        var value = text.strip();
        int number;
        try {
            number = Integer.parseInt(value);
        } catch (NumberFormatException ex) {
            problems.add(new Problem(field, "'" + value + "' is not a number. Write a whole number from " + min
                    + " to " + max));
            return null;
        }
        if (number < min || number > max) {
            problems.add(new Problem(field, number + " is out of range. Write a whole number from " + min + " to "
                    + max));
            return null;
        }
        return number;
    }

    /**
     * Parses a whole number within bounds, or fails.
     *
     * @param field the field
     * @param text  the text; blank means not set
     * @param min   the smallest accepted value
     * @param max   the largest accepted value
     * @return the number, or {@code null} if blank
     * @throws InvalidInputException naming the field
     */
    public static Integer integer(String field, String text, int min, int max) throws InvalidInputException {
        var problems = new ArrayList<Problem>();
        var result = integer(field, text, min, max, problems);
        throwIfAny(problems);
        return result;
    }

    /**
     * Parses a boolean: only {@code true} or {@code false}, in any case. Anything else is an
     * input problem, never a silent {@code false}.
     *
     * @param field    the field, for the message
     * @param text     the text; blank means not set
     * @param problems where a problem goes
     * @return the value, or {@code null} if blank or wrong
     */
    public static Boolean bool(String field, String text, List<Problem> problems) {
        if (text == null || text.isBlank()) {
            return null;
        }
        var value = lower(text.strip());
        if ("true".equals(value)) {
            return Boolean.TRUE;
        }
        if ("false".equals(value)) {
            return Boolean.FALSE;
        }
        problems.add(new Problem(field, "'" + text.strip() + "' is not a boolean. Write true or false"));
        return null;
    }

    /**
     * Parses a boolean, or fails.
     *
     * @param field    the field
     * @param text     the text
     * @param fallback the value when blank
     * @return the value
     * @throws InvalidInputException naming the field
     */
    public static boolean bool(String field, String text, boolean fallback) throws InvalidInputException {
        var problems = new ArrayList<Problem>();
        var result = bool(field, text, problems);
        throwIfAny(problems);
        return result == null ? fallback : result;
    }

    /**
     * Splits a list written as text: entries separated by commas or line breaks, each stripped,
     * blanks dropped.
     *
     * @param text the text, possibly {@code null}
     * @return the entries, possibly empty
     */
    public static List<String> list(String text) {
        var result = new ArrayList<String>();
        if (text != null) {
            for (var entry : text.split("[,\\r\\n]")) {
                if (!entry.isBlank()) {
                    result.add(entry.strip());
                }
            }
        }
        return result;
    }

    /**
     * Parses {@code key=value} pairs: one per line, or on one line separated by commas; lines
     * starting with {@code #} are comments.
     *
     * @param field the field, for the message
     * @param text  the text, possibly {@code null}
     * @return the pairs in the order written
     * @throws InvalidInputException for a pair without {@code =} or a key given twice
     */
    public static Map<String, String> keyValues(String field, String text) throws InvalidInputException {
        var result = new LinkedHashMap<String, String>();
        if (text == null || text.isBlank()) {
            return result;
        }
        var pairs = text.contains("\n") || text.contains("\r") ? text.split("\\R") : text.split(",");
        for (var pair : pairs) {
            var entry = pair.strip();
            if (entry.isEmpty() || entry.startsWith("#")) {
                continue;
            }
            int equals = entry.indexOf('=');
            if (equals <= 0) {
                throw new InvalidInputException(field, "'" + entry + "' is not key=value. Write e.g. "
                        + "'nameserver=ns1.example.com, tsigAlgorithm=hmac-sha256', or one pair per line when a "
                        + "value holds a comma");
            }
            var key = entry.substring(0, equals).strip();
            if (result.containsKey(key)) {
                throw new InvalidInputException(field, key + " is given twice");
            }
            result.put(key, entry.substring(equals + 1).strip());
        }
        return result;
    }

    /**
     * Writes pairs back as text that {@link #keyValues} reads: comma-separated, or one pair per
     * line when a value holds a comma.
     *
     * @param pairs the pairs
     * @return the text
     */
    public static String keyValues(Map<String, String> pairs) {
        var lines = pairs.values().stream().anyMatch(v -> v.contains(","));
        var out = new StringBuilder();
        for (var entry : pairs.entrySet()) {
            if (out.length() > 0) {
                out.append(lines ? "\n" : ", ");
            }
            out.append(entry.getKey()).append('=').append(entry.getValue());
        }
        return out.toString();
    }

    /**
     * Upper-cases text the same on every machine (a Turkish locale would turn {@code i} into
     * {@code İ}).
     *
     * @param text the text
     * @return the text in upper case
     */
    public static String upper(String text) {
        return text.toUpperCase(Locale.ROOT);
    }

    /**
     * Lower-cases text the same on every machine.
     *
     * @param text the text
     * @return the text in lower case
     */
    public static String lower(String text) {
        return text.toLowerCase(Locale.ROOT);
    }

    /**
     * Starts collecting values and their problems, so that a front end reads every parameter
     * and reports every problem at once.
     *
     * @return a new collector
     */
    public static Collector collector() {
        return new Collector();
    }

    /** Reads several values, remembering every problem until {@link #check()}. */
    public static final class Collector {
        private final List<Problem> problems = new ArrayList<>();

        private Collector() {
        }

        /**
         * Reads a duration.
         *
         * @param field    the field
         * @param text     the text
         * @param fallback the value when blank or wrong
         * @return the duration
         */
        public Duration duration(String field, String text, Duration fallback) {
            var value = Values.duration(field, text, problems);
            return value == null ? fallback : value;
        }

        /**
         * Reads a boolean.
         *
         * @param field    the field
         * @param text     the text
         * @param fallback the value when blank or wrong
         * @return the value
         */
        public boolean bool(String field, String text, boolean fallback) {
            var value = Values.bool(field, text, problems);
            return value == null ? fallback : value;
        }

        /**
         * Reads a port.
         *
         * @param field    the field
         * @param text     the text
         * @param fallback the value when blank or wrong
         * @return the port
         */
        public int port(String field, String text, int fallback) {
            var value = Values.port(field, text, problems);
            return value == null ? fallback : value;
        }

        /**
         * Reads a whole number within bounds.
         *
         * @param field    the field
         * @param text     the text
         * @param min      the smallest accepted value
         * @param max      the largest accepted value
         * @param fallback the value when blank or wrong
         * @return the number
         */
        public int integer(String field, String text, int min, int max, int fallback) {
            var value = Values.integer(field, text, min, max, problems);
            return value == null ? fallback : value;
        }

        /**
         * Adds the problems of a failed step.
         *
         * @param ex the failure
         */
        public void add(InvalidInputException ex) {
            problems.addAll(ex.problems());
        }

        /**
         * Returns the problems found so far.
         *
         * @return the problems, possibly empty
         */
        public List<Problem> problems() {
            return List.copyOf(problems);
        }

        /**
         * Fails if any value was wrong.
         *
         * @throws InvalidInputException listing every problem
         */
        public void check() throws InvalidInputException {
            throwIfAny(problems);
        }
    }

    private static void throwIfAny(List<Problem> problems) throws InvalidInputException {
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
    }
}
