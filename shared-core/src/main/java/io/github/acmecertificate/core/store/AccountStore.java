package io.github.acmecertificate.core.store;

import java.time.Duration;
import java.util.Optional;

import io.github.acmecertificate.core.event.ProgressListener;

import io.github.acmecertificate.core.exception.StoreException;

/**
 * Keeps ACME account keys and locations, one per CA.
 *
 * @since 0.1.0
 */
public interface AccountStore {

    /**
     * Loads the account kept for a CA.
     *
     * @param caKey the CA's store key (see {@code CertificateAuthority#storeKey()})
     * @return the account, or empty if none is kept
     * @throws StoreException if one is kept but cannot be read
     */
    Optional<AccountRecord> loadAccount(String caKey) throws StoreException;

    /**
     * Keeps an account for a CA, replacing any earlier one atomically.
     *
     * @param caKey   the CA's store key
     * @param account the account
     * @throws StoreException if it cannot be written
     */
    void saveAccount(String caKey, AccountRecord account) throws StoreException;

    /**
     * Takes the lock of one CA's account, so that two runs that find no account do not both
     * register one: the second waits, then finds the first one's account. The default holds
     * within this JVM; a store shared between processes overrides it.
     *
     * @param caKey    the CA's store key
     * @param timeout  how long to wait for another run
     * @param listener told once when the wait begins
     * @return the held lock; close it when the account is stored
     * @throws StoreException       if the lock is not free in time
     * @throws InterruptedException if interrupted while waiting
     * @since 0.1.0
     */
    default CertificateStore.Lock lockAccount(String caKey, Duration timeout, ProgressListener listener)
            throws StoreException, InterruptedException {
        return NameLocks.lock("account:" + caKey, "the account for " + caKey, timeout, listener);
    }

    /**
     * Removes the account kept for a CA, if any. Used to drop a rolled-over key's pending copy
     * and a deactivated account; a store that cannot remove accounts refuses.
     *
     * @param caKey the CA's store key
     * @throws StoreException if it cannot be removed
     * @since 0.1.0
     */
    default void deleteAccount(String caKey) throws StoreException {
        throw new StoreException("This store cannot remove the account kept for " + caKey
                + "; remove it by hand", null);
    }
}
