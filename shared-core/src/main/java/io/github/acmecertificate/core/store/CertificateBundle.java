package io.github.acmecertificate.core.store;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A certificate with its chain, its private key (unless the user supplied the CSR) and its
 * metadata: what a store keeps under one name.
 *
 * <p>{@link #toString()} never shows the key.
 *
 * @since 0.1.0
 */
public final class CertificateBundle {

    private final List<X509Certificate> chain;
    private final PrivateKey privateKey;
    private final CertificateMetadata metadata;

    /**
     * Creates a bundle.
     *
     * @param chain      the certificate first, then its issuers (not the root)
     * @param privateKey the certificate's private key, or {@code null} when a CSR was supplied
     * @param metadata   what is known about it
     */
    public CertificateBundle(List<X509Certificate> chain, PrivateKey privateKey, CertificateMetadata metadata) {
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("the chain must hold the certificate");
        }
        this.chain = List.copyOf(chain);
        this.privateKey = privateKey;
        this.metadata = Objects.requireNonNull(metadata, "metadata");
    }

    /**
     * Returns the leaf certificate.
     *
     * @return the certificate
     */
    public X509Certificate certificate() {
        return chain.get(0);
    }

    /**
     * Returns the certificate followed by its issuers.
     *
     * @return the full chain, leaf first
     */
    public List<X509Certificate> chain() {
        return chain;
    }

    /**
     * Returns the issuers, without the leaf.
     *
     * @return the intermediate certificates
     */
    public List<X509Certificate> issuers() {
        return chain.subList(1, chain.size());
    }

    /**
     * Returns the private key.
     *
     * @return the key, or empty when the certificate was ordered with a supplied CSR
     */
    public Optional<PrivateKey> privateKey() {
        return Optional.ofNullable(privateKey);
    }

    /**
     * Returns the metadata.
     *
     * @return the metadata
     */
    public CertificateMetadata metadata() {
        return metadata;
    }

    /**
     * Tells whether the private key belongs to the certificate, by signing with the key and
     * verifying with the certificate's public key: a key and a certificate read from two
     * different renewals never pass.
     *
     * @return true when there is no key, or when it belongs to the certificate
     * @since 0.1.0
     */
    public boolean keyMatchesCertificate() {
        if (privateKey == null) {
            return true;
        }
        var publicKey = certificate().getPublicKey();
        if (!publicKey.getAlgorithm().equals(privateKey.getAlgorithm())) {
            return false;
        }
        var algorithm = switch (privateKey.getAlgorithm()) {
            case "EC" -> "SHA256withECDSA";
            case "RSA" -> "SHA256withRSA";
            default -> privateKey.getAlgorithm();
        };
        try {
            var data = "acme-certificate key check".getBytes(StandardCharsets.US_ASCII);
            var signer = Signature.getInstance(algorithm);
            signer.initSign(privateKey);
            signer.update(data);
            var signature = signer.sign();
            var verifier = Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(data);
            return verifier.verify(signature);
        } catch (GeneralSecurityException ex) {
            return false;
        }
    }

    /**
     * Returns the leaf's serial number in hexadecimal, as browsers and OpenSSL show it.
     *
     * @return e.g. {@code 3a0f...}
     */
    public String serialNumber() {
        return serialHex(certificate().getSerialNumber());
    }

    /**
     * Returns the SHA-256 fingerprint of the leaf, as {@code AA:BB:...}.
     *
     * @return the fingerprint
     */
    public String sha256Fingerprint() {
        return fingerprint(certificate());
    }

    /**
     * Formats a serial number in hexadecimal.
     *
     * @param serial the serial number
     * @return lower-case hexadecimal
     */
    public static String serialHex(BigInteger serial) {
        return serial.toString(16);
    }

    /**
     * Computes a certificate's SHA-256 fingerprint.
     *
     * @param certificate the certificate
     * @return upper-case hex pairs separated by colons
     */
    public static String fingerprint(X509Certificate certificate) {
        try {
            var digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (NoSuchAlgorithmException | CertificateEncodingException ex) {
            throw new IllegalStateException("Cannot fingerprint the certificate", ex);
        }
    }

    @Override
    public String toString() {
        return "CertificateBundle[" + metadata.name() + ", serial " + serialNumber() + ", names " + metadata.names()
                + ", expires " + metadata.notAfter() + (privateKey == null ? ", no key" : ", with key") + "]";
    }
}
