package io.github.acmecertificate.jenkins;

import java.time.Clock;
import java.util.Map;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import hudson.AbortException;
import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.security.ACL;
import hudson.security.ACLContext;
import io.github.acmecertificate.core.exception.AcmeCertificateException;
import io.github.acmecertificate.jenkins.run.CertificateRun;
import io.github.acmecertificate.jenkins.run.PrintStreamProgress;
import io.github.acmecertificate.jenkins.run.StepErrors;
import io.github.acmecertificate.jenkins.run.StepRunner;
import jenkins.model.Jenkins;
import jenkins.security.FIPS140;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;

/**
 * Runs the {@code acmeCertificate} step on a thread of its own (the CA may take a while), as
 * the build's identity; the certificates of a multi-certificate call run a few at a time on
 * threads that act as the build's identity too. Like every
 * {@code SynchronousNonBlockingStepExecution} it cannot resume after a controller restart: the
 * step then fails, and running the build again is safe (the step is idempotent, and a CA
 * returns the same account and reuses valid authorizations).
 *
 * @since 0.1.0
 */
final class AcmeCertificateExecution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {

    private static final long serialVersionUID = 1L;

    @SuppressFBWarnings(value = "SE_TRANSIENT_FIELD_NOT_RESTORED",
            justification = "Like every SynchronousNonBlockingStepExecution, it does not resume after a restart")
    private final transient AcmeCertificateStep step;

    AcmeCertificateExecution(AcmeCertificateStep step, StepContext context) {
        super(context);
        this.step = step;
    }

    @Override
    protected Map<String, Object> run() throws Exception {
        Run<?, ?> build = getContext().get(Run.class);
        TaskListener listener = getContext().get(TaskListener.class);
        // run() executes as the build's identity: what the step may touch on the controller, which
        // credentials it may read and replace, and which records it may take, are decided for it
        // (SYSTEM counting as no one in particular); the writes themselves are then done as the system.
        var authentication = Jenkins.getAuthentication2();
        var guard = JenkinsAuthorization.guard(authentication);
        var job = build.getParent().getFullName();
        var runner = new StepRunner(() -> new CertificateRun(JenkinsCredentialsBackend.forBuild(build, authentication),
                JenkinsCredentialLookup.forBuild(build), ManagedCertificates.registry(), Clock.systemUTC())
                .eabSecrets(JenkinsCredentialsBackend.globalSecrets()).fipsMode(FIPS140.useCompliantAlgorithms())
                .guard(guard), guard, RemotingAgentChannel.of(getContext().get(FilePath.class)),
                AcmeGlobalConfiguration.get().toSettings(), build.getFullDisplayName());
        var progress = new PrintStreamProgress(listener.getLogger());
        try {
            if (step.getCertificates().isEmpty()) {
                return runner.run(step.toSettings(job), progress);
            }
            // Several certificates, each run exactly as a single one, on the fleet's threads, which act
            // as the build's identity too; the step fails at the end if any failed, listing each.
            return StepRunner.toMap(runner.run(step.toCertificateSettings(job), step.getConcurrency(),
                    (settings, log, certificate) -> {
                        try (ACLContext ignored = ACL.as2(authentication)) {
                            return certificate.run(settings, log);
                        }
                    }, progress));
        } catch (AcmeCertificateException ex) {
            throw new AbortException(StepErrors.message(ex));
        } finally {
            AcmeCertificateMonitor.refresh();
        }
    }
}
