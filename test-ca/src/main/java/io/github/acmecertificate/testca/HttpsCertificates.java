package io.github.acmecertificate.testca;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The certificates Pebble serves HTTPS with: a fresh root CA and a {@code localhost} certificate
 * signed by it.
 *
 * <p>Debian's {@code pebble} package ships no test certificates, and a fixed key pair shared by
 * every installation would be trustworthy to no one, so each start generates its own. The root's
 * private key is never written: it exists only to sign the one {@code localhost} certificate.
 *
 * <p>Keys come from the platform's JCA providers and Bouncy Castle only assembles the
 * certificates, so no security provider is registered globally.
 */
final class HttpsCertificates {

    static final String ROOT_PEM = "https-root.pem";
    static final String LOCALHOST_PEM = "localhost.pem";
    static final String LOCALHOST_KEY = "localhost-key.pem";

    // Long enough for a demo left running, short enough to never be mistaken for a real root.
    private static final Duration VALIDITY = Duration.ofDays(365);
    // Tolerates a clock that is slightly behind on a machine that checks the certificate.
    private static final Duration BACKDATE = Duration.ofHours(1);
    private static final String SIGNATURE = "SHA256withECDSA";

    private final X509Certificate root;
    private final Path rootPem;
    private final Path localhostPem;
    private final Path localhostKey;

    private HttpsCertificates(X509Certificate root, Path rootPem, Path localhostPem, Path localhostKey) {
        this.root = root;
        this.rootPem = rootPem;
        this.localhostPem = localhostPem;
        this.localhostKey = localhostKey;
    }

    /**
     * Generates a root and a {@code localhost} certificate and writes them, and the localhost key,
     * as PEM files into {@code directory}.
     */
    static HttpsCertificates generate(Path directory) throws IOException {
        try {
            SecureRandom random = new SecureRandom();
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), random);
            KeyPair rootKeys = generator.generateKeyPair();
            KeyPair leafKeys = generator.generateKeyPair();

            Instant now = Instant.now();
            Date notBefore = Date.from(now.minus(BACKDATE));
            Date notAfter = Date.from(now.plus(VALIDITY));
            // A random suffix tells the roots of concurrent instances apart in error messages.
            byte[] tag = new byte[3];
            random.nextBytes(tag);
            String suffix = HexFormat.of().formatHex(tag);
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();

            X500Name rootName = new X500Name("CN=Pebble HTTPS Test Root " + suffix);
            X509v3CertificateBuilder rootBuilder = new JcaX509v3CertificateBuilder(
                    rootName, serial(random), notBefore, notAfter, rootName, rootKeys.getPublic());
            rootBuilder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            rootBuilder.addExtension(Extension.keyUsage, true,
                    new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            rootBuilder.addExtension(Extension.subjectKeyIdentifier, false,
                    extensions.createSubjectKeyIdentifier(rootKeys.getPublic()));
            X509Certificate root = sign(rootBuilder, rootKeys.getPrivate());

            X509v3CertificateBuilder leafBuilder = new JcaX509v3CertificateBuilder(
                    root, serial(random), notBefore, notAfter, new X500Name("CN=localhost"), leafKeys.getPublic());
            leafBuilder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            leafBuilder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            leafBuilder.addExtension(Extension.extendedKeyUsage, false,
                    new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            leafBuilder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.dNSName, "localhost"),
                new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                new GeneralName(GeneralName.iPAddress, "::1"),
            }));
            leafBuilder.addExtension(Extension.subjectKeyIdentifier, false,
                    extensions.createSubjectKeyIdentifier(leafKeys.getPublic()));
            leafBuilder.addExtension(Extension.authorityKeyIdentifier, false,
                    extensions.createAuthorityKeyIdentifier(root));
            X509Certificate leaf = sign(leafBuilder, rootKeys.getPrivate());

            Path rootPem = directory.resolve(ROOT_PEM);
            Path leafPem = directory.resolve(LOCALHOST_PEM);
            Path leafKey = directory.resolve(LOCALHOST_KEY);
            writePem(rootPem, root, false);
            // Pebble sends what this file holds, so including the root lets clients build the chain.
            writePem(leafPem, new Object[] {leaf, root}, false);
            writePem(leafKey, new JcaPKCS8Generator(leafKeys.getPrivate(), null), true);
            return new HttpsCertificates(root, rootPem, leafPem, leafKey);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IOException("cannot generate Pebble's HTTPS certificates: " + e.getMessage(), e);
        }
    }

    /** The root that signed the {@code localhost} certificate: what a client must trust. */
    X509Certificate root() {
        return root;
    }

    Path rootPem() {
        return rootPem;
    }

    Path localhostPem() {
        return localhostPem;
    }

    Path localhostKey() {
        return localhostKey;
    }

    private static BigInteger serial(SecureRandom random) {
        // Positive and at most 20 octets, as RFC 5280 requires.
        return new BigInteger(127, random).add(BigInteger.ONE);
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key)
            throws OperatorCreationException, GeneralSecurityException {
        ContentSigner signer = new JcaContentSignerBuilder(SIGNATURE).build(key);
        return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
    }

    private static void writePem(Path file, Object content, boolean secret) throws IOException {
        Files.deleteIfExists(file);
        if (secret && FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            // Created owner-only from the start, so the key is never readable by others, even briefly.
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        try (OutputStream out = Files.newOutputStream(file);
                Writer writer = new OutputStreamWriter(out, StandardCharsets.US_ASCII);
                JcaPEMWriter pem = new JcaPEMWriter(writer)) {
            if (content instanceof Object[] many) {
                for (Object one : many) {
                    pem.writeObject(one);
                }
            } else if (content instanceof JcaPKCS8Generator generator) {
                pem.writeObject(generator);
            } else {
                pem.writeObject(content);
            }
        }
    }
}
