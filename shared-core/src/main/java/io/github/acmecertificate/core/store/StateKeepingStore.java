package io.github.acmecertificate.core.store;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import io.github.acmecertificate.core.event.ProgressListener;
import io.github.acmecertificate.core.exception.StoreException;

/**
 * Gives a store that keeps certificates elsewhere (credentials, say) a {@link RenewalState}
 * per certificate, in a folder of small properties files: the CA's renewal information,
 * failures and their back-off, and a revocation. Everything else goes to the wrapped store.
 *
 * <p>Certificate names may hold characters a file name cannot; each file is named after the
 * name's safe characters and a digest of the whole name, so two names never share a file.
 *
 * @since 0.1.0
 */
public final class StateKeepingStore implements CertificateStore {

    private final CertificateStore certificates;
    private final StateFiles states;

    /**
     * Keeps the state of a store's certificates in a folder.
     *
     * @param certificates the store that keeps the certificates
     * @param folder       the folder for the state files, created (owner-only) on the first write
     */
    public StateKeepingStore(CertificateStore certificates, Path folder) {
        this.certificates = certificates;
        this.states = new StateFiles(folder);
    }

    /**
     * Reads the state kept for a certificate in a folder, without the store that keeps the
     * certificate itself: for status pages that only show it.
     *
     * @param folder the folder of the state files
     * @param name   the certificate's name
     * @return the state, or empty when none is kept
     * @throws StoreException if one is kept but cannot be read
     * @since 0.1.0
     */
    public static Optional<RenewalState> stateIn(Path folder, String name) throws StoreException {
        return new StateFiles(folder).load(fileKey(name));
    }

    /**
     * Returns the file name (without {@code .properties}) that keeps a certificate's state.
     *
     * @param name the certificate's name
     * @return e.g. {@code web-tls-1a2b3c4d5e6f7a8b}
     */
    static String fileKey(String name) {
        try {
            var digest = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            return name.replaceAll("[^A-Za-z0-9._-]", "_").replaceAll("^[.]+", "_") + "-"
                    + HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", ex);
        }
    }

    @Override
    public boolean keepsState() {
        return true;
    }

    @Override
    public Optional<RenewalState> loadState(String name) throws StoreException {
        return states.load(fileKey(name));
    }

    @Override
    public void saveState(String name, RenewalState state) throws StoreException {
        states.save(fileKey(name), state);
    }

    @Override
    public Optional<CertificateBundle> load(String name) throws StoreException {
        return certificates.load(name);
    }

    @Override
    public void save(CertificateBundle bundle) throws StoreException {
        certificates.save(bundle);
    }

    @Override
    public Optional<CertificateMetadata> metadata(String name) throws StoreException {
        return certificates.metadata(name);
    }

    @Override
    public Lock lock(String name, Duration timeout, ProgressListener listener)
            throws StoreException, InterruptedException {
        return certificates.lock(name, timeout, listener);
    }

    @Override
    public Optional<char[]> keystorePassword(String name) throws StoreException {
        return certificates.keystorePassword(name);
    }

    @Override
    public String location(String name) {
        return certificates.location(name);
    }

    @Override
    public List<String> names() throws StoreException {
        return certificates.names();
    }
}
