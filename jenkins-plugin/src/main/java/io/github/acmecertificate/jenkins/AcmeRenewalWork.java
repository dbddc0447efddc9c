package io.github.acmecertificate.jenkins;

import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import hudson.Extension;
import hudson.model.AsyncPeriodicWork;
import hudson.model.Item;
import hudson.model.Queue;
import hudson.model.TaskListener;
import hudson.model.queue.Tasks;
import hudson.security.ACL;
import hudson.security.ACLContext;
import io.github.acmecertificate.core.exception.AcmeCertificateException;
import io.github.acmecertificate.core.exception.StoreException;
import io.github.acmecertificate.jenkins.credentials.CredentialLookup;
import io.github.acmecertificate.jenkins.managed.ManagedCertificate;
import io.github.acmecertificate.jenkins.run.GlobalSettings;
import io.github.acmecertificate.jenkins.run.PrintStreamProgress;
import io.github.acmecertificate.jenkins.run.ScheduledRenewal;
import io.github.acmecertificate.jenkins.security.RunGuard;
import io.github.acmecertificate.core.store.credentials.CredentialsBackend;
import jenkins.model.Jenkins;
import jenkins.security.FIPS140;
import org.springframework.security.core.Authentication;

/**
 * Twice a day, renews the managed certificates that are due, as their step last configured them,
 * and deploys them to the step's targets, a few at a time (the global configuration's
 * {@code renewalConcurrency}). Each certificate is renewed for the job that last ran
 * its step, with that job's authentication ({@code Tasks.getAuthenticationOf2}): no more than its
 * builds may do. A certificate whose job
 * is gone is reported, not renewed. Its log is
 * {@code $JENKINS_HOME/logs/tasks/ACME certificate renewal.log}; failures also show in the
 * administrative monitor.
 *
 * @since 0.1.0
 */
@Extension
public class AcmeRenewalWork extends AsyncPeriodicWork {

    /** Creates the task. */
    public AcmeRenewalWork() {
        super("ACME certificate renewal");
    }

    @Override
    public long getRecurrencePeriod() {
        return TimeUnit.HOURS.toMillis(12);
    }

    /** The job that last ran a record's step, found as the system (the task runs as it). */
    @SuppressWarnings("try") // the ACL context is held, not read
    static Optional<Item> jobOf(ManagedCertificate record) {
        var name = record.template().job();
        if (name.isEmpty()) {
            return Optional.empty();
        }
        try (ACLContext ignored = ACL.as2(ACL.SYSTEM2)) {
            return Optional.ofNullable(Jenkins.get().getItemByFullName(name, Item.class));
        }
    }

    /** The authentication the job's builds run with. */
    static Authentication authenticationOf(Item job) {
        return job instanceof Queue.Task task ? Tasks.getAuthenticationOf2(task) : ACL.SYSTEM2;
    }

    @Override
    protected void execute(TaskListener listener) throws IOException, InterruptedException {
        var environment = new ScheduledRenewal.Environment() {
            @Override
            public boolean jobExists(ManagedCertificate record) {
                return jobOf(record).isPresent();
            }

            @Override
            public RunGuard guard(ManagedCertificate record) {
                return jobOf(record).map(job -> JenkinsAuthorization.guard(authenticationOf(job))).orElse(null);
            }

            @Override
            public CredentialsBackend backend(ManagedCertificate record) throws AcmeCertificateException {
                var job = jobOf(record).orElseThrow(() -> new StoreException("The job '" + record.template().job()
                        + "' no longer exists", null));
                return JenkinsCredentialsBackend.forJob(job, authenticationOf(job));
            }

            @Override
            public CredentialLookup secrets() {
                return JenkinsCredentialsBackend.globalSecrets();
            }

            @Override
            public CredentialLookup credentials(ManagedCertificate record) {
                return jobOf(record).map(job -> JenkinsCredentialLookup.forJob(job, authenticationOf(job)))
                        .orElse(CredentialLookup.NONE);
            }

            @Override
            public GlobalSettings settings() {
                return AcmeGlobalConfiguration.get().toSettings();
            }

            @Override
            public int concurrency() {
                return AcmeGlobalConfiguration.get().getRenewalConcurrency();
            }

            @Override
            public boolean fipsMode() {
                return FIPS140.useCompliantAlgorithms();
            }
        };
        try {
            new ScheduledRenewal(ManagedCertificates.registry(), environment, Clock.systemUTC())
                    .run(new PrintStreamProgress(listener.getLogger()));
        } finally {
            AcmeCertificateMonitor.refresh();
        }
    }
}
