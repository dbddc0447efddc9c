package io.github.acmecertificate.core.store.credentials;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

import io.github.acmecertificate.core.exception.StoreException;
import io.github.acmecertificate.core.key.Pem;
import io.github.acmecertificate.core.store.CertificateBundle;
import io.github.acmecertificate.core.store.CertificateMetadata;
import io.github.acmecertificate.core.store.Pkcs12;

/**
 * Turns a certificate bundle into the content of a certificate credential, and back.
 *
 * <p>Normally the credential holds a PKCS#12 key store (what {@code withCredentials([certificate(
 * keystoreVariable: ...)])} hands to a build). In FIPS-140 mode Jenkins refuses uploaded PKCS#12
 * files, so the credential holds the PEM chain and key instead, which Jenkins turns into a key
 * store itself; either way a build binds it the same way. The password is generated with the
 * first certificate and kept when the certificate is renewed, so that a server configured with
 * it (a Tomcat reading a deployed {@code keystore.p12}) keeps working; it is long enough for FIPS
 * mode (at least {@value #MIN_PASSWORD_LENGTH} characters).
 *
 * @since 0.1.0
 */
public final class CertificateCredentialMapper {

    /** The shortest password Jenkins accepts for a certificate credential in FIPS-140 mode. */
    public static final int MIN_PASSWORD_LENGTH = 14;
    /** The length of generated passwords. */
    public static final int PASSWORD_LENGTH = 32;

    private static final String PASSWORD_CHARS = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A certificate chain and its key, read back from a credential. */
    public record Material(List<X509Certificate> chain, PrivateKey privateKey) {
        /**
         * Creates the material.
         *
         * @param chain      the certificate, then its issuers
         * @param privateKey the certificate's key
         */
        public Material {
            chain = List.copyOf(chain);
            Objects.requireNonNull(privateKey, "privateKey");
        }

        @Override
        public String toString() {
            return "Material[" + chain.size() + " certificates, ****]";
        }
    }

    private final boolean fipsMode;

    /**
     * Creates a mapper.
     *
     * @param fipsMode true when Jenkins runs in FIPS-140 mode ({@code FIPS140.useCompliantAlgorithms()})
     */
    public CertificateCredentialMapper(boolean fipsMode) {
        this.fipsMode = fipsMode;
    }

    /**
     * Tells which content this mapper writes.
     *
     * @return true for PEM entries (FIPS-140 mode), false for PKCS#12
     */
    public boolean fipsMode() {
        return fipsMode;
    }

    /**
     * Builds the credential that holds a certificate, with a new password.
     *
     * @param id     the credential's id, also the key store alias
     * @param bundle the certificate, its chain and key
     * @return the credential's content
     * @throws StoreException if the bundle has no private key or cannot be encoded
     */
    public CertificateEntry toEntry(String id, CertificateBundle bundle) throws StoreException {
        return toEntry(id, bundle, null);
    }

    /**
     * Builds the credential that holds a certificate, keeping the password of the credential
     * it replaces when that is long enough for FIPS mode.
     *
     * @param id       the credential's id, also the key store alias
     * @param bundle   the certificate, its chain and key
     * @param previous the password of the credential being replaced, or {@code null}
     * @return the credential's content
     * @throws StoreException if the bundle has no private key or cannot be encoded
     */
    public CertificateEntry toEntry(String id, CertificateBundle bundle, String previous) throws StoreException {
        var key = bundle.privateKey().orElseThrow(() -> new StoreException("The certificate " + id
                + " has no private key, and a certificate credential needs one", null));
        var password = previous != null && previous.length() >= MIN_PASSWORD_LENGTH ? previous : newPassword();
        KeyStoreContent content;
        if (fipsMode) {
            content = new KeyStoreContent.PemEntry(Pem.certificates(bundle.chain()), Pem.privateKey(key));
        } else {
            try {
                // The password may be one a person gave the credential: the count for a chosen password.
                content = new KeyStoreContent.Pkcs12(Pkcs12.encode(id, key, bundle.chain(), password.toCharArray(),
                        Pkcs12.ITERATIONS));
            } catch (GeneralSecurityException ex) {
                throw new StoreException("Cannot encode the certificate " + id + " as PKCS#12: " + ex.getMessage(), ex);
            }
        }
        return new CertificateEntry(id, description(bundle.metadata()), password, content);
    }

    /**
     * Reads the chain and key back from a certificate credential, whichever content it holds.
     *
     * @param entry the credential
     * @return the chain and key
     * @throws StoreException if the content cannot be opened with the credential's password or
     *                        holds no private key with a certificate
     */
    public Material read(CertificateEntry entry) throws StoreException {
        var password = entry.password().toCharArray();
        try {
            var content = entry.content();
            if (content instanceof KeyStoreContent.Pkcs12 p12) {
                return fromPkcs12(entry.id(), Pkcs12.read(p12.bytes(), password));
            }
            if (content instanceof KeyStoreContent.PemEntry pem) {
                var chain = Pem.readCertificates(pem.certificateChain());
                if (chain.isEmpty()) {
                    throw new StoreException(unreadable(entry.id(), "it holds no certificate"), null);
                }
                return new Material(chain, Pem.readPrivateKey(pem.privateKey()));
            }
            return fromKeyStore(entry.id(), ((KeyStoreContent.Loaded) content).keyStore(), password);
        } catch (GeneralSecurityException | IOException ex) {
            throw new StoreException(unreadable(entry.id(), ex.getMessage()), ex);
        }
    }

    private static Material fromPkcs12(String id, Pkcs12.Contents contents) throws StoreException {
        for (var key : contents.keys()) {
            if (!key.chain().isEmpty()) {
                return new Material(key.chain(), key.privateKey());
            }
        }
        throw new StoreException(unreadable(id, "it holds no private key with a certificate"), null);
    }

    private static Material fromKeyStore(String id, KeyStore store, char[] password)
            throws GeneralSecurityException, StoreException {
        for (var alias : Collections.list(store.aliases())) {
            if (!store.isKeyEntry(alias)) {
                continue;
            }
            var key = store.getKey(alias, password);
            var certificates = store.getCertificateChain(alias);
            if (key instanceof PrivateKey privateKey && certificates != null && certificates.length > 0) {
                var chain = new ArrayList<X509Certificate>();
                for (var certificate : certificates) {
                    chain.add((X509Certificate) certificate);
                }
                return new Material(chain, privateKey);
            }
        }
        throw new StoreException(unreadable(id, "it holds no private key with a certificate"), null);
    }

    private static String unreadable(String id, String why) {
        return "The certificate credential '" + id + "' cannot be read: " + why + ". Delete it, or choose another "
                + "credentialsId, and run again to issue a new certificate into it";
    }

    /**
     * Writes the description of a managed certificate credential: what it covers, where it
     * comes from, until when it is valid.
     *
     * @param metadata the certificate's metadata
     * @return a one-line description
     */
    public static String description(CertificateMetadata metadata) {
        return "ACME certificate for " + String.join(", ", metadata.names()) + " from " + metadata.ca()
                + ", valid until " + metadata.notAfter() + " (managed by ACME Certificate; "
                + "its content is replaced at renewal)";
    }

    /**
     * Generates a password for a certificate credential.
     *
     * @return {@value #PASSWORD_LENGTH} letters and digits, without look-alikes
     */
    public static String newPassword() {
        var password = new StringBuilder(PASSWORD_LENGTH);
        for (int i = 0; i < PASSWORD_LENGTH; i++) {
            password.append(PASSWORD_CHARS.charAt(RANDOM.nextInt(PASSWORD_CHARS.length())));
        }
        return password.toString();
    }
}
