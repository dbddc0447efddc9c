package io.github.acmecertificate.jenkins;

import java.time.Clock;
import java.util.Set;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import hudson.AbortException;
import hudson.Extension;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.github.acmecertificate.core.exception.AcmeCertificateException;
import io.github.acmecertificate.jenkins.run.PrintStreamProgress;
import io.github.acmecertificate.jenkins.run.StepErrors;
import io.github.acmecertificate.jenkins.status.ManagedStates;
import io.github.acmecertificate.jenkins.status.Revocation;
import jenkins.model.Jenkins;
import jenkins.security.FIPS140;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * The {@code acmeRevokeCertificate} step: revokes a certificate the plugin manages, read from
 * its credential, at the CA that issued it, and records the revocation so that the next run of
 * its {@code acmeCertificate} step replaces it. Returns the sentence it logs.
 *
 * <pre>
 * acmeRevokeCertificate credentialsId: 'web-tls', reason: 'keyCompromise'
 * acmeRevokeCertificate credentialsId: 'web-tls', reason: 'keyCompromise', useCertificateKey: true
 * </pre>
 *
 * <p>Only the job the certificate is managed for may revoke it, or a build running as an
 * administrator; and only a credential the build may use and this plugin wrote.
 *
 * @since 0.1.0
 */
public class AcmeRevokeCertificateStep extends Step {

    private final String credentialsId;
    private String reason;
    private boolean useCertificateKey;
    private String server;
    private String accountCredentialsId;

    /**
     * Creates the step.
     *
     * @param credentialsId the certificate credential to revoke
     */
    @DataBoundConstructor
    public AcmeRevokeCertificateStep(String credentialsId) {
        this.credentialsId = Forms.trim(credentialsId);
    }

    /**
     * Returns the certificate credential's id.
     *
     * @return the id
     */
    public String getCredentialsId() {
        return credentialsId;
    }

    /**
     * Returns the revocation reason.
     *
     * @return a reason name or code, or {@code null} for unspecified
     */
    public @CheckForNull String getReason() {
        return reason;
    }

    /**
     * Sets the reason: {@code unspecified}, {@code keyCompromise}, {@code affiliationChanged},
     * {@code superseded}, {@code cessationOfOperation}, or its RFC 5280 code.
     *
     * @param reason the reason
     */
    @DataBoundSetter
    public void setReason(String reason) {
        this.reason = Forms.trim(reason);
    }

    /**
     * Tells whether the request is signed with the certificate's own key.
     *
     * @return true for the certificate's key, false for the account key
     */
    public boolean isUseCertificateKey() {
        return useCertificateKey;
    }

    /**
     * Signs with the certificate's own key instead of the account key (when the account is lost).
     *
     * @param useCertificateKey true for the certificate's key
     */
    @DataBoundSetter
    public void setUseCertificateKey(boolean useCertificateKey) {
        this.useCertificateKey = useCertificateKey;
    }

    /**
     * Returns the CA.
     *
     * @return a configured server's name, an alias or a URL; {@code null} for the one that issued it
     */
    public @CheckForNull String getServer() {
        return server;
    }

    /**
     * Sets the CA; by default the one the certificate was issued by.
     *
     * @param server a configured server's name, an alias or a URL
     */
    @DataBoundSetter
    public void setServer(String server) {
        this.server = Forms.trim(server);
    }

    /**
     * Returns the account credential's id.
     *
     * @return the id, or {@code null} for the one the certificate was ordered with
     */
    public @CheckForNull String getAccountCredentialsId() {
        return accountCredentialsId;
    }

    /**
     * Sets the account credential; by default the one the certificate was ordered with.
     *
     * @param accountCredentialsId the id
     */
    @DataBoundSetter
    public void setAccountCredentialsId(String accountCredentialsId) {
        this.accountCredentialsId = Forms.trim(accountCredentialsId);
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(this, context);
    }

    /** Revokes, as the build's identity decides. */
    private static final class Execution extends SynchronousNonBlockingStepExecution<String> {
        private static final long serialVersionUID = 1L;

        @SuppressFBWarnings(value = "SE_TRANSIENT_FIELD_NOT_RESTORED",
                justification = "Like every SynchronousNonBlockingStepExecution, it does not resume after a restart")
        private final transient AcmeRevokeCertificateStep step;

        Execution(AcmeRevokeCertificateStep step, StepContext context) {
            super(context);
            this.step = step;
        }

        @Override
        protected String run() throws Exception {
            Run<?, ?> build = getContext().get(Run.class);
            TaskListener listener = getContext().get(TaskListener.class);
            // As the build's identity (SYSTEM counting as no one in particular): which record and
            // credential it may touch is decided for it; the writes are then done as the system.
            var authentication = Jenkins.getAuthentication2();
            var registry = ManagedCertificates.registry();
            var revocation = new Revocation(JenkinsCredentialsBackend.forBuild(build, authentication), registry,
                    ManagedStates.beside(registry), JenkinsAuthorization.guard(authentication),
                    FIPS140.useCompliantAlgorithms(), Clock.systemUTC());
            var request = new Revocation.Request(step.credentialsId, step.reason, step.useCertificateKey,
                    step.server, step.accountCredentialsId);
            try {
                var message = revocation.revoke(request, AcmeGlobalConfiguration.get().toSettings(),
                        build.getParent().getFullName(), build.getFullDisplayName(),
                        new PrintStreamProgress(listener.getLogger()));
                listener.getLogger().println("acmeRevokeCertificate: " + message);
                return message;
            } catch (AcmeCertificateException ex) {
                throw new AbortException("acmeRevokeCertificate: " + StepErrors.reason(ex));
            } finally {
                AcmeCertificateMonitor.refresh();
            }
        }
    }

    /** The step's descriptor. */
    @Extension
    public static class DescriptorImpl extends StepDescriptor {

        @Override
        public String getFunctionName() {
            return "acmeRevokeCertificate";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return "Revoke an ACME certificate kept in a credential";
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class);
        }
    }
}
