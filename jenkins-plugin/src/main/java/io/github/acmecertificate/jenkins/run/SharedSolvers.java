package io.github.acmecertificate.jenkins.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.acmecertificate.core.challenge.ChallengeDescription;
import io.github.acmecertificate.core.challenge.ChallengeSolver;
import io.github.acmecertificate.core.challenge.ChallengeTask;
import io.github.acmecertificate.core.challenge.ChallengeType;
import io.github.acmecertificate.core.event.ProgressListener;
import io.github.acmecertificate.core.exception.AcmeCertificateException;
import io.github.acmecertificate.core.exception.InvalidInputException;
import io.github.acmecertificate.core.name.SubjectName;
import io.github.acmecertificate.jenkins.credentials.LookupContext;

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
    private final List<ChallengeSolver> owned = new ArrayList<>();

    /**
     * Returns a factory for one certificate's run that shares the HTTP-01 solvers.
     *
     * @param factory builds a solver (on an agent, say); {@code null} builds it from the
     *                challenge's description on the controller
     * @return the factory to give {@link CertificateRun#solvers(CertificateRun.Solvers)}
     */
    public CertificateRun.Solvers using(CertificateRun.Solvers factory) {
        var builder = factory == null ? (CertificateRun.Solvers) ChallengeDescription::createSolver : factory;
        return (challenge, context) -> create(challenge, context, builder);
    }

    private synchronized ChallengeSolver create(ChallengeDescription challenge, LookupContext context,
            CertificateRun.Solvers factory) throws AcmeCertificateException {
        if (challenge.type() != ChallengeType.HTTP_01) {
            return factory.create(challenge, context);
        }
        var solver = shared.get(challenge);
        if (solver == null) {
            solver = factory.create(challenge, context);
            shared.put(challenge, solver);
            owned.add(solver);
        }
        return new Kept(solver);
    }

    /** Closes the shared solvers. */
    @Override
    public synchronized void close() {
        for (var solver : owned) {
            solver.close();
        }
        owned.clear();
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
