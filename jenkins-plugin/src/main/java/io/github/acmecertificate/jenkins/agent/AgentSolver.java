package io.github.acmecertificate.jenkins.agent;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.github.acmecertificate.core.challenge.ChallengeSolver;
import io.github.acmecertificate.core.challenge.ChallengeTask;
import io.github.acmecertificate.core.event.ProgressEvent;
import io.github.acmecertificate.core.event.ProgressListener;
import io.github.acmecertificate.core.exception.AcmeCertificateException;
import io.github.acmecertificate.core.exception.InvalidInputException;
import io.github.acmecertificate.core.exception.InvalidInputException.Problem;
import io.github.acmecertificate.core.name.SubjectName;

/**
 * A solver that lives on the agent: built there from a {@link SolverRecipe}, and driven from the
 * controller one remoting call per step of the challenge (validate, prepare, await, clean up,
 * close). What it writes, runs or listens on is the agent's. Its progress comes back with each
 * call and goes to the run's listener; its errors come back as the same exceptions.
 *
 * <p>Only plain values cross the channel: the challenge's fields, names as text, and progress
 * and errors as text, so nothing depends on the core's types being serializable.
 *
 * @since 0.1.0
 */
public final class AgentSolver implements ChallengeSolver {

    /** The solvers alive on this JVM (the agent's), by id: between the first and the last call of a run. */
    private static final Map<String, ChallengeSolver> ALIVE = new ConcurrentHashMap<>();

    private final AgentChannel channel;
    private final String id;
    private final String type;
    private final String description;

    private AgentSolver(AgentChannel channel, String id, String type, String description) {
        this.channel = channel;
        this.id = id;
        this.type = type;
        this.description = description;
    }

    /**
     * Builds the solver on the agent.
     *
     * @param channel the agent
     * @param recipe  how to build it
     * @return the controller's handle on it
     * @throws AcmeCertificateException if it cannot be built (an {@link InvalidInputException} names the option)
     * @throws InterruptedException     if interrupted
     */
    public static AgentSolver open(AgentChannel channel, SolverRecipe recipe)
            throws AcmeCertificateException, InterruptedException {
        var id = UUID.randomUUID().toString();
        var outcome = channel.call(new Create(id, recipe));
        outcome.rethrow();
        return new AgentSolver(channel, id, outcome.values.get(0), outcome.values.get(1) + " (on the agent)");
    }

    @Override
    public String challengeType() {
        return type;
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public void validate(List<SubjectName> names) throws InvalidInputException {
        try {
            var outcome = channel.call(new Validate(id, names.stream().map(SubjectName::value).toList()));
            outcome.rethrowInput();
        } catch (InvalidInputException ex) {
            throw ex;
        } catch (AcmeCertificateException ex) {
            throw new InvalidInputException("challenge", ex.getMessage());
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new InvalidInputException("challenge", "interrupted while asking the agent");
        }
    }

    @Override
    public void prepare(ChallengeTask task, ProgressListener listener) throws AcmeCertificateException {
        run(new Step(id, Step.PREPARE, List.of(Task.of(task))), listener);
    }

    @Override
    public void awaitReady(List<ChallengeTask> tasks, ProgressListener listener)
            throws AcmeCertificateException, InterruptedException {
        channel.call(new Step(id, Step.AWAIT, tasks.stream().map(Task::of).toList())).replay(listener).rethrow();
    }

    @Override
    public void cleanUp(ChallengeTask task, ProgressListener listener) throws AcmeCertificateException {
        run(new Step(id, Step.CLEAN_UP, List.of(Task.of(task))), listener);
    }

    private void run(Step step, ProgressListener listener) throws AcmeCertificateException {
        try {
            channel.call(step).replay(listener).rethrow();
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new AcmeCertificateException("Interrupted while the agent answered the challenge", ex);
        }
    }

    @Override
    public void close() {
        try {
            channel.call(new Step(id, Step.CLOSE, List.of()));
        } catch (AcmeCertificateException ex) {
            // The agent is gone, and its solver with it.
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * A challenge task as plain values.
     *
     * @param type             the challenge type
     * @param domain           the name
     * @param wildcard         whether it is a wildcard
     * @param token            the token
     * @param keyAuthorization the key authorization
     */
    record Task(String type, String domain, boolean wildcard, String token, String keyAuthorization)
            implements Serializable {
        static Task of(ChallengeTask task) {
            return new Task(task.type(), task.domain(), task.wildcard(), task.token(), task.keyAuthorization());
        }

        ChallengeTask toTask() {
            return new ChallengeTask(type, domain, wildcard, token, keyAuthorization);
        }
    }

    /** What a call did: values, progress, and an error, as plain text. */
    static final class Outcome implements Serializable {
        private static final long serialVersionUID = 1L;

        final ArrayList<String> values = new ArrayList<>();
        final ArrayList<String[]> events = new ArrayList<>();
        final ArrayList<String[]> problems = new ArrayList<>();
        String failure;

        void fail(Exception ex) {
            if (ex instanceof InvalidInputException invalid) {
                invalid.problems().forEach(p -> problems.add(new String[] {p.field(), p.problem()}));
            } else {
                failure = ex.getMessage() == null ? ex.toString() : ex.getMessage();
            }
        }

        Outcome replay(ProgressListener listener) {
            for (var event : events) {
                listener.report(ProgressEvent.Stage.valueOf(event[0]), event[1]);
            }
            return this;
        }

        void rethrowInput() throws InvalidInputException {
            if (!problems.isEmpty()) {
                throw new InvalidInputException(problems.stream().map(p -> new Problem(p[0], p[1])).toList());
            }
        }

        void rethrow() throws AcmeCertificateException {
            rethrowInput();
            if (failure != null) {
                throw new AcmeCertificateException(failure);
            }
        }
    }

    /** Builds the solver on the agent and keeps it there. */
    private record Create(String id, SolverRecipe recipe) implements AgentChannel.Call<Outcome> {
        @Override
        public Outcome run() {
            var outcome = new Outcome();
            try {
                var solver = recipe.create();
                ALIVE.put(id, solver);
                outcome.values.add(solver.challengeType());
                outcome.values.add(solver.describe());
            } catch (AcmeCertificateException | RuntimeException ex) {
                outcome.fail(ex);
            }
            return outcome;
        }
    }

    /** Checks the names on the agent. */
    private record Validate(String id, List<String> names) implements AgentChannel.Call<Outcome> {
        @Override
        public Outcome run() {
            var outcome = new Outcome();
            try {
                solver(id).validate(names.stream().map(SubjectName::parse).toList());
            } catch (AcmeCertificateException | RuntimeException ex) {
                outcome.fail(ex);
            }
            return outcome;
        }
    }

    /** One step of the challenge on the agent. */
    private record Step(String id, String what, List<Task> tasks) implements AgentChannel.Call<Outcome> {
        static final String PREPARE = "prepare";
        static final String AWAIT = "await";
        static final String CLEAN_UP = "cleanUp";
        static final String CLOSE = "close";

        @Override
        public Outcome run() {
            var outcome = new Outcome();
            ProgressListener listener = event -> outcome.events.add(new String[] {event.stage().name(),
                    event.message()});
            try {
                if (CLOSE.equals(what)) {
                    var solver = ALIVE.remove(id);
                    if (solver != null) {
                        solver.close();
                    }
                    return outcome;
                }
                var solver = solver(id);
                switch (what) {
                    case PREPARE -> solver.prepare(tasks.get(0).toTask(), listener);
                    case CLEAN_UP -> solver.cleanUp(tasks.get(0).toTask(), listener);
                    case AWAIT -> solver.awaitReady(tasks.stream().map(Task::toTask).toList(), listener);
                    default -> throw new IllegalArgumentException("unknown step " + what);
                }
            } catch (AcmeCertificateException | RuntimeException ex) {
                outcome.fail(ex);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                outcome.fail(ex);
            }
            return outcome;
        }
    }

    private static ChallengeSolver solver(String id) throws AcmeCertificateException {
        var solver = ALIVE.get(id);
        if (solver == null) {
            throw new AcmeCertificateException("The agent no longer holds the challenge's solver (was it restarted?)");
        }
        return solver;
    }
}
