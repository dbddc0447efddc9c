package io.github.acmecertificate.core.store;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.github.acmecertificate.core.event.ProgressListener;
import io.github.acmecertificate.core.exception.StoreException;

/**
 * Keeps certificates by name: files on disk for Maven, credentials for Jenkins.
 *
 * @since 0.1.0
 */
public interface CertificateStore {

    /** A held lock on one certificate name; closing releases it. */
    interface Lock extends AutoCloseable {
        /** Releases the lock. */
        @Override
        void close();
    }

    /**
     * Loads the certificate stored under a name.
     *
     * @param name the certificate's name
     * @return the bundle, or empty when nothing is stored under that name
     * @throws StoreException if something is stored but cannot be read
     */
    Optional<CertificateBundle> load(String name) throws StoreException;

    /**
     * Replaces whatever is stored under the bundle's name, atomically: readers see either the
     * old set or the new one, never a mix, and a failure leaves the old set in place.
     *
     * @param bundle the certificate to store
     * @throws StoreException if it cannot be stored
     */
    void save(CertificateBundle bundle) throws StoreException;

    /**
     * Reads only what is known about the certificate stored under a name, without its
     * certificates or key: enough to decide whether it is due. Stores that keep the
     * metadata apart override this so that a scan over many certificates parses none.
     *
     * @param name the certificate's name
     * @return the metadata, or empty when nothing is stored under that name
     * @throws StoreException if something is stored but cannot be read
     * @since 0.1.0
     */
    default Optional<CertificateMetadata> metadata(String name) throws StoreException {
        return load(name).map(CertificateBundle::metadata);
    }

    /**
     * Describes the certificate stored under a name from what was kept beside it when it was
     * stored (metadata and ARI identifier), without parsing the certificate or its key. A run
     * uses it to find a certificate not due while reading no PEM; when this returns empty, the
     * run loads the whole certificate instead, so a store that keeps no such description need
     * not override it.
     *
     * @param name the certificate's name
     * @return the description, or empty when nothing is stored or the store cannot tell
     *         without loading the certificate
     * @throws StoreException if something is stored but cannot be read
     * @since 0.1.0
     */
    default Optional<StoredCertificate> stored(String name) throws StoreException {
        return Optional.empty();
    }

    /**
     * Takes the lock for a name, so that two runs (two builds, two threads) never order the
     * same certificate twice nor interleave their writes. Waits while another run holds it.
     *
     * @param name     the certificate's name
     * @param timeout  how long to wait for another run
     * @param listener told once when the wait begins
     * @return the held lock
     * @throws StoreException if the lock cannot be taken in time
     * @throws InterruptedException if interrupted while waiting
     */
    Lock lock(String name, Duration timeout, ProgressListener listener) throws StoreException, InterruptedException;

    /**
     * Returns the password that protects the stored {@code keystore.p12} of a certificate, so
     * that a deploy writes key stores that open with the same password.
     *
     * @param name the certificate's name
     * @return the password, or empty when the store keeps none for it
     * @throws StoreException if it exists but cannot be read
     * @since 0.1.0
     */
    default Optional<char[]> keystorePassword(String name) throws StoreException {
        return Optional.empty();
    }

    /**
     * Describes where a name is stored, for the build log.
     *
     * @param name the certificate's name
     * @return e.g. a folder path or a credential id
     */
    String location(String name);

    /**
     * Tells whether this store keeps a {@link RenewalState} between runs. Only then does a run
     * ask the CA for renewal information while a certificate is not due: without a kept
     * answer and its Retry-After, every run would ask again.
     *
     * @return true if {@link #saveState} keeps what it is given
     * @since 0.1.0
     */
    default boolean keepsState() {
        return false;
    }

    /**
     * Loads what runs remember about a certificate between them (renewal information,
     * failures, the last result). A store that keeps none returns empty, and renewal then
     * follows the lifetime rule alone.
     *
     * @param name the certificate's name
     * @return the state, or empty when none is kept
     * @throws StoreException if a state is kept but cannot be read
     * @since 0.1.0
     */
    default Optional<RenewalState> loadState(String name) throws StoreException {
        return Optional.empty();
    }

    /**
     * Keeps what runs remember about a certificate, replacing the earlier state atomically.
     * A store that keeps no state ignores it.
     *
     * @param name  the certificate's name
     * @param state the state
     * @throws StoreException if it cannot be written
     * @since 0.1.0
     */
    default void saveState(String name, RenewalState state) throws StoreException {
        // Nothing kept: every run then asks the CA afresh.
    }

    /**
     * Lists the names of the stored certificates, for a status report.
     *
     * @return the names, sorted
     * @throws StoreException if the store cannot be listed
     * @since 0.1.0
     */
    default List<String> names() throws StoreException {
        return List.of();
    }
}
