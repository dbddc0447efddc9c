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
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.PBEParameterSpec;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DERBMPString;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.Attribute;
import org.bouncycastle.asn1.pkcs.AuthenticatedSafe;
import org.bouncycastle.asn1.pkcs.CertBag;
import org.bouncycastle.asn1.pkcs.ContentInfo;
import org.bouncycastle.asn1.pkcs.EncryptedData;
import org.bouncycastle.asn1.pkcs.EncryptedPrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.MacData;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.Pfx;
import org.bouncycastle.asn1.pkcs.SafeBag;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.DigestInfo;

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
    /**
     * PBKDF2 iterations for a password a person chose: the JDK's default for PKCS#12 since
     * Java 12 (the certificates and the MAC use the JDK's defaults, which an administrator may
     * raise in {@code java.security}).
     */
    public static final int ITERATIONS = 10_000;
    /**
     * Iterations of every derivation (key, certificates, MAC) in a store protected by a
     * generated password: OpenSSL 3's default for {@code openssl pkcs12 -export}. Iterations
     * slow down guessing a password; a generated one (139 random bits) cannot be guessed at
     * any count, so the 10,000 of {@link #ITERATIONS} would only cost time: three derivations
     * of 10,000 iterations were the largest part of storing a certificate.
     *
     * @since 0.1.0
     */
    public static final int GENERATED_PASSWORD_ITERATIONS = 2_048;

    private static final String PBES2_AES_256 = "PBEWithHmacSHA256AndAES_256";
    private static final String MAC_PKCS12_SHA256 = "HmacPBESHA256";

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

    /**
     * Encodes a key and its chain for a store protected by a generated password: the same
     * algorithms as {@link #encode} (PBES2 with PBKDF2-HMAC-SHA256 and AES-256-CBC for the key
     * and the certificates, an HMAC-SHA-256 MAC), with {@link #GENERATED_PASSWORD_ITERATIONS}
     * for every derivation. The JDK's key store cannot be told the certificates' and MAC's
     * counts except through JVM-wide security properties, which a library must not change in
     * a Maven or Jenkins JVM, so the structure (RFC 7292) is written here; the JDK's
     * {@code KeyStore} and OpenSSL 3 read it like their own.
     *
     * @param alias    the entry's alias
     * @param key      the private key
     * @param chain    the certificate, then its issuers
     * @param password the generated store and key password; never a password a person chose
     * @return the PKCS#12 bytes
     * @throws GeneralSecurityException if the runtime lacks PBES2 or the PKCS#12 MAC
     * @since 0.1.0
     */
    public static byte[] encodeForGeneratedPassword(String alias, PrivateKey key, List<X509Certificate> chain,
            char[] password) throws GeneralSecurityException {
        int iterations = GENERATED_PASSWORD_ITERATIONS;
        try {
            SecretKey pbeKey = secretKeyFactory().generateSecret(new PBEKeySpec(password));
            // The attributes the JDK writes too: they pair the key with its certificate.
            var localKeyId = MessageDigest.getInstance("SHA-256").digest(chain.get(0).getEncoded());
            var attributes = new DERSet(new ASN1Encodable[] {
                new Attribute(PKCSObjectIdentifiers.pkcs_9_at_friendlyName, new DERSet(new DERBMPString(alias))),
                new Attribute(PKCSObjectIdentifiers.pkcs_9_at_localKeyId, new DERSet(new DEROctetString(localKeyId)))});

            var certBags = new ArrayList<ASN1Encodable>();
            for (int i = 0; i < chain.size(); i++) {
                var bag = new CertBag(PKCSObjectIdentifiers.x509Certificate,
                        new DEROctetString(chain.get(i).getEncoded()));
                certBags.add(new SafeBag(PKCSObjectIdentifiers.certBag, bag, i == 0 ? attributes : null));
            }
            var certCipher = encryptingCipher(pbeKey, iterations);
            var encryptedCerts = new EncryptedData(PKCSObjectIdentifiers.data, algorithm(certCipher),
                    new DEROctetString(certCipher.doFinal(der(new DERSequence(certBags.toArray(new ASN1Encodable[0]))))));

            var keyCipher = encryptingCipher(pbeKey, iterations);
            var shroudedKey = new EncryptedPrivateKeyInfo(algorithm(keyCipher), keyCipher.doFinal(key.getEncoded()));
            var keyBags = new DERSequence(new SafeBag(PKCSObjectIdentifiers.pkcs8ShroudedKeyBag, shroudedKey, attributes));

            var authenticatedSafe = der(new AuthenticatedSafe(new ContentInfo[] {
                new ContentInfo(PKCSObjectIdentifiers.encryptedData, encryptedCerts),
                new ContentInfo(PKCSObjectIdentifiers.data, new DEROctetString(der(keyBags)))}));

            var macSalt = new byte[16];
            RANDOM.nextBytes(macSalt);
            var mac = mac();
            mac.init(pbeKey, new PBEParameterSpec(macSalt, iterations));
            var macData = new MacData(new DigestInfo(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256,
                    DERNull.INSTANCE), mac.doFinal(authenticatedSafe)), macSalt, iterations);
            return der(new Pfx(new ContentInfo(PKCSObjectIdentifiers.data, new DEROctetString(authenticatedSafe)),
                    macData));
        } catch (IOException ex) {
            throw new GeneralSecurityException("Cannot encode PKCS#12", ex);
        }
    }

    private static Cipher encryptingCipher(SecretKey pbeKey, int iterations) throws GeneralSecurityException {
        var salt = new byte[16];
        var iv = new byte[16];
        RANDOM.nextBytes(salt);
        RANDOM.nextBytes(iv);
        Cipher cipher;
        try {
            // The JDK's implementations, even where another provider was inserted first.
            cipher = Cipher.getInstance(PBES2_AES_256, "SunJCE");
        } catch (NoSuchProviderException ex) {
            cipher = Cipher.getInstance(PBES2_AES_256);
        }
        cipher.init(Cipher.ENCRYPT_MODE, pbeKey, new PBEParameterSpec(salt, iterations, new IvParameterSpec(iv)),
                RANDOM);
        return cipher;
    }

    private static SecretKeyFactory secretKeyFactory() throws GeneralSecurityException {
        try {
            return SecretKeyFactory.getInstance(PBES2_AES_256, "SunJCE");
        } catch (NoSuchProviderException ex) {
            return SecretKeyFactory.getInstance(PBES2_AES_256);
        }
    }

    private static Mac mac() throws GeneralSecurityException {
        try {
            return Mac.getInstance(MAC_PKCS12_SHA256, "SunJCE");
        } catch (NoSuchProviderException ex) {
            return Mac.getInstance(MAC_PKCS12_SHA256);
        }
    }

    /** The PBES2 algorithm identifier, with the salt, count and IV the cipher was given. */
    private static AlgorithmIdentifier algorithm(Cipher cipher) throws IOException {
        return new AlgorithmIdentifier(PKCSObjectIdentifiers.id_PBES2,
                ASN1Primitive.fromByteArray(cipher.getParameters().getEncoded()));
    }

    private static byte[] der(ASN1Encodable value) throws IOException {
        return value.toASN1Primitive().getEncoded(ASN1Encoding.DER);
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
