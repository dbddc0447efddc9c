package io.github.acmecertificate.core.challenge;

import java.util.List;

import io.github.acmecertificate.core.event.ProgressListener;
import io.github.acmecertificate.core.exception.AcmeCertificateException;
import io.github.acmecertificate.core.exception.InvalidInputException;
import io.github.acmecertificate.core.name.SubjectName;

/**
 * Answers one type of ACME challenge: makes the answer visible to the CA, and takes it
 * away afterwards.
 *
 * <p>One solver serves one run. The workflow calls {@link #prepare} for every pending
 * authorization, then {@link #awaitReady} once, then tells the CA to validate, then calls
 * {@link #cleanUp} for every prepared task (whether validation succeeded or not), and
 * finally {@link #close}. A solver allocates nothing in its constructor: a built-in HTTP
 * server, for instance, listens only between the first {@code prepare} and {@code close}.
 *
 * @since 0.1.0
 */
public interface ChallengeSolver extends AutoCloseable {

    /**
     * Returns the ACME challenge type this solver answers.
     *
     * @return e.g. {@code http-01} or {@code dns-01}
     */
    String challengeType();

    /**
     * Describes the solver for the build log, without secrets.
     *
     * @return e.g. {@code HTTP-01 standalone on 0.0.0.0:80}
     */
    String describe();

    /**
     * Checks, before any network call, that this solver can answer for every name.
     *
     * @param names the names to be authorized
     * @throws InvalidInputException naming the field to fix (for instance {@code challenge}
     *                               when HTTP-01 is asked to prove a wildcard)
     */
    void validate(List<SubjectName> names) throws InvalidInputException;

    /**
     * Makes the answer to one challenge visible to the CA.
     *
     * @param task     the challenge
     * @param listener where to report progress
     * @throws AcmeCertificateException if the answer cannot be published
     */
    void prepare(ChallengeTask task, ProgressListener listener) throws AcmeCertificateException;

    /**
     * Waits until every prepared answer is visible to the CA (DNS propagation, for
     * instance). Called once, after every {@code prepare}.
     *
     * @param tasks    the prepared challenges
     * @param listener where to report progress
     * @throws AcmeCertificateException if the answers did not become visible in time
     * @throws InterruptedException     if the thread was interrupted while waiting
     */
    default void awaitReady(List<ChallengeTask> tasks, ProgressListener listener)
            throws AcmeCertificateException, InterruptedException {
        // Most solvers publish synchronously.
    }

    /**
     * Removes the answer to one challenge. Called for every prepared task, also after a
     * failure; implementations should not throw for an answer that is already gone.
     *
     * @param task     the challenge
     * @param listener where to report progress
     * @throws AcmeCertificateException if the answer could not be removed
     */
    void cleanUp(ChallengeTask task, ProgressListener listener) throws AcmeCertificateException;

    /**
     * Releases what the solver holds (a listening socket, a connection). Never throws.
     */
    @Override
    default void close() {
        // Nothing to release by default.
    }
}
