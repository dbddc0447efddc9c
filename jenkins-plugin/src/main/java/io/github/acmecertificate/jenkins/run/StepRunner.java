package io.github.acmecertificate.jenkins.run;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

import io.github.acmecertificate.core.challenge.SharedSolvers;
import io.github.acmecertificate.core.event.ProgressEvent.Stage;
import io.github.acmecertificate.core.event.ProgressListener;
import io.github.acmecertificate.core.exception.AcmeCertificateException;
import io.github.acmecertificate.jenkins.agent.AgentChallenges;
import io.github.acmecertificate.jenkins.agent.AgentChannel;
import io.github.acmecertificate.jenkins.managed.CertificateSettings;
import io.github.acmecertificate.jenkins.security.BuildAuthorization.Where;
import io.github.acmecertificate.jenkins.security.RunGuard;

/**
 * What the {@code acmeCertificate} step does with its certificates, one or several, under the
 * build's rules: for each certificate, where its challenge is answered (on the agent of the
 * enclosing {@code node} block, or on the controller if the build may use it), then its
 * {@link CertificateRun}, guarded by the build's authorization. Several certificates go through
 * {@link CertificateFleet}, each held to exactly the rules of a single one.
 *
 * <pre>{@code
 * var runner = new StepRunner(() -> new CertificateRun(backend, lookup, registry, clock).guard(guard), guard,
 *         agent, global, "team/site #42");
 * Map<String, Object> result = runner.run(step.toCertificateSettings(job), concurrency, fleetContext, listener)
 *         .toMap(); // fails, listing every failed certificate, if any failed
 * }</pre>
 *
 * @since 0.1.0
 */
public final class StepRunner {

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
        StepResult call(CertificateSettings settings, ProgressListener listener, CertificateFleet.Certificate certificate)
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
     * certificate would run. Fails at the end when any failed, listing each.
     *
     * @param certificates the certificates, each with its own credential id
     * @param concurrency  how many run at once, 1 to {@value CertificateFleet#MAX_CONCURRENCY}
     * @param context      makes a fleet thread act as the build
     * @param listener     the build log
     * @return one outcome per certificate; its {@link CertificateFleet.Result#toMap()} is the
     *         step's result, or its failure listing every failed certificate
     * @throws AcmeCertificateException if the list or the concurrency is wrong (before anything runs)
     * @throws InterruptedException     if interrupted
     */
    public CertificateFleet.Result run(List<CertificateSettings> certificates, int concurrency, Context context,
            ProgressListener listener) throws AcmeCertificateException, InterruptedException {
        var fleet = new CertificateFleet(CertificateFleet.concurrency("concurrency", concurrency));
        CertificateFleet.validate(certificates);
        try (var solvers = new SharedSolvers()) {
            return fleet.run(certificates, (settings, log) -> context.call(settings, log,
                    (s, l) -> certificate(s, solvers, l)), listener);
        }
    }

    /** One certificate under the build's rules; {@code solvers} shares HTTP-01 listeners among several. */
    private StepResult certificate(CertificateSettings settings, SharedSolvers solvers, ProgressListener listener)
            throws AcmeCertificateException, InterruptedException {
        var run = runs.get();
        CertificateRun.Solvers factory = null;
        var challenge = settings.certificate().challenge();
        var use = CertificateRun.controllerUse(challenge);
        if (use.isPresent()) {
            // Inside a node block on an agent, the challenge is answered there, as the build's own sh
            // would run; otherwise (no node, or the built-in node) on the controller.
            var onAgent = agent != null && use.get().agentReady();
            var decision = guard.rules().controllerUse(use.get(), onAgent ? Where.AGENT : Where.CONTROLLER,
                    StepErrors.describe(challenge));
            if (!decision.allowed()) {
                throw new AcmeCertificateException(decision.message());
            }
            if (onAgent) {
                listener.report(Stage.INFO, "acmeCertificate: " + decision.message());
                factory = (description, lookups) -> AgentChallenges.open(agent, description, lookups);
            }
        }
        if (factory != null) {
            run.solvers(factory);
        }
        run.sharing(solvers);
        return run.run(settings, global, by, listener);
    }
}
