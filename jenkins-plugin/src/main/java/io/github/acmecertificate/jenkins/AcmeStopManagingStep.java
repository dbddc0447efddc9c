package io.github.acmecertificate.jenkins;

import java.util.Set;

import edu.umd.cs.findbugs.annotations.NonNull;
import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import hudson.AbortException;
import hudson.Extension;
import hudson.model.Run;
import hudson.model.TaskListener;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.kohsuke.stapler.DataBoundConstructor;

/**
 * The {@code acmeStopManaging} step: the plugin stops managing a certificate credential. Its
 * renewal record is removed, so the controller no longer renews nor deploys it and Manage
 * Jenkins no longer reports on it; the credential itself stays as it is. Returns true when a
 * record was removed, false when the credential was not managed.
 *
 * <pre>
 * acmeStopManaging credentialsId: 'web-tls'
 * </pre>
 *
 * <p>Only the job the certificate is managed for may do it, or a build running as an
 * administrator.
 *
 * @since 0.1.0
 */
public class AcmeStopManagingStep extends Step {

    private final String credentialsId;

    /**
     * Creates the step.
     *
     * @param credentialsId the certificate credential no longer to manage
     */
    @DataBoundConstructor
    public AcmeStopManagingStep(String credentialsId) {
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

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(this, context);
    }

    /** Removes the record, as the build's identity decides. */
    private static final class Execution extends SynchronousNonBlockingStepExecution<Boolean> {
        private static final long serialVersionUID = 1L;

        @SuppressFBWarnings(value = "SE_TRANSIENT_FIELD_NOT_RESTORED",
                justification = "Like every SynchronousNonBlockingStepExecution, it does not resume after a restart")
        private final transient AcmeStopManagingStep step;

        Execution(AcmeStopManagingStep step, StepContext context) {
            super(context);
            this.step = step;
        }

        @Override
        protected Boolean run() throws Exception {
            Run<?, ?> build = getContext().get(Run.class);
            TaskListener listener = getContext().get(TaskListener.class);
            var id = step.credentialsId;
            if (id == null) {
                throw new AbortException("acmeStopManaging: no credentialsId was given. Set it to the id of the "
                        + "certificate credential no longer to manage");
            }
            var authentication = Jenkins.getAuthentication2();
            var job = build.getParent().getFullName();
            var registry = ManagedCertificates.registry();
            var context = JenkinsCredentialsBackend.forBuild(build, authentication).contextOf(id);
            var record = registry.find(context, id);
            if (record.isEmpty()) {
                listener.getLogger().println("acmeStopManaging: the certificate credential '" + id + "' is not "
                        + "managed; nothing to do");
                return false;
            }
            var decision = JenkinsAuthorization.rules(authentication).stopManaging(id, record.get().template().job(),
                    job);
            if (!decision.allowed()) {
                throw new AbortException("acmeStopManaging: " + decision.message());
            }
            registry.remove(context, id);
            AcmeCertificateMonitor.refresh();
            listener.getLogger().println("acmeStopManaging: the certificate credential '" + id + "' is no longer "
                    + "managed: it is not renewed nor deployed any more, and the credential is kept");
            return true;
        }
    }

    /** The step's descriptor. */
    @Extension
    public static class DescriptorImpl extends StepDescriptor {

        @Override
        public String getFunctionName() {
            return "acmeStopManaging";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return "Stop managing an ACME certificate (its credential is kept)";
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class);
        }
    }
}
