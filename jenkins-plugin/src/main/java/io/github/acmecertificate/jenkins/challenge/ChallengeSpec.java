package io.github.acmecertificate.jenkins.challenge;

import java.util.Map;
import java.util.Optional;

import io.github.acmecertificate.core.challenge.ChallengeDescription;
import io.github.acmecertificate.core.challenge.ChallengeSolver;
import io.github.acmecertificate.core.exception.AcmeCertificateException;
import io.github.acmecertificate.core.exception.InvalidInputException;

/**
 * One way of answering challenges, as configured in a step: it describes itself as a type and
 * options (kept in the managed-certificate record) and builds the core's solver.
 *
 * <p>A new kind of challenge is a new implementation, a case in {@link ChallengeSpecs#fromRecord},
 * and a describable in the step's {@code challenge} parameter.
 *
 * @since 0.1.0
 */
public interface ChallengeSpec {

    /**
     * Returns the type name, the same as the symbol of the step's describable.
     *
     * @return e.g. {@code http01}
     */
    String type();

    /**
     * Returns the core's description of this challenge: what the managed-certificate record
     * keeps and what becomes the solver.
     *
     * @return the description
     */
    ChallengeDescription description();

    /**
     * Returns the options as strings, to be kept in a record and read back by
     * {@link ChallengeSpecs#fromRecord}: the core description's. Never a secret: secrets are
     * referred to by credential id.
     *
     * @return the options, in a stable order
     */
    default Map<String, String> options() {
        return description().options();
    }

    /**
     * Builds the solver through the core's description. Nothing is started and nothing is
     * contacted; the credentials the options name are read.
     *
     * @param context the credentials the build may use, and what else the run provides
     * @return a new solver
     * @throws InvalidInputException    naming the option that is wrong
     * @throws AcmeCertificateException if a credential it names cannot be read
     */
    default ChallengeSolver createSolver(SolverContext context) throws AcmeCertificateException {
        return description().createSolver(context);
    }

    /**
     * Tells whether the controller itself can answer this challenge, so that the scheduled
     * renewal (which runs on the controller, outside any build) may renew with it.
     *
     * @return true if the controller can answer
     */
    boolean answerableFromController();

    /**
     * Says how answering uses the controller itself on a build's behalf (its file system, its
     * processes, its own cloud identity), which a build may do only when it runs as an
     * administrator (or as the system, the default without an authenticator such as Authorize
     * Project).
     *
     * @return e.g. {@code writes files on the controller}, or empty when it does not
     */
    default Optional<String> controllerAccess() {
        return Optional.empty();
    }

    /**
     * Tells whether only a build running as an administrator may use this challenge.
     *
     * @return true when {@link #controllerAccess()} says how it uses the controller
     */
    default boolean requiresAdministrator() {
        return controllerAccess().isPresent();
    }

    /**
     * Describes the challenge for the log, as a step argument would read.
     *
     * @return e.g. {@code http01(port: 80)}
     */
    String describe();
}
