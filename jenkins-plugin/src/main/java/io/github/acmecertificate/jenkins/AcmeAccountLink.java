package io.github.acmecertificate.jenkins;

import java.util.ArrayList;
import java.util.List;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.model.ManagementLink;
import io.github.acmecertificate.core.exception.AcmeCertificateException;
import io.github.acmecertificate.jenkins.run.StepErrors;
import io.github.acmecertificate.jenkins.status.AccountKeys;
import jenkins.model.Jenkins;
import org.kohsuke.stapler.HttpResponse;
import org.kohsuke.stapler.HttpResponses;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * Manage Jenkins &gt; ACME accounts: an administrator rolls over the key of an ACME account the
 * plugin keeps in a credential, or deactivates the account. Both are POST requests checked for
 * Overall/Administer; the stored key is replaced only after the CA accepted the new one.
 *
 * @since 0.1.0
 */
@Extension
public class AcmeAccountLink extends ManagementLink {

    /** What the last action did, shown on the page until the next one. */
    private volatile List<String> lastResult = List.of();

    @Override
    public @CheckForNull String getIconFileName() {
        return "symbol-key";
    }

    @Override
    public String getDisplayName() {
        return "ACME accounts";
    }

    @Override
    public String getDescription() {
        return "Roll over the key of an ACME account kept by the acmeCertificate step, or deactivate the account";
    }

    @Override
    public @CheckForNull String getUrlName() {
        return "acme-accounts";
    }

    @Override
    public @NonNull Category getCategory() {
        return Category.SECURITY;
    }

    /**
     * Returns what the last action reported.
     *
     * @return its progress messages and outcome, possibly empty
     */
    public List<String> getLastResult() {
        return lastResult;
    }

    /**
     * Replaces the account key.
     *
     * @param server               a configured server's name, an alias or a URL; blank for the default
     * @param accountCredentialsId the account credential, blank for {@code acme-account-<CA>}
     * @return back to this page
     * @throws InterruptedException if interrupted while waiting for a run using the account
     */
    @POST
    public HttpResponse doRollover(@QueryParameter String server, @QueryParameter String accountCredentialsId)
            throws InterruptedException {
        return run(AccountKeys.Action.ROLLOVER, server, accountCredentialsId);
    }

    /**
     * Deactivates the account, for good.
     *
     * @param server               a configured server's name, an alias or a URL; blank for the default
     * @param accountCredentialsId the account credential, blank for {@code acme-account-<CA>}
     * @return back to this page
     * @throws InterruptedException if interrupted while waiting for a run using the account
     */
    @POST
    public HttpResponse doDeactivate(@QueryParameter String server, @QueryParameter String accountCredentialsId)
            throws InterruptedException {
        return run(AccountKeys.Action.DEACTIVATE, server, accountCredentialsId);
    }

    private HttpResponse run(AccountKeys.Action action, String server, String accountCredentialsId)
            throws InterruptedException {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        var authentication = Jenkins.getAuthentication2();
        var messages = new ArrayList<String>();
        try {
            var keys = new AccountKeys(JenkinsCredentialsBackend.forAdministrator(authentication),
                    JenkinsAuthorization.guard(authentication));
            messages.add(keys.run(action, server, accountCredentialsId, AcmeGlobalConfiguration.get().toSettings(),
                    event -> messages.add(event.message())));
        } catch (AcmeCertificateException ex) {
            messages.add("Failed: " + StepErrors.reason(ex));
        }
        lastResult = List.copyOf(messages);
        return HttpResponses.redirectViaContextPath("manage/" + getUrlName());
    }
}
