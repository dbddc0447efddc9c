package io.github.acmecertificate.jenkins.run;

import io.github.acmecertificate.jenkins.status.ManagedStates;
import io.github.acmecertificate.jenkins.status.ManagedStatus;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.acmecertificate.core.ConcurrentRuns;
import io.github.acmecertificate.core.FleetProvisioner;
import io.github.acmecertificate.core.challenge.SharedSolvers;

import io.github.acmecertificate.core.event.ProgressEvent.Stage;
import io.github.acmecertificate.core.event.ProgressListener;
import io.github.acmecertificate.core.exception.AcmeCertificateException;
import io.github.acmecertificate.core.exception.InvalidInputException;
import io.github.acmecertificate.jenkins.credentials.CredentialLookup;
import io.github.acmecertificate.jenkins.managed.CertificateSettings;
import io.github.acmecertificate.jenkins.managed.ManagedCertificate;
import io.github.acmecertificate.jenkins.managed.ManagedCertificateRegistry;
import io.github.acmecertificate.jenkins.security.RunGuard;
import io.github.acmecertificate.core.store.credentials.CredentialsBackend;

/**
 * Renews the managed certificates that are due, as the step last configured them, and deploys
 * each renewed certificate to the step's targets. A certificate whose last run failed (a deploy
 * target that was down, say) is run again even when not due, which deploys it where it is missing.
 * Due certificates are renewed a few at a time, eight by default (the global configuration's
 * {@code renewalConcurrency}), each log line marked with its credential id; one failure does not
 * stop the others. Runs twice a day in Jenkins ({@code AcmeRenewalWork}).
 * Certificates that are not due cost no request to the CA, and not even a key store read;
 * every failure is recorded on its certificate, where the administrative monitor shows it.
 *
 * @since 0.1.0
 */
public final class ScheduledRenewal {

    /** The name recorded as the runner of scheduled renewals. */
    public static final String BY = "scheduled renewal";

    /** What the renewal needs from Jenkins. */
    public interface Environment {
        /**
         * Returns the credentials of a managed certificate's store, used as the system.
         *
         * @param record the record
         * @return the backend
         * @throws AcmeCertificateException if the store no longer exists
         */
        CredentialsBackend backend(ManagedCertificate record) throws AcmeCertificateException;

        /**
         * Returns the global secret texts, for EAB HMAC keys.
         *
         * @return the lookup
         */
        CredentialLookup secrets();

        /**
         * Returns the credentials a managed certificate's challenge and deploy targets name, as
         * the job that last ran its step may use them.
         *
         * @param record the record
         * @return the lookup; by default, one that finds nothing
         */
        default CredentialLookup credentials(ManagedCertificate record) {
            return CredentialLookup.NONE;
        }

        /**
         * Tells whether the job that last ran a managed certificate's step still exists. A record
         * whose job is gone is reported, never run: nobody's authentication would stand behind it.
         *
         * @param record the record
         * @return true if the job exists; by default true
         */
        default boolean jobExists(ManagedCertificate record) {
            return true;
        }

        /**
         * Returns what the job's authentication may do ({@code Tasks.getAuthenticationOf2} in
         * Jenkins): the renewal acts for the job, with no more rights than its builds.
         *
         * @param record the record
         * @return the guard, or {@code null} for no checks
         */
        default RunGuard guard(ManagedCertificate record) {
            return null;
        }

        /**
         * Returns the current global configuration.
         *
         * @return the settings
         */
        GlobalSettings settings();

        /**
         * Returns how many certificates are renewed at once (the global configuration's
         * {@code renewalConcurrency}).
         *
         * @return 1 to {@value FleetProvisioner#MAX_CONCURRENCY}; by default
         *         {@value FleetProvisioner#DEFAULT_CONCURRENCY}
         */
        default int concurrency() {
            return FleetProvisioner.DEFAULT_CONCURRENCY;
        }

        /**
         * Tells whether Jenkins runs in FIPS-140 mode.
         *
         * @return true in FIPS mode
         */
        boolean fipsMode();
    }

    /**
     * What one pass did.
     *
     * @param checked the records looked at
     * @param renewed the certificates renewed
     * @param failed  the renewals that failed or were refused
     */
    public record Summary(int checked, int renewed, int failed) {
        @Override
        public String toString() {
            return checked + " managed certificate(s): " + renewed + " renewed, " + failed + " failed";
        }
    }

    private final ManagedCertificateRegistry registry;
    private final ManagedStates states;
    private final Environment environment;
    private final Clock clock;

    /**
     * Creates a renewal pass.
     *
     * @param registry    the records
     * @param environment what Jenkins provides
     * @param clock       the clock
     */
    public ScheduledRenewal(ManagedCertificateRegistry registry, Environment environment, Clock clock) {
        this.registry = registry;
        this.states = ManagedStates.beside(registry);
        this.environment = environment;
        this.clock = clock;
    }

    /**
     * Renews every due certificate, a few at a time ({@link Environment#concurrency()}); one
     * failure does not stop the others, and each is recorded on its certificate.
     *
     * @param log the task's log
     * @return what was done
     * @throws InterruptedException if interrupted
     */
    public Summary run(ProgressListener log) throws InterruptedException {
        int checked = 0;
        var failed = new AtomicInteger();
        var due = new LinkedHashMap<String, ManagedCertificate>();
        for (var record : registry.all()) {
            checked++;
            var where = describe(record);
            var now = clock.instant();
            // The decision a run makes: the CA's advice and a revocation count, not the dates alone.
            if (!record.lastRun().failed() && !ManagedStatus.decide(record, states, now).due()) {
                log.report(Stage.NOT_DUE, where + ": valid until " + record.metadata().notAfter() + "; renewal is due from "
                        + record.dueAt());
                continue;
            }
            var refusal = refusal(record);
            if (refusal.isPresent()) {
                failed.incrementAndGet();
                log.report(Stage.WARNING, where + " is due, but is not renewed: " + refusal.get());
                recordFailure(record, refusal.get(), log);
                continue;
            }
            due.put(label(record), record);
        }
        int renewed = 0;
        if (!due.isEmpty()) {
            var tasks = new LinkedHashMap<String, ConcurrentRuns.Task<Boolean>>();
            try (var solvers = new SharedSolvers()) {
                for (var entry : due.entrySet()) {
                    var record = entry.getValue();
                    tasks.put(entry.getKey(), shared -> renew(record, solvers,
                            ConcurrentRuns.marked(entry.getKey(), shared), failed));
                }
                for (var outcome : new ConcurrentRuns(concurrency(log)).run(tasks, log)) {
                    if (outcome.failed()) {
                        // Only what renew() did not expect ends here; it is recorded like any failure.
                        failed.incrementAndGet();
                        recordFailure(due.get(outcome.name()), StepErrors.message(outcome.failure().get()), log);
                    } else if (outcome.result().get()) {
                        renewed++;
                    }
                }
            }
        }
        var summary = new Summary(checked, renewed, failed.get());
        log.report(Stage.INFO, summary.toString());
        return summary;
    }

    /** Renews one due record; a failure is logged and recorded on it, and counted. */
    private boolean renew(ManagedCertificate record, SharedSolvers solvers, ProgressListener log,
            AtomicInteger failed) throws InterruptedException {
        var template = record.template();
        var settings = new CertificateSettings(template.certificate().toBuilder().name(record.credentialsId())
                .force(false).build(), template.job());
        try {
            var run = new CertificateRun(environment.backend(record), environment.credentials(record), registry,
                    clock).eabSecrets(environment.secrets()).fipsMode(environment.fipsMode())
                    .guard(environment.guard(record)).sharing(solvers);
            return run.run(settings, environment.settings(), BY, log).renewed();
        } catch (AcmeCertificateException ex) {
            failed.incrementAndGet();
            log.report(Stage.WARNING, describe(record) + ": renewal failed: " + StepErrors.message(ex));
            recordFailure(record, StepErrors.message(ex), log);
            return false;
        }
    }

    private void recordFailure(ManagedCertificate record, String message, ProgressListener log) {
        try {
            registry.recordFailure(record.context(), record.credentialsId(), BY, message, clock.instant());
        } catch (AcmeCertificateException recordFailed) {
            log.report(Stage.WARNING, "Could not record the failure: " + recordFailed.getMessage());
        }
    }

    /** The configured concurrency, or the default (with a warning) when the configuration is wrong. */
    private int concurrency(ProgressListener log) {
        try {
            return FleetProvisioner.concurrency("renewalConcurrency", Integer.toString(environment.concurrency()));
        } catch (InvalidInputException ex) {
            log.report(Stage.WARNING, StepErrors.reason(ex) + "; renewing "
                    + FleetProvisioner.DEFAULT_CONCURRENCY + " at a time");
            return FleetProvisioner.DEFAULT_CONCURRENCY;
        }
    }

    /** How a record's progress lines are marked: its credential id, after its folder. */
    private static String label(ManagedCertificate record) {
        return (record.context().isEmpty() ? "" : record.context() + "/") + record.credentialsId();
    }

    /** Why a due record may not be renewed by the controller for its job, if it may not. */
    private Optional<String> refusal(ManagedCertificate record) {
        var job = record.template().job();
        if (!environment.jobExists(record)) {
            return Optional.of("the job " + (job.isEmpty() ? "that ran its step is not recorded"
                    : "'" + job + "' that ran its step no longer exists") + ", and the controller renews only for an "
                    + "existing job, with its authentication. Run the step from a job again, or stop managing the "
                    + "certificate (Manage Jenkins > ACME certificates)");
        }
        var guard = environment.guard(record);
        try {
            if (guard != null) {
                CertificateRun.answerOnAgent(guard, record.template().certificate().challenge(), false,
                        ProgressListener.NONE);
            }
            return Optional.empty();
        } catch (AcmeCertificateException ex) {
            return Optional.of(ex.getMessage() + ". The scheduled renewal runs on the controller: to renew on an "
                    + "agent instead, schedule the pipeline itself (a cron trigger), which answers inside its node block");
        }
    }

    private static String describe(ManagedCertificate record) {
        return "Certificate credential '" + record.credentialsId() + "'"
                + (record.context().isEmpty() ? "" : " in folder " + record.context()) + " ("
                + String.join(", ", record.metadata().names()) + ")";
    }
}
