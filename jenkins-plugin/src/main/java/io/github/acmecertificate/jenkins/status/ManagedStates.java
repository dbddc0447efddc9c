package io.github.acmecertificate.jenkins.status;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

import io.github.acmecertificate.core.exception.StoreException;
import io.github.acmecertificate.core.store.CertificateStore;
import io.github.acmecertificate.core.store.RenewalState;
import io.github.acmecertificate.core.store.StateKeepingStore;
import io.github.acmecertificate.jenkins.managed.ManagedCertificateRegistry;

/**
 * Where the renewal state of the certificate credentials is kept: the CA's renewal
 * information, failed attempts and their back-off, and a revocation, in
 * {@code $JENKINS_HOME/acme-certificate/state/}, one folder per credentials store (the global
 * store, or a folder's), beside the managed-certificate records.
 *
 * <p>The same state is read by a run of the step (through {@link #around}), by the revocation
 * step that records a revocation, and by the status pages: so they all decide the same way.
 *
 * @since 0.1.0
 */
public final class ManagedStates {

    private final Path root;

    /**
     * Keeps states under a folder.
     *
     * @param root the folder, created on the first write
     */
    public ManagedStates(Path root) {
        this.root = root;
    }

    /**
     * Keeps states beside a registry's records: {@code <records>/../state}.
     *
     * @param registry the managed-certificate registry
     * @return the states
     */
    public static ManagedStates beside(ManagedCertificateRegistry registry) {
        return new ManagedStates(registry.folder().resolveSibling("state"));
    }

    /**
     * Returns the folder of a credentials store's states.
     *
     * @param context the store: empty for the global store, a folder's full name otherwise
     * @return the folder
     */
    Path folder(String context) {
        if (context == null || context.isEmpty()) {
            return root.resolve("global");
        }
        try {
            var digest = MessageDigest.getInstance("SHA-256").digest(context.getBytes(StandardCharsets.UTF_8));
            return root.resolve("folder-" + HexFormat.of().formatHex(digest, 0, 8));
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", ex);
        }
    }

    /**
     * Gives a credentials-backed certificate store the state of one credentials store.
     *
     * @param certificates the certificates of that credentials store
     * @param context      the store's key
     * @return a store that keeps state
     */
    public CertificateStore around(CertificateStore certificates, String context) {
        return new StateKeepingStore(certificates, folder(context));
    }

    /**
     * Reads the state of a certificate credential.
     *
     * @param context       the store's key
     * @param credentialsId the credential's id
     * @return the state, or empty when none is kept
     * @throws StoreException if one is kept but cannot be read
     */
    public Optional<RenewalState> load(String context, String credentialsId) throws StoreException {
        return StateKeepingStore.stateIn(folder(context), credentialsId);
    }
}
