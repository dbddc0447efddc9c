package io.github.acmecertificate.jenkins.security;

import java.util.Optional;

import io.github.acmecertificate.core.exception.StoreException;
import io.github.acmecertificate.jenkins.managed.ManagedCertificate;
import io.github.acmecertificate.jenkins.security.GuardedCredentials.Purpose;
import io.github.acmecertificate.core.store.credentials.CredentialsBackend;
import io.github.acmecertificate.core.store.credentials.OwnedCredentials;

/**
 * What one run of the step (a build's, or the scheduled renewal's for one job) may do with
 * credentials and renewal records: the {@link BuildAuthorization} of its authentication, with the
 * ledger of the credentials the plugin wrote.
 *
 * @since 0.1.0
 */
public final class RunGuard {

    private final BuildAuthorization rules;
    private final OwnedCredentials owned;

    /**
     * Creates the guard of a run.
     *
     * @param rules the rules of the run's authentication
     * @param owned the ledger of credentials the plugin wrote
     */
    public RunGuard(BuildAuthorization rules, OwnedCredentials owned) {
        this.rules = rules;
        this.owned = owned;
    }

    /**
     * Returns the rules.
     *
     * @return the rules
     */
    public BuildAuthorization rules() {
        return rules;
    }

    /**
     * Guards the certificate credentials.
     *
     * @param credentials the credentials
     * @return the guarded credentials
     */
    public CredentialsBackend certificates(CredentialsBackend credentials) {
        return new GuardedCredentials(credentials, owned, rules, Purpose.CERTIFICATE);
    }

    /**
     * Guards the account key credentials.
     *
     * @param credentials the credentials
     * @return the guarded credentials
     */
    public CredentialsBackend accounts(CredentialsBackend credentials) {
        return new GuardedCredentials(credentials, owned, rules, Purpose.ACCOUNT);
    }

    /**
     * Refuses to issue into a credential whose renewal record another job holds.
     *
     * @param id       the credential's id
     * @param existing the record of that credential, if any
     * @param job      the job running the step, empty for the scheduled renewal of the record itself
     * @throws StoreException if another job holds the record
     */
    public void checkRecord(String id, Optional<ManagedCertificate> existing, String job) throws StoreException {
        if (job == null || job.isEmpty()) {
            return; // The scheduled renewal runs the record itself, as its job.
        }
        rules.takeOverRecord(id, existing.map(r -> r.template().job()).orElse(""), job).require();
    }

    /**
     * Refuses, before anything is ordered, to issue into an existing certificate credential the
     * run could not replace afterwards: one the build may not use, or one the plugin did not write.
     *
     * @param credentials the credentials, unguarded
     * @param id          the certificate credential's id
     * @throws StoreException if the credential exists and may not be replaced
     */
    public void checkCertificateWritable(CredentialsBackend credentials, String id) throws StoreException {
        var existing = credentials.find(id);
        if (existing.isPresent()) {
            new GuardedCredentials(credentials, owned, rules, Purpose.CERTIFICATE).checkReplaceable(id, existing.get());
        }
    }
}
