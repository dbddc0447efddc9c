package io.github.acmecertificate.jenkins;

import java.io.IOException;
import java.time.Clock;
import java.util.concurrent.TimeUnit;

import hudson.Extension;
import hudson.model.AsyncPeriodicWork;
import hudson.model.TaskListener;
import io.github.acmecertificate.core.exception.AcmeCertificateException;
import io.github.acmecertificate.jenkins.challenge.SecretLookup;
import io.github.acmecertificate.jenkins.credentials.CredentialLookup;
import io.github.acmecertificate.jenkins.managed.ManagedCertificate;
import io.github.acmecertificate.jenkins.run.GlobalSettings;
import io.github.acmecertificate.jenkins.run.PrintStreamProgress;
import io.github.acmecertificate.jenkins.run.ScheduledRenewal;
import io.github.acmecertificate.jenkins.store.CredentialsBackend;
import jenkins.security.FIPS140;

/**
 * Twice a day, renews the managed certificates that are due and whose challenge the controller
 * can answer, as their step last configured them, and deploys them to the step's targets. Its log is
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

    @Override
    protected void execute(TaskListener listener) throws IOException, InterruptedException {
        var environment = new ScheduledRenewal.Environment() {
            @Override
            public CredentialsBackend backend(ManagedCertificate record) throws AcmeCertificateException {
                return JenkinsCredentialsBackend.forContext(record.context());
            }

            @Override
            public SecretLookup secrets() {
                return JenkinsCredentialsBackend.globalSecrets();
            }

            @Override
            public CredentialLookup credentials(ManagedCertificate record) {
                return JenkinsCredentialLookup.forJob(record.template().job(), record.context());
            }

            @Override
            public GlobalSettings settings() {
                return AcmeGlobalConfiguration.get().toSettings();
            }

            @Override
            public boolean fipsMode() {
                return FIPS140.useCompliantAlgorithms();
            }
        };
        new ScheduledRenewal(ManagedCertificates.registry(), environment, Clock.systemUTC())
                .run(new PrintStreamProgress(listener.getLogger()));
    }
}
