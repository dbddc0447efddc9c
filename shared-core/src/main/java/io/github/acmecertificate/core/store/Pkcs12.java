package io.github.acmecertificate.core.store;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.NoSuchProviderException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;

import javax.crypto.spec.PBEParameterSpec;

/**
 * Writes PKCS#12 key stores with modern encryption: the key is protected with
 * PBES2 (PBKDF2 with HMAC-SHA-256, AES-256-CBC), which OpenSSL 3 reads without its legacy
 * provider and every current Java reads, rather than the RC2/3DES of old defaults.
 *
 * @since 0.1.0
 */
public final class Pkcs12 {

    /** The key protection algorithm: PBKDF2-HMAC-SHA256 with AES-256. */
    public static final String KEY_PROTECTION = "PBEWithHmacSHA256AndAES_256";
    /** PBKDF2 iterations, as OpenSSL 3 uses by default. */
    public static final int ITERATIONS = 10_000;

    private static final SecureRandom RANDOM = new SecureRandom();

    private Pkcs12() {
    }

    /**
     * Encodes a key and its chain.
     *
     * @param alias    the entry's alias
     * @param key      the private key
     * @param chain    the certificate, then its issuers
     * @param password the store and key password
     * @return the PKCS#12 bytes
     * @throws GeneralSecurityException if the runtime cannot write PKCS#12
     */
    public static byte[] encode(String alias, PrivateKey key, List<X509Certificate> chain, char[] password)
            throws GeneralSecurityException {
        // Since Java 17 (and 11.0.12) the JDK also encrypts the certificates with AES-256 and
        // MACs with HMAC-SHA-256 by default; the key's protection is set explicitly below.
        var store = newKeyStore();
        try {
            store.load(null, null);
            var salt = new byte[16];
            RANDOM.nextBytes(salt);
            var protection = new KeyStore.PasswordProtection(password, KEY_PROTECTION,
                    new PBEParameterSpec(salt, ITERATIONS));
            store.setEntry(alias, new KeyStore.PrivateKeyEntry(key, chain.toArray(new Certificate[0])), protection);
            var out = new ByteArrayOutputStream();
            store.store(out, password);
            return out.toByteArray();
        } catch (IOException ex) {
            throw new GeneralSecurityException("Cannot encode PKCS#12", ex);
        }
    }

    private static KeyStore newKeyStore() throws KeyStoreException {
        try {
            // The JDK's implementation, even where another provider (Bouncy Castle in Jenkins)
            // was inserted first.
            return KeyStore.getInstance("PKCS12", "SUN");
        } catch (NoSuchProviderException ex) {
            return KeyStore.getInstance("PKCS12");
        }
    }

    /**
     * Decodes a PKCS#12 store (used to read back and check what was written).
     *
     * @param content  the bytes
     * @param password the password
     * @return the loaded store
     * @throws GeneralSecurityException if the password is wrong or the content invalid
     */
    public static KeyStore decode(byte[] content, char[] password) throws GeneralSecurityException {
        var store = newKeyStore();
        try {
            store.load(new ByteArrayInputStream(content), password);
        } catch (IOException ex) {
            throw new GeneralSecurityException("Cannot read PKCS#12: " + ex.getMessage(), ex);
        }
        return store;
    }
}
