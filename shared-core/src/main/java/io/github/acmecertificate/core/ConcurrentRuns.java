package io.github.acmecertificate.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.acmecertificate.core.event.ProgressEvent;
import io.github.acmecertificate.core.event.ProgressEvent.Stage;
import io.github.acmecertificate.core.event.ProgressListener;
import io.github.acmecertificate.core.exception.AcmeCertificateException;

/**
 * Runs one task per certificate, a few at a time: the bounded concurrency of a fleet run,
 * for callers whose certificates do not share one store or one request type (a scheduled
 * renewal pass over records that each carry their own credentials and settings).
 *
 * <p>At most {@link #concurrency()} tasks run at once, on daemon threads. A task's failure
 * ends that task only: the others go on, and every outcome is returned in the order the
 * tasks were given, so the caller can report all of them and fail at the end if any failed.
 * Progress reports of concurrent tasks are passed on one at a time, so their lines never
 * interleave. {@link FleetProvisioner} runs its certificates through this class.
 *
 * <pre>{@code
 * var tasks = new LinkedHashMap<String, ConcurrentRuns.Task<ProvisionResult>>();
 * for (var request : due) {
 *     tasks.put(request.name(), log -> provisionerFor(request).provision(request, log));
 * }
 * for (var outcome : new ConcurrentRuns(8).run(tasks, listener)) {
 *     outcome.failure().ifPresent(failure -> record(outcome.name(), failure));
 * }
 * }</pre>
 *
 * @since 0.1.0
 */
public final class ConcurrentRuns {

    /**
     * One certificate's work.
     *
     * @param <T> what it returns
     */
    @FunctionalInterface
    public interface Task<T> {
        /**
         * Does the work.
         *
         * @param listener where to report progress; shared with the other tasks, one report
         *                 at a time
         * @return the result
         * @throws AcmeCertificateException for a failure the user can act on
         * @throws InterruptedException     if interrupted; the whole run then stops
         */
        T run(ProgressListener listener) throws AcmeCertificateException, InterruptedException;
    }

    /**
     * The outcome of one task: its result, or why it failed.
     *
     * @param name    the name the task was given under
     * @param result  its result, when it succeeded
     * @param failure why it failed, when it did
     * @param <T>     the result type
     */
    public record Outcome<T>(String name, Optional<T> result, Optional<AcmeCertificateException> failure) {

        /**
         * Creates an outcome; exactly one of result and failure is present.
         *
         * @param name    the name
         * @param result  the result
         * @param failure the failure
         */
        public Outcome {
            Objects.requireNonNull(name, "name");
            if (result.isPresent() == failure.isPresent()) {
                throw new IllegalArgumentException("exactly one of result and failure must be given");
            }
        }

        /**
         * Tells whether the task failed.
         *
         * @return true when it failed
         */
        public boolean failed() {
            return failure.isPresent();
        }
    }

    private final int concurrency;

    /**
     * Creates a runner.
     *
     * @param concurrency how many tasks may run at once, at least 1
     */
    public ConcurrentRuns(int concurrency) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1, not " + concurrency);
        }
        this.concurrency = concurrency;
    }

    /**
     * Returns how many tasks may run at once.
     *
     * @return the bound
     */
    public int concurrency() {
        return concurrency;
    }

    /**
     * Runs every task and waits for all of them.
     *
     * @param tasks    the tasks by certificate name, run and reported in this map's order
     *                 (give a {@link LinkedHashMap} to keep the caller's order)
     * @param listener where progress goes; a failure is reported as a warning naming the task
     * @param <T>      the result type
     * @return one outcome per task, in the map's order
     * @throws InterruptedException if interrupted while waiting, or if a task was; the tasks
     *                              still running are interrupted
     */
    public <T> List<Outcome<T>> run(Map<String, Task<T>> tasks, ProgressListener listener)
            throws InterruptedException {
        var outcomes = new ArrayList<Outcome<T>>(tasks.size());
        if (tasks.isEmpty()) {
            return outcomes;
        }
        var serial = serialized(listener);
        var counter = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(concurrency, tasks.size()), runnable -> {
            var thread = new Thread(runnable, "acme-fleet-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        try {
            var futures = new LinkedHashMap<String, Future<T>>();
            for (var task : tasks.entrySet()) {
                futures.put(task.getKey(), pool.submit(() -> task.getValue().run(serial)));
            }
            for (var future : futures.entrySet()) {
                outcomes.add(outcome(future.getKey(), future.getValue(), serial));
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Marks every line of one task with its name, so that the lines of tasks running at once can
     * be told apart in a shared log.
     *
     * @param name     the task's name
     * @param listener the shared listener
     * @return a listener that reports {@code [name] message}
     */
    public static ProgressListener marked(String name, ProgressListener listener) {
        var prefix = "[" + name + "] ";
        return event -> listener.onProgress(new ProgressEvent(event.stage(), prefix + event.message()));
    }

    private static <T> Outcome<T> outcome(String name, Future<T> future, ProgressListener listener)
            throws InterruptedException {
        try {
            return new Outcome<>(name, Optional.of(future.get()), Optional.empty());
        } catch (ExecutionException ex) {
            var cause = ex.getCause();
            if (cause instanceof InterruptedException interrupted) {
                throw interrupted;
            }
            var failure = cause instanceof AcmeCertificateException acme ? acme
                    : new AcmeCertificateException("Unexpected error for " + name + ": " + cause, cause);
            listener.report(Stage.WARNING, "Certificate " + name + " failed: " + failure.getMessage());
            return new Outcome<>(name, Optional.empty(), Optional.of(failure));
        }
    }

    private static ProgressListener serialized(ProgressListener listener) {
        var lock = new Object();
        return event -> {
            synchronized (lock) {
                listener.onProgress(event);
            }
        };
    }
}
