package io.github.acmecertificate.maven;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import io.github.acmecertificate.core.exception.AcmeCertificateException;
import io.github.acmecertificate.core.exception.InvalidInputException;
import io.github.acmecertificate.core.exception.InvalidInputException.Problem;
import org.apache.maven.plugin.MojoFailureException;

/**
 * Gathers the input problems of every step of a goal's set-up (targets, settings.xml servers,
 * durations, the challenge, the request), so that one failure lists them all, before any
 * network call, instead of the first step's alone.
 */
final class InputProblems {

    /** One step of the set-up. */
    interface Step<T> {
        T get() throws AcmeCertificateException, MojoFailureException;
    }

    private final List<Problem> problems = new ArrayList<>();
    private final List<String> settingsProblems = new ArrayList<>();

    /**
     * Runs a step; what it refuses is kept for the report.
     *
     * @param step     the step
     * @param fallback what to go on with when it is refused
     * @return the step's result, or the fallback
     * @throws AcmeCertificateException for a failure that is not about the input
     */
    <T> T check(Step<T> step, T fallback) throws AcmeCertificateException {
        return check(step, fallback, problem -> true);
    }

    /**
     * Runs a step, keeping only the problems that {@code keep} accepts (those that repeat an
     * earlier step's problem in other words are left out).
     */
    <T> T check(Step<T> step, T fallback, Predicate<Problem> keep) throws AcmeCertificateException {
        try {
            return step.get();
        } catch (InvalidInputException ex) {
            ex.problems().stream().filter(keep).filter(p -> !problems.contains(p)).forEach(problems::add);
            return fallback;
        } catch (MojoFailureException ex) {
            settingsProblems.add(ex.getMessage());
            return fallback;
        }
    }

    /**
     * Tells whether any step was refused.
     *
     * @return true when {@link #throwIfAny()} will throw
     */
    boolean any() {
        return !problems.isEmpty() || !settingsProblems.isEmpty();
    }

    /**
     * Fails the goal with every problem found, if any.
     *
     * @throws MojoFailureException listing them, each with the property or element that sets it
     */
    void throwIfAny() throws MojoFailureException {
        if (problems.isEmpty() && settingsProblems.isEmpty()) {
            return;
        }
        var lines = new ArrayList<String>();
        InvalidInputException cause = null;
        if (!problems.isEmpty()) {
            cause = new InvalidInputException(problems);
            lines.add(MojoErrors.failure(cause).getMessage());
        }
        lines.addAll(settingsProblems);
        throw new MojoFailureException(String.join("\n", lines), cause);
    }
}
