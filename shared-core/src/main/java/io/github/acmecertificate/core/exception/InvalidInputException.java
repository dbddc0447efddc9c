package io.github.acmecertificate.core.exception;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The configuration cannot work: a field is missing, malformed or contradicts another.
 *
 * <p>Thrown before any network call and before anything is written, so a user can fix
 * the field and run again with nothing to clean up. Each problem names the field as the
 * front ends spell it (for example {@code domains}, which Maven reads from
 * {@code acme.domains}).
 *
 * @since 0.1.0
 */
public class InvalidInputException extends AcmeCertificateException {

    private static final long serialVersionUID = 1L;

    /**
     * One thing wrong with one field.
     *
     * @param field   the field's name, e.g. {@code domains}
     * @param problem what is wrong and how to fix it
     */
    public record Problem(String field, String problem) {
        @Override
        public String toString() {
            return field + ": " + problem;
        }
    }

    private final List<Problem> problems;

    /**
     * Creates an exception for a single problem.
     *
     * @param field   the field's name
     * @param problem what is wrong and how to fix it
     */
    public InvalidInputException(String field, String problem) {
        this(List.of(new Problem(field, problem)));
    }

    /**
     * Creates an exception listing several problems at once, so a user fixes them in one go.
     *
     * @param problems the problems found, at least one
     */
    public InvalidInputException(List<Problem> problems) {
        super(format(problems));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("problems must not be empty");
        }
        this.problems = List.copyOf(problems);
    }

    /**
     * Returns the field of the first problem.
     *
     * @return the field's name
     */
    public String field() {
        return problems.get(0).field();
    }

    /**
     * Returns every problem found.
     *
     * @return the problems, in the order they were found
     */
    public List<Problem> problems() {
        return problems;
    }

    private static String format(List<Problem> problems) {
        if (problems.size() == 1) {
            return "Invalid " + problems.get(0);
        }
        return "Invalid configuration:" + problems.stream()
                .map(p -> "\n  - " + p)
                .collect(Collectors.joining());
    }
}
