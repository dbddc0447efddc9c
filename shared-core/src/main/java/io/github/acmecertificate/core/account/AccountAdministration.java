package io.github.acmecertificate.core.account;

import java.net.URL;
import java.time.Duration;

import io.github.acmecertificate.core.ca.CertificateAuthority;
import io.github.acmecertificate.core.event.ProgressEvent.Stage;
import io.github.acmecertificate.core.event.ProgressListener;
import io.github.acmecertificate.core.exception.AcmeCertificateException;
import io.github.acmecertificate.core.exception.InvalidInputException;
import io.github.acmecertificate.core.exception.ProblemMapper;
import io.github.acmecertificate.core.key.KeyType;
import io.github.acmecertificate.core.store.AccountRecord;
import io.github.acmecertificate.core.store.AccountStore;
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.exception.AcmeException;

/**
 * Looks after a stored ACME account: replaces its key (RFC 8555 section 7.3.5) or deactivates
 * it (section 7.3.6).
 *
 * <p>A key rollover never leaves the store without a working key. The new key is kept under
 * a pending name before the CA is asked, and replaces the stored key (atomically) only once
 * the CA accepted it. Should the run be killed in between, the next rollover finds the pending
 * key, asks the CA which key it knows, and finishes or discards the earlier attempt.
 *
 * @since 0.1.0
 */
public final class AccountAdministration {

    /** The suffix of the store key under which a rollover keeps the new key until the CA accepts it. */
    public static final String PENDING = ".rollover";
    /** The suffix of the store key under which a deactivated account is kept, for the record. */
    public static final String DEACTIVATED = ".deactivated";

    /** How long to wait for another run that holds the account's lock. */
    private static final Duration LOCK_TIMEOUT = Duration.ofMinutes(5);

    private final AccountStore store;
    private final Duration timeout;

    /**
     * Creates an administration over a store.
     *
     * @param store   where the account is kept
     * @param timeout the network time-out of each request
     */
    public AccountAdministration(AccountStore store, Duration timeout) {
        this.store = store;
        this.timeout = timeout;
    }

    /**
     * Replaces the account's key with a new EC P-256 key.
     *
     * @param ca       the CA
     * @param listener where to report progress
     * @return the account's location
     * @throws AcmeCertificateException if no account is stored, the CA refuses, or the store fails;
     *                                  the stored key then still works
     * @throws InterruptedException     if interrupted while waiting for another run using the account
     */
    public URL rollOver(CertificateAuthority ca, ProgressListener listener)
            throws AcmeCertificateException, InterruptedException {
        try (var lock = store.lockAccount(ca.storeKey(), LOCK_TIMEOUT, listener)) {
            return rollOverLocked(ca, listener);
        }
    }

    private URL rollOverLocked(CertificateAuthority ca, ProgressListener listener) throws AcmeCertificateException {
        var stored = registered(ca);
        var location = stored.location().orElseThrow();
        var session = ca.openSession(timeout);
        var pendingKey = ca.storeKey() + PENDING;
        var pending = store.loadAccount(pendingKey);
        if (pending.isPresent()) {
            if (accepts(session, location, pending.get())) {
                store.saveAccount(ca.storeKey(), new AccountRecord(pending.get().keyPair(), location));
                store.deleteAccount(pendingKey);
                listener.report(Stage.ACCOUNT, "An earlier key rollover for " + location + " had been accepted by "
                        + "the CA; its new key is now stored");
            } else {
                store.deleteAccount(pendingKey);
                listener.report(Stage.ACCOUNT, "Discarded the key of an earlier rollover that the CA never accepted");
            }
            stored = registered(ca);
        }
        var newKey = KeyType.EC_P256.generate();
        store.saveAccount(pendingKey, new AccountRecord(newKey, location));
        try {
            var login = session.login(location, stored.keyPair());
            login.getAccount().changeKey(newKey);
        } catch (AcmeException ex) {
            store.deleteAccount(pendingKey);
            throw ProblemMapper.map(ex, "changing the key of account " + location);
        }
        listener.report(Stage.ACCOUNT, "The CA accepted the new key of account " + location);
        store.saveAccount(ca.storeKey(), new AccountRecord(newKey, location));
        store.deleteAccount(pendingKey);
        listener.report(Stage.ACCOUNT, "Stored the new account key; the old one no longer works");
        return location;
    }

    /**
     * Deactivates the account at the CA, for good: it can no longer order nor revoke with its
     * key. The stored account is then kept aside under a {@link #DEACTIVATED} name, so that the
     * next issuance registers a new account.
     *
     * @param ca       the CA
     * @param listener where to report progress
     * @return the deactivated account's location
     * @throws AcmeCertificateException if no account is stored, the CA refuses, or the store fails
     * @throws InterruptedException     if interrupted while waiting for another run using the account
     */
    public URL deactivate(CertificateAuthority ca, ProgressListener listener)
            throws AcmeCertificateException, InterruptedException {
        try (var lock = store.lockAccount(ca.storeKey(), LOCK_TIMEOUT, listener)) {
            return deactivateLocked(ca, listener);
        }
    }

    private URL deactivateLocked(CertificateAuthority ca, ProgressListener listener) throws AcmeCertificateException {
        var stored = registered(ca);
        var location = stored.location().orElseThrow();
        var session = ca.openSession(timeout);
        try {
            var account = session.login(location, stored.keyPair()).getAccount();
            account.deactivate();
            if (account.getStatus() != Status.DEACTIVATED) {
                throw new AcmeCertificateException("The CA answered the deactivation of " + location + " with status "
                        + account.getStatus().name().toLowerCase(java.util.Locale.ROOT) + ". The stored account is unchanged; check it "
                        + "with the CA");
            }
        } catch (AcmeException ex) {
            throw ProblemMapper.map(ex, "deactivating account " + location);
        }
        listener.report(Stage.ACCOUNT, "Deactivated account " + location);
        store.saveAccount(ca.storeKey() + DEACTIVATED, stored);
        store.deleteAccount(ca.storeKey());
        listener.report(Stage.ACCOUNT, "Kept the deactivated account aside; the next issuance registers a new one");
        return location;
    }

    private AccountRecord registered(CertificateAuthority ca) throws AcmeCertificateException {
        var stored = store.loadAccount(ca.storeKey());
        if (stored.isEmpty() || stored.get().location().isEmpty()) {
            throw new InvalidInputException("server", "no registered account with " + ca + " is stored. Check server "
                    + "and the store folder; an account is registered by the first issuance");
        }
        return stored.get();
    }

    private static boolean accepts(Session session, URL location, AccountRecord candidate) {
        try {
            Login login = session.login(location, candidate.keyPair());
            login.getAccount().fetch();
            return true;
        } catch (AcmeException | RuntimeException ex) {
            return false;
        }
    }
}
