package io.github.acmecertificate.core.key;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Optional;

/**
 * Reads the unencrypted PKCS#8 keys this project writes ({@code BEGIN PRIVATE KEY}) with the
 * JDK alone. Reading a stored certificate's key is on the path of every run, including one
 * that finds nothing due; Bouncy Castle's PEM parser would load about a hundred classes for it.
 */
final class Pkcs8 {

    private static final String BEGIN = "-----BEGIN PRIVATE KEY-----";
    private static final String END = "-----END PRIVATE KEY-----";
    /** DER of OID 1.2.840.10045.2.1 (id-ecPublicKey). */
    private static final byte[] EC_OID = {0x06, 0x07, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02, 0x01};
    /** DER of OID 1.2.840.113549.1.1.1 (rsaEncryption). */
    private static final byte[] RSA_OID = {0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01,
            0x01, 0x01};
    /** The algorithm identifier sits in the first bytes of a PKCS#8 structure. */
    private static final int HEADER = 32;

    private Pkcs8() {
    }

    /**
     * Reads a PEM text holding exactly one unencrypted PKCS#8 EC or RSA key.
     *
     * @param pem the PEM text
     * @return the key, or empty when the text is of another form (left to the general parser)
     * @throws IOException if it is PKCS#8 but not a valid key
     */
    static Optional<PrivateKey> readPrivateKey(String pem) throws IOException {
        var text = pem.strip();
        if (!text.startsWith(BEGIN) || !text.endsWith(END) || text.indexOf(BEGIN, 1) >= 0) {
            return Optional.empty();
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(text.substring(BEGIN.length(), text.length() - END.length()));
        } catch (IllegalArgumentException ex) {
            throw new IOException("the PEM private key is not valid base64", ex);
        }
        String algorithm;
        if (contains(der, EC_OID)) {
            algorithm = "EC";
        } else if (contains(der, RSA_OID)) {
            algorithm = "RSA";
        } else {
            return Optional.empty();
        }
        try {
            return Optional.of(KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der)));
        } catch (GeneralSecurityException ex) {
            throw new IOException("unsupported private key: " + ex.getMessage(), ex);
        }
    }

    private static boolean contains(byte[] der, byte[] oid) {
        var limit = Math.min(der.length, HEADER) - oid.length;
        for (int i = 0; i <= limit; i++) {
            boolean match = true;
            for (int j = 0; j < oid.length && match; j++) {
                match = der[i + j] == oid[j];
            }
            if (match) {
                return true;
            }
        }
        return false;
    }
}
