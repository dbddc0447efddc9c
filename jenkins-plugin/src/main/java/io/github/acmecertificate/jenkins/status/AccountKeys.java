package io.github.acmecertificate.jenkins.status;

import java.time.Duration;

import io.github.acmecertificate.core.account.AccountAdministration;
import io.github.acmecertificate.core.ca.CertificateAuthority;
import io.github.acmecertificate.core.event.ProgressListener;
import io.github.acmecertificate.core.exception.AcmeCertificateException;
import io.github.acmecertificate.core.exception.InvalidInputException;
import io.github.acmecertificate.jenkins.run.CertificateRun;
import io.github.acmecertificate.jenkins.run.GlobalSettings;
import io.github.acmecertificate.jenkins.run.FormChecks;
import io.github.acmecertificate.jenkins.security.RunGuard;
import io.github.acmecertificate.core.store.credentials.CredentialsAccountStore;
import io.github.acmecertificate.core.store.credentials.CredentialsBackend;

/**
 * Rolls over or deactivates an ACME account whose key this plugin keeps in a credential: the
 * administrator's action under Manage Jenkins, without Jenkins types, over the core's
 * {@link AccountAdministration}.
 *
 * <p>A rollover keeps the new key under a pending entry of the account credential before the
 * CA is asked, and replaces the account's key (one update of the credential, which readers see
 * whole) only after the CA accepted it; a rollover cut short is finished or discarded by the
 * next one. Only an account credential this plugin wrote is touched.
 *
 * @since 0.1.0
 */
public final class AccountKeys {

    /** What to do. */
    public enum Action {
        /** Replace the account key. */
        ROLLOVER,
        /** End the account for good. */
        DEACTIVATE
    }

    private final CredentialsBackend backend;
    private final RunGuard guard;

    /**
     * Creates the administration.
     *
     * @param backend the credentials holding the account credential (the global store)
     * @param guard   the administrator's rules: only credentials the plugin wrote are used
     */
    public AccountKeys(CredentialsBackend backend, RunGuard guard) {
        this.backend = backend;
        this.guard = guard;
    }

    /**
     * Rolls over or deactivates an account.
     *
     * @param action               what to do
     * @param server               a configured server's name, an alias or a directory URL; blank for the default
     * @param accountCredentialsId the account credential, or blank for {@code acme-account-<CA>}
     * @param settings             the global configuration
     * @param listener             where progress goes
     * @return a sentence saying what was done
     * @throws AcmeCertificateException bad input, no account, or the CA's refusal; the stored key then still works
     * @throws InterruptedException     if interrupted while waiting for a run using the account
     */
    public String run(Action action, String server, String accountCredentialsId, GlobalSettings settings,
            ProgressListener listener) throws AcmeCertificateException, InterruptedException {
        var resolved = settings.resolve(server);
        if (resolved.directory().isEmpty()) {
            throw new InvalidInputException("server", "no ACME server was given and no default server is configured. "
                    + "Give the name of a configured server, an alias (" + CertificateAuthority.aliases()
                    + ") or a directory URL");
        }
        var ca = CertificateAuthority.ofPem(resolved.directory(), resolved.trustedRootPem());
        var id = accountCredentialsId == null || accountCredentialsId.isBlank()
                ? CertificateRun.defaultAccountCredentialsId(ca) : accountCredentialsId.strip();
        if (!FormChecks.isValidCredentialsId(id)) {
            throw new InvalidInputException("accountCredentialsId", "'" + id + "' cannot be a credential id. Use "
                    + "letters, digits, '.', '-' and '_', or leave it blank for the default");
        }
        if (backend.find(id).isEmpty()) {
            throw new InvalidInputException("accountCredentialsId", "no account credential '" + id + "' exists ("
                    + backend.describe(id) + "). Give the accountCredentialsId the acmeCertificate steps use, or "
                    + "leave it blank for the default of that CA");
        }
        var administration = new AccountAdministration(new CredentialsAccountStore(guard.accounts(backend), id),
                Duration.ofSeconds(30));
        if (action == Action.ROLLOVER) {
            var location = administration.rollOver(ca, listener);
            return "The account " + location + " has a new key, kept in the credential '" + id + "'; the old key "
                    + "no longer works";
        }
        var location = administration.deactivate(ca, listener);
        return "The account " + location + " was deactivated; it is kept aside in the credential '" + id
                + "', and the next acmeCertificate run with " + ca + " registers a new account (which needs "
                + "acceptTermsOfService again)";
    }
}
