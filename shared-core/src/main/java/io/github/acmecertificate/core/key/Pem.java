package io.github.acmecertificate.core.key;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Collection;
import java.util.List;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/**
 * Reads and writes keys, certificates and CSRs in PEM, the form web servers read.
 *
 * <p>Private keys are written as unencrypted PKCS#8 ({@code BEGIN PRIVATE KEY}), which
 * nginx, Apache, HAProxy, OpenSSL and Java all read; the files that hold them are
 * created with owner-only permissions by the store.
 *
 * @since 0.1.0
 */
public final class Pem {

    private Pem() {
    }

    /**
     * Encodes certificates as concatenated PEM blocks, in the given order.
     *
     * @param certificates e.g. a chain, leaf first
     * @return the PEM text
     */
    public static String certificates(Collection<X509Certificate> certificates) {
        var out = new StringWriter();
        try (var writer = new JcaPEMWriter(out)) {
            for (var certificate : certificates) {
                writer.writeObject(certificate);
            }
        } catch (IOException ex) {
            throw new IllegalStateException("Could not encode a certificate", ex);
        }
        return out.toString();
    }

    /**
     * Encodes a private key as PKCS#8 PEM.
     *
     * @param key the private key
     * @return the PEM text
     */
    public static String privateKey(PrivateKey key) {
        var out = new StringWriter();
        try (var writer = new JcaPEMWriter(out)) {
            writer.writeObject(new JcaPKCS8Generator(key, null));
        } catch (IOException ex) {
            throw new IllegalStateException("Could not encode a private key", ex);
        }
        return out.toString();
    }

    /**
     * Encodes a key pair as a PKCS#8 private key followed by its public key, so that the
     * pair can be read back whatever provider made the key. Used for account keys, whose
     * public half identifies the account.
     *
     * @param keyPair the key pair
     * @return the PEM text, two blocks
     */
    public static String keyPair(KeyPair keyPair) {
        var out = new StringWriter();
        try (var writer = new JcaPEMWriter(out)) {
            writer.writeObject(new JcaPKCS8Generator(keyPair.getPrivate(), null));
            writer.writeObject(keyPair.getPublic());
        } catch (IOException ex) {
            throw new IllegalStateException("Could not encode a key pair", ex);
        }
        return out.toString();
    }

    /**
     * Decodes a key pair written by {@link #keyPair(KeyPair)}, or an OpenSSL key that
     * carries its public key.
     *
     * @param pem the PEM text
     * @return the key pair
     * @throws IOException if the text holds no complete key pair
     */
    public static KeyPair readKeyPair(String pem) throws IOException {
        PrivateKey privateKey = null;
        PublicKey publicKey = null;
        try (var parser = new PEMParser(new StringReader(pem))) {
            Object object;
            while ((object = parser.readObject()) != null) {
                if (object instanceof PEMKeyPair pair && pair.getPublicKeyInfo() != null) {
                    return new KeyPair(publicKey(pair.getPublicKeyInfo()), privateKey(pair.getPrivateKeyInfo()));
                } else if (object instanceof PrivateKeyInfo info) {
                    privateKey = privateKey(info);
                } else if (object instanceof SubjectPublicKeyInfo info) {
                    publicKey = publicKey(info);
                }
            }
        }
        if (privateKey == null || publicKey == null) {
            throw new IOException("no complete PEM key pair found (a private and a public key are needed)");
        }
        return new KeyPair(publicKey, privateKey);
    }

    /**
     * Decodes a private key in PKCS#8 or traditional OpenSSL PEM.
     *
     * @param pem the PEM text
     * @return the private key
     * @throws IOException if the text holds no private key
     */
    public static PrivateKey readPrivateKey(String pem) throws IOException {
        var pkcs8 = Pkcs8.readPrivateKey(pem);
        if (pkcs8.isPresent()) {
            return pkcs8.get();
        }
        try (var parser = new PEMParser(new StringReader(pem))) {
            var object = parser.readObject();
            if (object instanceof PrivateKeyInfo info) {
                return privateKey(info);
            }
            if (object instanceof PEMKeyPair pair) {
                return privateKey(pair.getPrivateKeyInfo());
            }
            throw new IOException("no PEM private key found");
        }
    }

    /*
     * Keys are rebuilt through the standard algorithm names "EC" and "RSA". Bouncy Castle's
     * converter would ask for "ECDSA", which only Bouncy Castle provides: where it is a
     * registered provider (always in Jenkins, and once Apache MINA SSHD has loaded), the key
     * would then say "ECDSA" while its certificate says "EC", and key stores refuse the pair.
     */

    private static PrivateKey privateKey(PrivateKeyInfo info) throws IOException {
        try {
            var algorithm = algorithm(info.getPrivateKeyAlgorithm().getAlgorithm());
            return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(info.getEncoded()));
        } catch (GeneralSecurityException ex) {
            throw new IOException("unsupported private key: " + ex.getMessage(), ex);
        }
    }

    private static PublicKey publicKey(SubjectPublicKeyInfo info) throws IOException {
        try {
            var algorithm = algorithm(info.getAlgorithm().getAlgorithm());
            return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(info.getEncoded()));
        } catch (GeneralSecurityException ex) {
            throw new IOException("unsupported public key: " + ex.getMessage(), ex);
        }
    }

    private static String algorithm(ASN1ObjectIdentifier oid) throws IOException {
        if (X9ObjectIdentifiers.id_ecPublicKey.equals(oid)) {
            return "EC";
        }
        if (PKCSObjectIdentifiers.rsaEncryption.equals(oid)) {
            return "RSA";
        }
        throw new IOException("unsupported key algorithm " + oid + "; use an EC or RSA key");
    }

    /**
     * Decodes every certificate in PEM text.
     *
     * @param pem concatenated PEM blocks
     * @return the certificates in file order (possibly empty)
     * @throws IOException if a block is not a valid certificate
     */
    public static List<X509Certificate> readCertificates(String pem) throws IOException {
        return PemCertificates.read(pem);
    }

    /**
     * Decodes a PKCS#10 certificate signing request in PEM or DER.
     *
     * @param content the file's bytes
     * @return the request
     * @throws IOException if it is not a CSR
     */
    public static PKCS10CertificationRequest readCsr(byte[] content) throws IOException {
        var text = new String(content, StandardCharsets.US_ASCII);
        if (text.contains("-----BEGIN")) {
            try (Reader reader = new StringReader(text); var parser = new PEMParser(reader)) {
                var object = parser.readObject();
                if (object instanceof PKCS10CertificationRequest csr) {
                    return csr;
                }
                throw new IOException("the PEM file holds no certificate request");
            }
        }
        return new PKCS10CertificationRequest(content);
    }
}
