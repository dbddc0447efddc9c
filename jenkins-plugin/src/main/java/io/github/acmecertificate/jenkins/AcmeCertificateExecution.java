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
import io.github.acmecertificate.core.event.ProgressEvent.Stage;
import io.github.acmecertificate.core.event.ProgressListener;
import io.github.acmecertificate.core.exception.AcmeCertificateException;
import io.github.acmecertificate.jenkins.agent.AgentChallenges;
import io.github.acmecertificate.jenkins.agent.AgentChannel;
import io.github.acmecertificate.jenkins.managed.CertificateSettings;
import io.github.acmecertificate.jenkins.run.CertificateFleet;
import io.github.acmecertificate.jenkins.run.GlobalSettings;
import io.github.acmecertificate.jenkins.run.SharedSolvers;
import io.github.acmecertificate.jenkins.run.StepResult;
import io.github.acmecertificate.jenkins.security.RunGuard;
import io.github.acmecertificate.jenkins.run.CertificateRun;
import io.github.acmecertificate.jenkins.run.PrintStreamProgress;
import io.github.acmecertificate.jenkins.run.StepErrors;
import io.github.acmecertificate.jenkins.security.BuildAuthorization.Where;
import jenkins.model.Jenkins;
import jenkins.security.FIPS140;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.springframework.security.core.Authentication;

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
        var global = AcmeGlobalConfiguration.get().toSettings();
        var progress = new PrintStreamProgress(listener.getLogger());
        var agent = RemotingAgentChannel.of(getContext().get(FilePath.class));
        try {
            if (step.getCertificates().isEmpty()) {
                return certificate(step.toSettings(job), null, build, authentication, guard, agent, global,
                        progress).toMap();
            }
            // Several certificates: each runs exactly as a single one would (the same guard, the same
            // decision about the controller, the same credentials), on the fleet's threads, which act
            // as the build's identity too.
            var certificates = step.toCertificateSettings(job);
            var fleet = new CertificateFleet(CertificateFleet.concurrency("concurrency", step.getConcurrency()));
            CertificateFleet.validate(certificates);
            try (var solvers = new SharedSolvers()) {
                var result = fleet.run(certificates, (settings, log) -> {
                    try (ACLContext ignored = ACL.as2(authentication)) {
                        return certificate(settings, solvers, build, authentication, guard, agent, global, log);
                    }
                }, progress);
                // Fails when any certificate failed, listing each with its reason.
                return result.toMap();
            }
        } catch (AcmeCertificateException ex) {
            throw new AbortException(StepErrors.message(ex));
        } finally {
            AcmeCertificateMonitor.refresh();
        }
    }

    /** Runs one certificate with the build's authorization; {@code solvers} shares HTTP-01 listeners. */
    private static StepResult certificate(CertificateSettings settings, SharedSolvers solvers, Run<?, ?> build,
            Authentication authentication, RunGuard guard, AgentChannel agent, GlobalSettings global,
            ProgressListener progress) throws AcmeCertificateException, InterruptedException {
        var run = new CertificateRun(JenkinsCredentialsBackend.forBuild(build, authentication),
                JenkinsCredentialLookup.forBuild(build), ManagedCertificates.registry(), Clock.systemUTC())
                .eabSecrets(JenkinsCredentialsBackend.globalSecrets()).fipsMode(FIPS140.useCompliantAlgorithms())
                .guard(guard);
        CertificateRun.Solvers factory = null;
        var challenge = settings.challenge();
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
                progress.report(Stage.INFO, "acmeCertificate: " + decision.message());
                factory = (description, context) -> AgentChallenges.open(agent, description, context);
            }
        }
        if (solvers != null) {
            run.solvers(solvers.using(factory));
        } else if (factory != null) {
            run.solvers(factory);
        }
        return run.run(settings, global, build.getFullDisplayName(), progress);
    }
}
