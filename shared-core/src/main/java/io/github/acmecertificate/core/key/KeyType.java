package io.github.acmecertificate.core.key;

import java.security.InvalidAlgorithmParameterException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The key algorithms offered for certificate and account keys.
 *
 * <p>EC P-256 is the default: small, fast, and accepted by every public CA and client.
 *
 * @since 0.1.0
 */
public enum KeyType {
    /** ECDSA on NIST P-256 (secp256r1). */
    EC_P256("ec-p256", "EC", 256),
    /** ECDSA on NIST P-384 (secp384r1). */
    EC_P384("ec-p384", "EC", 384),
    /** RSA, 2048 bits. */
    RSA_2048("rsa-2048", "RSA", 2048),
    /** RSA, 3072 bits. */
    RSA_3072("rsa-3072", "RSA", 3072),
    /** RSA, 4096 bits. */
    RSA_4096("rsa-4096", "RSA", 4096);

    private final String id;
    private final String algorithm;
    private final int size;

    KeyType(String id, String algorithm, int size) {
        this.id = id;
        this.algorithm = algorithm;
        this.size = size;
    }

    /**
     * Returns the name users write, e.g. {@code ec-p256}.
     *
     * @return the identifier
     */
    public String id() {
        return id;
    }

    /**
     * Finds a key type by the name users write.
     *
     * @param id e.g. {@code ec-p256} or {@code RSA-2048}
     * @return the key type, or empty if unknown
     */
    public static Optional<KeyType> fromId(String id) {
        if (id == null) {
            return Optional.empty();
        }
        var wanted = id.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        return Arrays.stream(values()).filter(t -> t.id.equals(wanted)).findFirst();
    }

    /**
     * Lists the accepted names, for error messages.
     *
     * @return e.g. {@code ec-p256, ec-p384, rsa-2048, rsa-3072, rsa-4096}
     */
    public static String ids() {
        return Arrays.stream(values()).map(KeyType::id).collect(Collectors.joining(", "));
    }

    /**
     * Generates a new key pair of this type.
     *
     * @return a fresh key pair
     */
    public KeyPair generate() {
        try {
            var generator = KeyPairGenerator.getInstance(algorithm);
            if ("EC".equals(algorithm)) {
                generator.initialize(new ECGenParameterSpec(size == 256 ? "secp256r1" : "secp384r1"));
            } else {
                generator.initialize(size);
            }
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException | InvalidAlgorithmParameterException ex) {
            throw new IllegalStateException("This Java runtime cannot generate " + id + " keys", ex);
        }
    }

    /**
     * Tells the type of an existing public key.
     *
     * @param key a public key
     * @return its type, or empty if it is none of the offered types
     */
    public static Optional<KeyType> of(PublicKey key) {
        if (key instanceof ECPublicKey ec) {
            int bits = ec.getParams().getCurve().getField().getFieldSize();
            return Arrays.stream(values()).filter(t -> "EC".equals(t.algorithm) && t.size == bits).findFirst();
        }
        if (key instanceof RSAPublicKey rsa) {
            int bits = rsa.getModulus().bitLength();
            return Arrays.stream(values()).filter(t -> "RSA".equals(t.algorithm) && t.size == bits).findFirst();
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return id;
    }
}
