package io.github.acmecertificate.core.store.credentials;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

import io.github.acmecertificate.core.event.ProgressListener;
import io.github.acmecertificate.core.exception.StoreException;
import io.github.acmecertificate.core.store.AccountRecord;
import io.github.acmecertificate.core.store.AccountStore;
import io.github.acmecertificate.core.store.CertificateStore;
import io.github.acmecertificate.core.store.NameLocks;

/**
 * Keeps ACME account keys in one secret text credential (see {@link AccountDocument}), never
 * in a file on the controller. The credential is created on the first registration.
 *
 * @since 0.1.0
 */
public final class CredentialsAccountStore implements AccountStore {

    private static final String DOCUMENT_LOCK = "account-credential:";
    private static final String ACCOUNT_LOCK = "account-registration:";
    private static final Duration LOCK_TIMEOUT = Duration.ofMinutes(5);

    private final CredentialsBackend backend;
    private final String credentialsId;

    /**
     * Creates a store.
     *
     * @param backend       the credentials
     * @param credentialsId the id of the secret text that holds the accounts
     */
    public CredentialsAccountStore(CredentialsBackend backend, String credentialsId) {
        this.backend = backend;
        this.credentialsId = credentialsId;
    }

    /**
     * Returns the id of the account credential.
     *
     * @return the id
     */
    public String credentialsId() {
        return credentialsId;
    }

    @Override
    public Optional<AccountRecord> loadAccount(String caKey) throws StoreException {
        return document().account(caKey);
    }

    private AccountDocument document() throws StoreException {
        var found = backend.find(credentialsId);
        if (found.isEmpty()) {
            return AccountDocument.empty();
        }
        if (!(found.get() instanceof SecretTextEntry secret)) {
            throw new StoreException("The account credential '" + credentialsId + "' exists but is not a secret text. "
                    + "Choose another accountCredentialsId, or leave it out to use the default", null);
        }
        try {
            return AccountDocument.parse(secret.secret());
        } catch (IOException ex) {
            throw new StoreException("The account credential '" + credentialsId + "' cannot be read: "
                    + ex.getMessage() + ". Fix or delete it (a new account is then registered)", ex);
        }
    }

    @Override
    public void saveAccount(String caKey, AccountRecord account) throws StoreException {
        change(document -> document.with(caKey, account));
    }

    /** Removes a CA's entry (a key rollover's pending key, or a deactivated account). */
    @Override
    public void deleteAccount(String caKey) throws StoreException {
        if (backend.find(credentialsId).isPresent()) {
            change(document -> document.without(caKey));
        }
    }

    private interface Change {
        AccountDocument apply(AccountDocument document);
    }

    private void change(Change change) throws StoreException {
        // One credential holds every CA's account: read, change and write it under one lock,
        // or two builds registering with two CAs at once would each drop the other's entry.
        // The write replaces the credential's content at once, so a reader sees the old
        // document or the new one.
        try (var lock = NameLocks.lock(DOCUMENT_LOCK + credentialsId, "the account credential " + credentialsId,
                LOCK_TIMEOUT, ProgressListener.NONE)) {
            var document = change.apply(document());
            backend.put(new SecretTextEntry(credentialsId, "ACME account key for "
                    + String.join(", ", document.caKeys()) + " (managed by ACME Certificate)",
                    document.format()));
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new StoreException("Interrupted while waiting to update the account credential " + credentialsId, ex);
        }
    }

    @Override
    public CertificateStore.Lock lockAccount(String caKey, Duration timeout, ProgressListener listener)
            throws StoreException, InterruptedException {
        return NameLocks.lock(ACCOUNT_LOCK + credentialsId + ":" + caKey, "the account for " + caKey, timeout,
                listener);
    }
}
