package io.github.acmecertificate.core.store;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.NoSuchProviderException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.interfaces.PBEKey;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.PBEParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.DERBMPString;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.Attribute;
import org.bouncycastle.asn1.pkcs.AuthenticatedSafe;
import org.bouncycastle.asn1.pkcs.CertBag;
import org.bouncycastle.asn1.pkcs.ContentInfo;
import org.bouncycastle.asn1.pkcs.EncryptedData;
import org.bouncycastle.asn1.pkcs.EncryptedPrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.EncryptionScheme;
import org.bouncycastle.asn1.pkcs.KeyDerivationFunc;
import org.bouncycastle.asn1.pkcs.MacData;
import org.bouncycastle.asn1.pkcs.PBES2Parameters;
import org.bouncycastle.asn1.pkcs.PBKDF2Params;
import org.bouncycastle.asn1.pkcs.PKCS12PBEParams;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.Pfx;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.SafeBag;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.DigestInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * Writes and reads PKCS#12 key stores (RFC 7292) with modern protection: the key and the
 * certificates are encrypted with PBES2 (PBKDF2 with HMAC-SHA-256, AES-256-CBC) and the whole
 * is protected by an HMAC-SHA-256 MAC, which OpenSSL 3 reads without its legacy provider and
 * every current Java reads, rather than the RC2/3DES of old defaults.
 *
 * <p>Every PKCS#12 file the project writes comes from {@link #encode} and every one it reads
 * goes through {@link #read}. Both take PBKDF2, AES and the PKCS#12 MAC explicitly from the
 * JDK's own provider (SunJCE) instead of the JDK's {@code KeyStore}: where Bouncy Castle is the
 * first security provider (some Jenkins set-ups, SSH libraries), the JDK's key store derives its
 * keys through Bouncy Castle's "PBE" key factory, writes files that OpenSSL and other JVMs cannot
 * decrypt ("bad decrypt") and cannot decrypt correct ones. Written and read here, a file is the
 * same whatever the provider order.
 *
 * @since 0.1.0
 */
public final class Pkcs12 {

    /**
     * PBKDF2 iterations for a password a person chose or that comes from a credential: the
     * JDK's default for PKCS#12 since Java 12, for every derivation (key, certificates, MAC).
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
    /**
     * The highest iteration count {@link #read} accepts, the JDK's own limit: a file from a
     * deploy target could otherwise hold a count that keeps a run busy for hours.
     */
    static final int MAX_ITERATIONS = 5_000_000;

    private static final String SUN_JCE = "SunJCE";
    private static final int SALT_LENGTH = 16;
    private static final int AES_256_KEY_LENGTH = 32;
    private static final String WRONG_PASSWORD_OR_ALTERED = "its integrity check (MAC) fails: the password is "
            + "wrong, or the file was altered or damaged";

    /** PBKDF2 pseudo-random functions: OID to the JDK's PBKDF2 algorithm name. */
    private static final Map<ASN1ObjectIdentifier, String> PBKDF2 = Map.of(
            PKCSObjectIdentifiers.id_hmacWithSHA1, "PBKDF2WithHmacSHA1",
            PKCSObjectIdentifiers.id_hmacWithSHA224, "PBKDF2WithHmacSHA224",
            PKCSObjectIdentifiers.id_hmacWithSHA256, "PBKDF2WithHmacSHA256",
            PKCSObjectIdentifiers.id_hmacWithSHA384, "PBKDF2WithHmacSHA384",
            PKCSObjectIdentifiers.id_hmacWithSHA512, "PBKDF2WithHmacSHA512");
    /** PBES2 encryption schemes: OID to the AES key length. */
    private static final Map<ASN1ObjectIdentifier, Integer> AES_CBC = Map.of(
            NISTObjectIdentifiers.id_aes128_CBC, 16,
            NISTObjectIdentifiers.id_aes192_CBC, 24,
            NISTObjectIdentifiers.id_aes256_CBC, 32);
    /** The PKCS#12 MAC's digests: OID to the JDK's PKCS#12 MAC name. */
    private static final Map<ASN1ObjectIdentifier, String> MACS = Map.of(
            OIWObjectIdentifiers.idSHA1, "HmacPBESHA1",
            NISTObjectIdentifiers.id_sha224, "HmacPBESHA224",
            NISTObjectIdentifiers.id_sha256, "HmacPBESHA256",
            NISTObjectIdentifiers.id_sha384, "HmacPBESHA384",
            NISTObjectIdentifiers.id_sha512, "HmacPBESHA512",
            NISTObjectIdentifiers.id_sha512_224, "HmacPBESHA512/224",
            NISTObjectIdentifiers.id_sha512_256, "HmacPBESHA512/256");
    /**
     * The legacy PKCS#12 schemes of older tools (OpenSSL 1.x wrote RC2-40 certificates and a
     * 3DES key): read, so that a key store made elsewhere can still be opened; never written.
     */
    private static final Map<ASN1ObjectIdentifier, String> LEGACY = Map.of(
            PKCSObjectIdentifiers.pbeWithSHAAnd3_KeyTripleDES_CBC, "PBEWithSHA1AndDESede",
            PKCSObjectIdentifiers.pbeWithSHAAnd40BitRC2_CBC, "PBEWithSHA1AndRC2_40",
            PKCSObjectIdentifiers.pbeWithSHAAnd128BitRC2_CBC, "PBEWithSHA1AndRC2_128",
            PKCSObjectIdentifiers.pbeWithSHAAnd40BitRC4, "PBEWithSHA1AndRC4_40",
            PKCSObjectIdentifiers.pbeWithSHAAnd128BitRC4, "PBEWithSHA1AndRC4_128");

    private static final SecureRandom RANDOM = new SecureRandom();

    private Pkcs12() {
    }

    /**
     * A private key with its certificate chain, read from a key store.
     *
     * @param alias      the entry's friendly name (or its local key id, in hex, when it has none)
     * @param privateKey the key
     * @param chain      its certificate, then the issuers found in the store; may be empty
     * @since 0.1.0
     */
    public record KeyEntry(String alias, PrivateKey privateKey, List<X509Certificate> chain) {
        /**
         * Creates an entry.
         *
         * @param alias      the entry's name
         * @param privateKey the key
         * @param chain      its certificate, then its issuers
         */
        public KeyEntry {
            Objects.requireNonNull(alias, "alias");
            Objects.requireNonNull(privateKey, "privateKey");
            chain = List.copyOf(chain);
        }

        @Override
        public String toString() {
            return "KeyEntry[" + alias + ", " + chain.size() + " certificates, ****]";
        }
    }

    /**
     * What a key store holds, decrypted.
     *
     * @param keys         its private keys with their chains, in file order
     * @param certificates every certificate in it, in file order
     * @since 0.1.0
     */
    public record Contents(List<KeyEntry> keys, List<X509Certificate> certificates) {
        /**
         * Creates the contents.
         *
         * @param keys         the key entries
         * @param certificates the certificates
         */
        public Contents {
            keys = List.copyOf(keys);
            certificates = List.copyOf(certificates);
        }

        /**
         * Finds a key entry by alias.
         *
         * @param alias the alias
         * @return the entry, or empty
         */
        public Optional<KeyEntry> key(String alias) {
            return keys.stream().filter(k -> k.alias().equals(alias)).findFirst();
        }
    }

    /**
     * Encodes a key and its chain: PBES2 (PBKDF2-HMAC-SHA256, AES-256-CBC) for the key and for
     * the certificates, an HMAC-SHA-256 MAC, the given iteration count for every derivation.
     * The JDK's key store cannot be told the certificates' and MAC's counts except through
     * JVM-wide security properties (which a library must not change in a Maven or Jenkins JVM),
     * and with Bouncy Castle first it writes files nobody else decrypts, so the structure is
     * written here; the JDK's {@code KeyStore}, Bouncy Castle and OpenSSL 3 read it like their own.
     *
     * @param alias      the entry's alias
     * @param key        the private key
     * @param chain      the certificate, then its issuers
     * @param password   the store and key password
     * @param iterations {@link #ITERATIONS} for a password a person chose or that comes from a
     *                   credential, {@link #GENERATED_PASSWORD_ITERATIONS} only for a generated one
     * @return the PKCS#12 bytes
     * @throws GeneralSecurityException if the runtime lacks PBKDF2, AES or the PKCS#12 MAC
     * @since 0.1.0
     */
    public static byte[] encode(String alias, PrivateKey key, List<X509Certificate> chain, char[] password,
            int iterations) throws GeneralSecurityException {
        if (iterations < 1 || iterations > MAX_ITERATIONS) {
            throw new IllegalArgumentException("iterations must be between 1 and " + MAX_ITERATIONS);
        }
        try {
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
            var certs = der(new DERSequence(certBags.toArray(new ASN1Encodable[0])));
            var certsAlgorithm = pbes2(iterations);
            var encryptedCerts = new EncryptedData(PKCSObjectIdentifiers.data, certsAlgorithm,
                    new DEROctetString(pbes2Cipher(Cipher.ENCRYPT_MODE, certsAlgorithm, password).doFinal(certs)));

            var keyAlgorithm = pbes2(iterations);
            var shroudedKey = new EncryptedPrivateKeyInfo(keyAlgorithm,
                    pbes2Cipher(Cipher.ENCRYPT_MODE, keyAlgorithm, password).doFinal(key.getEncoded()));
            var keyBags = new DERSequence(new SafeBag(PKCSObjectIdentifiers.pkcs8ShroudedKeyBag, shroudedKey, attributes));

            var authenticatedSafe = der(new AuthenticatedSafe(new ContentInfo[] {
                new ContentInfo(PKCSObjectIdentifiers.encryptedData, encryptedCerts),
                new ContentInfo(PKCSObjectIdentifiers.data, new DEROctetString(der(keyBags)))}));

            var macSalt = random(SALT_LENGTH);
            var macValue = mac(MACS.get(NISTObjectIdentifiers.id_sha256), password, macSalt, iterations,
                    authenticatedSafe);
            var macData = new MacData(new DigestInfo(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256,
                    DERNull.INSTANCE), macValue), macSalt, iterations);
            return der(new Pfx(new ContentInfo(PKCSObjectIdentifiers.data, new DEROctetString(authenticatedSafe)),
                    macData));
        } catch (IOException ex) {
            throw new GeneralSecurityException("Cannot encode PKCS#12", ex);
        }
    }

    /**
     * Reads a key store: checks its MAC, then decrypts its keys and certificates, whatever the
     * order of the security providers. Reads PBES2 with PBKDF2 (HMAC-SHA-1 to SHA-512) and AES,
     * the legacy PKCS#12 schemes of older tools, and the MACs the JDK knows.
     *
     * @param content  the bytes
     * @param password the password of the store and of its keys
     * @return the keys, each with its chain, and the certificates
     * @throws GeneralSecurityException if the content is not PKCS#12, has no MAC, its MAC does
     *                                  not match (a wrong password, or altered bytes), or it uses
     *                                  a scheme the JDK lacks; the message never holds the password
     * @since 0.1.0
     */
    public static Contents read(byte[] content, char[] password) throws GeneralSecurityException {
        Objects.requireNonNull(password, "password");
        Pfx pfx;
        byte[] authenticatedSafe;
        try {
            pfx = Pfx.getInstance(content);
            if (!PKCSObjectIdentifiers.data.equals(pfx.getAuthSafe().getContentType())) {
                throw new GeneralSecurityException(unreadable("it is signed with a public key, which is not supported"));
            }
            authenticatedSafe = ASN1OctetString.getInstance(pfx.getAuthSafe().getContent()).getOctets();
        } catch (IllegalArgumentException | IllegalStateException | ClassCastException | NullPointerException ex) {
            throw new GeneralSecurityException(unreadable("it is not PKCS#12"), ex);
        }
        verifyMac(pfx.getMacData(), password, authenticatedSafe);

        var bags = new ArrayList<SafeBag>();
        try {
            for (ContentInfo info : AuthenticatedSafe.getInstance(authenticatedSafe).getContentInfo()) {
                if (PKCSObjectIdentifiers.data.equals(info.getContentType())) {
                    collect(ASN1OctetString.getInstance(info.getContent()).getOctets(), bags);
                } else if (PKCSObjectIdentifiers.encryptedData.equals(info.getContentType())) {
                    var encrypted = EncryptedData.getInstance(info.getContent());
                    collect(decrypt(encrypted.getEncryptionAlgorithm(), encrypted.getContent().getOctets(), password),
                            bags);
                } else {
                    throw new GeneralSecurityException(unreadable("it holds content of type "
                            + info.getContentType().getId() + ", which is not supported"));
                }
            }
            return contents(bags, password);
        } catch (IllegalArgumentException | IllegalStateException | ClassCastException | NullPointerException
                | IOException ex) {
            throw new GeneralSecurityException(unreadable("its content is malformed"), ex);
        }
    }

    /**
     * Reads a key store (see {@link #read}) into a {@link KeyStore}, for code that wants the
     * JDK's view of it. The result lives in memory only: it cannot be stored nor changed, and
     * {@code getKey} hands out the keys that {@link #read} decrypted with the password given here.
     *
     * @param content  the bytes
     * @param password the password
     * @return the key store, already loaded
     * @throws GeneralSecurityException if {@link #read} refuses the content
     */
    public static KeyStore decode(byte[] content, char[] password) throws GeneralSecurityException {
        var store = new Pkcs12KeyStoreView(read(content, password));
        try {
            store.load(null, null);
        } catch (IOException ex) {
            throw new KeyStoreException(ex);
        }
        return store;
    }

    private static void verifyMac(MacData macData, char[] password, byte[] authenticatedSafe)
            throws GeneralSecurityException {
        if (macData == null) {
            throw new GeneralSecurityException(unreadable("it has no integrity check (MAC)"));
        }
        var digest = macData.getMac().getAlgorithmId().getAlgorithm();
        var algorithm = MACS.get(digest);
        if (algorithm == null) {
            throw new GeneralSecurityException(unreadable("its integrity check uses the digest " + digest.getId()
                    + ", which is not supported"));
        }
        var iterations = count(macData.getIterationCount());
        var expected = mac(algorithm, password, macData.getSalt(), iterations, authenticatedSafe);
        if (!MessageDigest.isEqual(expected, macData.getMac().getDigest())) {
            throw new GeneralSecurityException(unreadable(WRONG_PASSWORD_OR_ALTERED));
        }
    }

    private static void collect(byte[] safeContents, List<SafeBag> bags) throws IOException {
        for (var element : ASN1Sequence.getInstance(safeContents)) {
            var bag = SafeBag.getInstance(element);
            if (PKCSObjectIdentifiers.safeContentsBag.equals(bag.getBagId())) {
                collect(ASN1Sequence.getInstance(bag.getBagValue()).getEncoded(ASN1Encoding.DER), bags);
            } else {
                bags.add(bag);
            }
        }
    }

    private static Contents contents(List<SafeBag> bags, char[] password) throws GeneralSecurityException, IOException {
        var certificates = new ArrayList<X509Certificate>();
        var certificateIds = new LinkedHashMap<X509Certificate, byte[]>();
        var keys = new ArrayList<PrivateKey>();
        var keyIds = new ArrayList<byte[]>();
        var keyNames = new ArrayList<String>();
        var factory = CertificateFactory.getInstance("X.509");
        for (var bag : bags) {
            var id = bag.getBagId();
            if (PKCSObjectIdentifiers.certBag.equals(id)) {
                var certBag = CertBag.getInstance(bag.getBagValue());
                if (PKCSObjectIdentifiers.x509Certificate.equals(certBag.getCertId())) {
                    var certificate = (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(
                            ASN1OctetString.getInstance(certBag.getCertValue()).getOctets()));
                    certificates.add(certificate);
                    certificateIds.put(certificate, attribute(bag, PKCSObjectIdentifiers.pkcs_9_at_localKeyId));
                }
            } else if (PKCSObjectIdentifiers.pkcs8ShroudedKeyBag.equals(id)
                    || PKCSObjectIdentifiers.keyBag.equals(id)) {
                byte[] pkcs8;
                if (PKCSObjectIdentifiers.keyBag.equals(id)) {
                    pkcs8 = PrivateKeyInfo.getInstance(bag.getBagValue()).getEncoded(ASN1Encoding.DER);
                } else {
                    var encrypted = EncryptedPrivateKeyInfo.getInstance(bag.getBagValue());
                    pkcs8 = decrypt(encrypted.getEncryptionAlgorithm(), encrypted.getEncryptedData(), password);
                }
                keys.add(privateKey(pkcs8));
                keyIds.add(attribute(bag, PKCSObjectIdentifiers.pkcs_9_at_localKeyId));
                var name = friendlyName(bag);
                keyNames.add(name);
            }
        }
        var entries = new ArrayList<KeyEntry>();
        for (int i = 0; i < keys.size(); i++) {
            var leaf = leafOf(keyIds.get(i), certificates, certificateIds, keys.size() == 1);
            var alias = keyNames.get(i) != null ? keyNames.get(i)
                    : keyIds.get(i) != null ? hex(keyIds.get(i)) : String.valueOf(i + 1);
            entries.add(new KeyEntry(alias, keys.get(i), leaf == null ? List.of() : chain(leaf, certificates)));
        }
        return new Contents(entries, certificates);
    }

    /**
     * The key's certificate: the one with its local key id; for the only key of a store whose
     * bags carry no ids, the certificate that issued none of the others (the leaf).
     */
    private static X509Certificate leafOf(byte[] keyId, List<X509Certificate> certificates,
            Map<X509Certificate, byte[]> certificateIds, boolean onlyKey) {
        if (keyId != null) {
            for (var certificate : certificates) {
                if (Arrays.equals(keyId, certificateIds.get(certificate))) {
                    return certificate;
                }
            }
        }
        if (!onlyKey) {
            return null;
        }
        for (var certificate : certificates) {
            var issuesAnother = certificates.stream().anyMatch(other -> other != certificate
                    && other.getIssuerX500Principal().equals(certificate.getSubjectX500Principal()));
            if (!issuesAnother) {
                return certificate;
            }
        }
        return null;
    }

    /** The leaf, then each issuer found among the certificates, as the JDK's key store orders them. */
    private static List<X509Certificate> chain(X509Certificate leaf, List<X509Certificate> certificates) {
        var chain = new ArrayList<X509Certificate>();
        var seen = new HashSet<X509Certificate>();
        var current = leaf;
        while (current != null && seen.add(current)) {
            chain.add(current);
            if (current.getSubjectX500Principal().equals(current.getIssuerX500Principal())) {
                break;
            }
            X509Certificate issuer = null;
            for (var candidate : certificates) {
                if (!seen.contains(candidate)
                        && candidate.getSubjectX500Principal().equals(current.getIssuerX500Principal())) {
                    issuer = candidate;
                    break;
                }
            }
            current = issuer;
        }
        return chain;
    }

    private static byte[] attribute(SafeBag bag, ASN1ObjectIdentifier type) {
        var value = attributeValue(bag, type);
        return value == null ? null : ASN1OctetString.getInstance(value).getOctets();
    }

    private static String friendlyName(SafeBag bag) {
        var value = attributeValue(bag, PKCSObjectIdentifiers.pkcs_9_at_friendlyName);
        return value instanceof ASN1String text ? text.getString() : null;
    }

    private static ASN1Encodable attributeValue(SafeBag bag, ASN1ObjectIdentifier type) {
        if (bag.getBagAttributes() == null) {
            return null;
        }
        for (var element : bag.getBagAttributes()) {
            var attribute = Attribute.getInstance(element);
            if (type.equals(attribute.getAttrType()) && attribute.getAttrValues().size() > 0) {
                return attribute.getAttrValues().getObjectAt(0);
            }
        }
        return null;
    }

    /*
     * Keys are rebuilt through the standard algorithm names, as Pem does: Bouncy Castle's names
     * ("ECDSA") would make key stores refuse the pair with its certificate ("EC").
     */
    private static PrivateKey privateKey(byte[] pkcs8) throws GeneralSecurityException {
        var oid = PrivateKeyInfo.getInstance(pkcs8).getPrivateKeyAlgorithm().getAlgorithm();
        String algorithm;
        if (X9ObjectIdentifiers.id_ecPublicKey.equals(oid)) {
            algorithm = "EC";
        } else if (PKCSObjectIdentifiers.rsaEncryption.equals(oid)) {
            algorithm = "RSA";
        } else if (PKCSObjectIdentifiers.id_RSASSA_PSS.equals(oid)) {
            algorithm = "RSASSA-PSS";
        } else if (EdECObjectIdentifiers.id_Ed25519.equals(oid)) {
            algorithm = "Ed25519";
        } else if (EdECObjectIdentifiers.id_Ed448.equals(oid)) {
            algorithm = "Ed448";
        } else {
            throw new NoSuchAlgorithmException(unreadable("it holds a key of type " + oid.getId()
                    + ", which is not supported"));
        }
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
    }

    /** Decrypts a bag or the certificates; a wrong password was already refused by the MAC. */
    private static byte[] decrypt(AlgorithmIdentifier algorithm, byte[] data, char[] password)
            throws GeneralSecurityException {
        var oid = algorithm.getAlgorithm();
        Cipher cipher;
        if (PKCSObjectIdentifiers.id_PBES2.equals(oid)) {
            cipher = pbes2Cipher(Cipher.DECRYPT_MODE, algorithm, password);
        } else if (LEGACY.containsKey(oid)) {
            var params = PKCS12PBEParams.getInstance(algorithm.getParameters());
            cipher = sunJce(LEGACY.get(oid), Cipher::getInstance, Cipher::getInstance);
            cipher.init(Cipher.DECRYPT_MODE, new PasswordKey(password),
                    new PBEParameterSpec(params.getIV(), count(params.getIterations())));
        } else {
            throw new NoSuchAlgorithmException(unreadable("it is encrypted with " + oid.getId()
                    + ", which is not supported"));
        }
        try {
            return cipher.doFinal(data);
        } catch (BadPaddingException ex) {
            // The MAC matched, so the password is right; this part was encrypted with another
            // key. The JDK's key store writes such files where Bouncy Castle is the first provider.
            throw new GeneralSecurityException(unreadable("a part of it does not decrypt with the password its "
                    + "integrity check accepts; a JDK with Bouncy Castle as its first security provider writes such "
                    + "damaged files. Write it again"), ex);
        }
    }

    /** New PBES2 parameters: PBKDF2-HMAC-SHA256 with a fresh salt, AES-256-CBC with a fresh IV. */
    private static AlgorithmIdentifier pbes2(int iterations) {
        var kdf = new KeyDerivationFunc(PKCSObjectIdentifiers.id_PBKDF2, new PBKDF2Params(random(SALT_LENGTH),
                iterations, AES_256_KEY_LENGTH, new AlgorithmIdentifier(PKCSObjectIdentifiers.id_hmacWithSHA256,
                        DERNull.INSTANCE)));
        var scheme = new EncryptionScheme(NISTObjectIdentifiers.id_aes256_CBC, new DEROctetString(random(16)));
        return new AlgorithmIdentifier(PKCSObjectIdentifiers.id_PBES2, new PBES2Parameters(kdf, scheme));
    }

    /**
     * A cipher for PBES2 parameters: the key derived with SunJCE's PBKDF2, then SunJCE's AES.
     * PBKDF2 takes the password as UTF-8, as OpenSSL and the JDK do.
     */
    private static Cipher pbes2Cipher(int mode, AlgorithmIdentifier algorithm, char[] password)
            throws GeneralSecurityException {
        var params = PBES2Parameters.getInstance(algorithm.getParameters());
        if (!PKCSObjectIdentifiers.id_PBKDF2.equals(params.getKeyDerivationFunc().getAlgorithm())) {
            throw new NoSuchAlgorithmException(unreadable("its key derivation "
                    + params.getKeyDerivationFunc().getAlgorithm().getId() + " is not supported"));
        }
        var kdf = PBKDF2Params.getInstance(params.getKeyDerivationFunc().getParameters());
        var prf = kdf.getPrf() == null ? PKCSObjectIdentifiers.id_hmacWithSHA1 : kdf.getPrf().getAlgorithm();
        var pbkdf2 = PBKDF2.get(prf);
        var scheme = params.getEncryptionScheme().getAlgorithm();
        var keyLength = AES_CBC.get(scheme);
        if (pbkdf2 == null || keyLength == null) {
            throw new NoSuchAlgorithmException(unreadable("it is encrypted with " + prf.getId() + " and "
                    + scheme.getId() + ", which are not supported"));
        }
        if (kdf.getKeyLength() != null && kdf.getKeyLength().intValueExact() != keyLength) {
            throw new GeneralSecurityException(unreadable("its key length does not match its cipher"));
        }
        var spec = new PBEKeySpec(password, kdf.getSalt(), count(kdf.getIterationCount()), keyLength * 8);
        byte[] derived;
        try {
            derived = sunJce(pbkdf2, SecretKeyFactory::getInstance, SecretKeyFactory::getInstance)
                    .generateSecret(spec).getEncoded();
        } finally {
            spec.clearPassword();
        }
        var iv = ASN1OctetString.getInstance(params.getEncryptionScheme().getParameters()).getOctets();
        var cipher = sunJce("AES/CBC/PKCS5Padding", Cipher::getInstance, Cipher::getInstance);
        try {
            cipher.init(mode, new SecretKeySpec(derived, "AES"), new IvParameterSpec(iv));
        } finally {
            Arrays.fill(derived, (byte) 0);
        }
        return cipher;
    }

    /** The PKCS#12 MAC (RFC 7292 appendix B key derivation, password as BMPString), from SunJCE. */
    private static byte[] mac(String algorithm, char[] password, byte[] salt, int iterations, byte[] data)
            throws GeneralSecurityException {
        var mac = sunJce(algorithm, Mac::getInstance, Mac::getInstance);
        mac.init(new PasswordKey(password), new PBEParameterSpec(salt, iterations));
        return mac.doFinal(data);
    }

    private static int count(BigInteger iterations) throws GeneralSecurityException {
        if (iterations.signum() <= 0 || iterations.compareTo(BigInteger.valueOf(MAX_ITERATIONS)) > 0) {
            throw new GeneralSecurityException(unreadable("its iteration count " + iterations
                    + " is outside 1 to " + MAX_ITERATIONS));
        }
        return iterations.intValueExact();
    }

    private static String unreadable(String why) {
        return "Cannot read the PKCS#12 key store: " + why;
    }

    private static byte[] random(int length) {
        var bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static byte[] der(ASN1Encodable value) throws IOException {
        return value.toASN1Primitive().getEncoded(ASN1Encoding.DER);
    }

    private static String hex(byte[] bytes) {
        var text = new StringBuilder();
        for (var b : bytes) {
            text.append(String.format("%02x", b));
        }
        return text.toString();
    }

    @FunctionalInterface
    private interface Lookup<T> {
        T get(String algorithm, String provider) throws GeneralSecurityException;
    }

    @FunctionalInterface
    private interface AnyLookup<T> {
        T get(String algorithm) throws GeneralSecurityException;
    }

    /**
     * The JDK's implementation even where another provider was inserted first; any provider's
     * only where the JDK's is absent (a runtime configured without SunJCE).
     */
    private static <T> T sunJce(String algorithm, Lookup<T> fromSunJce, AnyLookup<T> fromAny)
            throws GeneralSecurityException {
        try {
            return fromSunJce.get(algorithm, SUN_JCE);
        } catch (NoSuchProviderException ex) {
            return fromAny.get(algorithm);
        }
    }

    /**
     * The password as a key, for SunJCE's PKCS#12 MAC and legacy ciphers: they take the
     * characters from {@link PBEKey#getPassword()}, so a password outside ASCII is encoded as
     * RFC 7292 says (BMPString), which SunJCE's own "PBE" key factory would refuse.
     */
    private static final class PasswordKey implements PBEKey {
        private static final long serialVersionUID = 1L;
        private final transient char[] password;

        PasswordKey(char[] password) {
            this.password = password.clone();
        }

        @Override
        public char[] getPassword() {
            return password.clone();
        }

        @Override
        public byte[] getSalt() {
            return null;
        }

        @Override
        public int getIterationCount() {
            return 0;
        }

        @Override
        public String getAlgorithm() {
            return "PBE";
        }

        @Override
        public String getFormat() {
            return "RAW";
        }

        @Override
        public byte[] getEncoded() {
            return null;
        }
    }
}
