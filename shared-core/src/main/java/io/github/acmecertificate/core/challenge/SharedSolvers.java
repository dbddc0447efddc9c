package io.github.acmecertificate.core.challenge;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.acmecertificate.core.event.ProgressListener;
import io.github.acmecertificate.core.exception.AcmeCertificateException;
import io.github.acmecertificate.core.exception.InvalidInputException;
import io.github.acmecertificate.core.name.SubjectName;

/**
 * The solvers of certificates that run at once: certificates answering HTTP-01 on the same
 * address and port share one listener (a second one could not bind the port); every other
 * challenge gets a solver of its own, built with its own certificate's credentials. The shared
 * solvers are closed when the whole call ends, not when one certificate does.
 *
 * @since 0.1.0
 */
public final class SharedSolvers implements AutoCloseable {

    private final Map<ChallengeDescription, ChallengeSolver> shared = new LinkedHashMap<>();

    /** Builds a solver for one certificate (where it runs, with which credentials). */
    @FunctionalInterface
    public interface Factory {
        /**
         * Builds the solver.
         *
         * @param challenge the challenge
         * @return the solver
         * @throws AcmeCertificateException naming the option that is wrong
         */
        ChallengeSolver create(ChallengeDescription challenge) throws AcmeCertificateException;
    }

    /**
     * Returns one certificate's solver: the HTTP-01 listener already open for the same address
     * and port, whose closing by the certificate's run leaves it open for the others; else a new
     * solver of its own, which its run closes.
     *
     * @param challenge the certificate's challenge
     * @param factory   builds a solver when none is shared
     * @return the solver
     * @throws AcmeCertificateException naming the option that is wrong
     */
    public synchronized ChallengeSolver solver(ChallengeDescription challenge, Factory factory)
            throws AcmeCertificateException {
        if (challenge.type() != ChallengeType.HTTP_01) {
            return factory.create(challenge);
        }
        var solver = shared.get(challenge);
        if (solver == null) {
            solver = factory.create(challenge);
            shared.put(challenge, solver);
        }
        return new Kept(solver);
    }

    /** Closes the shared solvers. */
    @Override
    public synchronized void close() {
        shared.values().forEach(ChallengeSolver::close);
        shared.clear();
    }

    /** A shared solver as one certificate sees it: closing it leaves it open for the others. */
    private record Kept(ChallengeSolver solver) implements ChallengeSolver {

        @Override
        public String challengeType() {
            return solver.challengeType();
        }

        @Override
        public String describe() {
            return solver.describe();
        }

        @Override
        public void validate(List<SubjectName> names) throws InvalidInputException {
            solver.validate(names);
        }

        @Override
        public void prepare(ChallengeTask task, ProgressListener listener) throws AcmeCertificateException {
            solver.prepare(task, listener);
        }

        @Override
        public void awaitReady(List<ChallengeTask> tasks, ProgressListener listener)
                throws AcmeCertificateException, InterruptedException {
            solver.awaitReady(tasks, listener);
        }

        @Override
        public void cleanUp(ChallengeTask task, ProgressListener listener) throws AcmeCertificateException {
            solver.cleanUp(task, listener);
        }

        @Override
        public void close() {
            // The call closes the shared solver when every certificate is done.
        }
    }
}
