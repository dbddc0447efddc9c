package io.github.acmecertificate.jenkins.run;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

import io.github.acmecertificate.core.CertificateRollout;
import io.github.acmecertificate.core.ConcurrentRuns;
import io.github.acmecertificate.core.FleetProvisioner;
import io.github.acmecertificate.core.FleetResult;
import io.github.acmecertificate.core.challenge.SharedSolvers;
import io.github.acmecertificate.core.event.ProgressEvent.Stage;
import io.github.acmecertificate.core.event.ProgressListener;
import io.github.acmecertificate.core.exception.AcmeCertificateException;
import io.github.acmecertificate.jenkins.agent.AgentChallenges;
import io.github.acmecertificate.jenkins.agent.AgentChannel;
import io.github.acmecertificate.jenkins.managed.CertificateSettings;
import io.github.acmecertificate.jenkins.security.RunGuard;

/**
 * What the {@code acmeCertificate} step does with its certificates, one or several, under the
 * build's rules: for each certificate, where its challenge is answered (on the agent of the
 * enclosing {@code node} block, or on the controller if the build may use it), then its
 * {@link CertificateRun}, guarded by the build's authorization. Several certificates run a few
 * at a time, each held to exactly the rules of a single one, each log line marked with its
 * credential id; one failure does not stop the others, and the step fails at the end, listing
 * every failed certificate.
 *
 * <pre>{@code
 * var runner = new StepRunner(() -> new CertificateRun(backend, lookup, registry, clock).guard(guard), guard,
 *         agent, global, "team/site #42");
 * Map<String, Object> result = StepRunner.toMap(runner.run(step.toCertificateSettings(job), concurrency,
 *         fleetContext, listener)); // fails, listing every failed certificate, if any failed
 * }</pre>
 *
 * @since 0.1.0
 */
public final class StepRunner {

    /** One certificate's run. */
    @FunctionalInterface
    public interface Certificate {
        /**
         * Issues or renews one certificate, then deploys it.
         *
         * @param settings the certificate's settings, the call's shared options already applied
         * @param listener where its progress goes (already marked with its credential id)
         * @return its result
         * @throws AcmeCertificateException for anything the user can act on
         * @throws InterruptedException     if interrupted
         */
        StepResult run(CertificateSettings settings, ProgressListener listener)
                throws AcmeCertificateException, InterruptedException;
    }

    /**
     * Where each certificate of several runs: on a fleet thread, which the front end makes act
     * as the build (its identity, say) before the certificate runs.
     */
    @FunctionalInterface
    public interface Context {
        /** Runs as the caller's thread would. */
        Context SAME = (settings, listener, certificate) -> certificate.run(settings, listener);

        /**
         * Runs one certificate in the build's context.
         *
         * @param settings    the certificate
         * @param listener    its marked log
         * @param certificate what runs it
         * @return its result
         * @throws AcmeCertificateException for anything the user can act on
         * @throws InterruptedException     if interrupted
         */
        StepResult call(CertificateSettings settings, ProgressListener listener, Certificate certificate)
                throws AcmeCertificateException, InterruptedException;
    }

    private final Supplier<CertificateRun> runs;
    private final RunGuard guard;
    private final AgentChannel agent;
    private final GlobalSettings global;
    private final String by;

    /**
     * Creates the step's runner.
     *
     * @param runs   builds a run with the build's credentials, registry and guard, one per certificate
     * @param guard  what the build's authentication may do
     * @param agent  the agent of the enclosing {@code node} block, or {@code null} outside one
     * @param global the global configuration
     * @param by     the build's name, for the records
     */
    public StepRunner(Supplier<CertificateRun> runs, RunGuard guard, AgentChannel agent, GlobalSettings global,
            String by) {
        this.runs = Objects.requireNonNull(runs, "runs");
        this.guard = Objects.requireNonNull(guard, "guard");
        this.agent = agent;
        this.global = global;
        this.by = by;
    }

    /**
     * Runs the step's single certificate.
     *
     * @param settings the certificate
     * @param listener the build log
     * @return the step's result map
     * @throws AcmeCertificateException for anything the user can act on
     * @throws InterruptedException     if interrupted
     */
    public Map<String, Object> run(CertificateSettings settings, ProgressListener listener)
            throws AcmeCertificateException, InterruptedException {
        return certificate(settings, null, listener).toMap();
    }

    /**
     * Runs several certificates, at most {@code concurrency} at once; each one as a single
     * certificate would run. Ends with the count of each outcome in the log.
     *
     * @param certificates the certificates, each with its own credential id
     * @param concurrency  how many run at once, 1 to {@value FleetProvisioner#MAX_CONCURRENCY}
     * @param context      makes a fleet thread act as the build
     * @param listener     the build log
     * @return one outcome per certificate, named by its credential id; {@link #toMap(FleetResult)}
     *         is the step's result, or its failure listing every failed certificate
     * @throws AcmeCertificateException if the list or the concurrency is wrong (before anything runs)
     * @throws InterruptedException     if interrupted; the certificates still running are interrupted
     */
    public FleetResult run(List<CertificateSettings> certificates, int concurrency, Context context,
            ProgressListener listener) throws AcmeCertificateException, InterruptedException {
        var runs = new ConcurrentRuns(FleetProvisioner.concurrency("concurrency", Integer.toString(concurrency)));
        FleetProvisioner.validateNames(certificates.stream().map(CertificateSettings::credentialsId).toList(),
                certificates.stream().map(c -> c.certificate().domains()).toList(), "credentialsId");
        try (var solvers = new SharedSolvers()) {
            var tasks = new LinkedHashMap<String, ConcurrentRuns.Task<CertificateRollout.Result>>();
            for (var settings : certificates) {
                var id = settings.credentialsId();
                tasks.put(id, log -> context.call(settings, ConcurrentRuns.marked(id, log),
                        (s, l) -> certificate(s, solvers, l)).rollout());
            }
            var result = new FleetResult(runs.run(tasks, listener));
            listener.report(result.succeeded() ? Stage.INFO : Stage.WARNING, result.summary());
            return result;
        }
    }

    /**
     * Returns what the step gives the pipeline for several certificates: for one, its own map
     * (the same as a single-certificate call); for several, each credential id with its
     * certificate's map ({@code renewed}, {@code notAfter}, ...), in the call's order.
     *
     * @param result the certificates' outcomes
     * @return a serializable, ordered map
     * @throws AcmeCertificateException if a certificate failed: the step fails instead, listing
     *                                  every failed certificate with its reason
     */
    public static Map<String, Object> toMap(FleetResult result) throws AcmeCertificateException {
        if (!result.succeeded()) {
            throw new AcmeCertificateException(result.failureMessage(StepErrors::reason));
        }
        var maps = new LinkedHashMap<String, Map<String, Object>>();
        for (var outcome : result.certificates()) {
            maps.put(outcome.name(), new StepResult(outcome.name(), outcome.result().get()).toMap());
        }
        return maps.size() == 1 ? maps.values().iterator().next() : new LinkedHashMap<>(maps);
    }

    /** One certificate under the build's rules; {@code solvers} shares HTTP-01 listeners among several. */
    private StepResult certificate(CertificateSettings settings, SharedSolvers solvers, ProgressListener listener)
            throws AcmeCertificateException, InterruptedException {
        var run = runs.get();
        // Inside a node block on an agent, the challenge is answered there, as the build's own sh
        // would run; otherwise (no node, or the built-in node) on the controller.
        if (CertificateRun.answerOnAgent(guard, settings.certificate().challenge(), agent != null, listener)) {
            run.solvers((description, lookups) -> AgentChallenges.open(agent, description, lookups));
        }
        run.sharing(solvers);
        return run.run(settings, global, by, listener);
    }
}
