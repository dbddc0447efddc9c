package io.github.acmecertificate.core.store.credentials;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import io.github.acmecertificate.core.key.KeyType;
import io.github.acmecertificate.core.store.CertificateBundle;
import io.github.acmecertificate.core.store.CertificateMetadata;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Self-signed certificates for tests that need no CA. */
public final class TestCertificates {

    private TestCertificates() {
    }

    public static X509Certificate selfSigned(KeyPair key, Instant notBefore, Duration lifetime, String... names)
            throws Exception {
        var subject = new X500Name("CN=" + names[0]);
        var builder = new JcaX509v3CertificateBuilder(subject, BigInteger.valueOf(System.nanoTime()),
                Date.from(notBefore), Date.from(notBefore.plus(lifetime)), subject, key.getPublic());
        var sans = new GeneralName[names.length];
        for (int i = 0; i < names.length; i++) {
            sans[i] = new GeneralName(names[i].matches("[0-9.]+") ? GeneralName.iPAddress : GeneralName.dNSName,
                    names[i]);
        }
        builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(sans));
        var algorithm = "EC".equals(key.getPrivate().getAlgorithm()) ? "SHA256withECDSA" : "SHA256withRSA";
        var signer = new JcaContentSignerBuilder(algorithm).build(key.getPrivate());
        return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
    }

    /** A bundle named {@code name} for the given DNS names, valid from an hour ago for 90 days. */
    public static CertificateBundle bundle(String name, String... names) throws Exception {
        var key = KeyType.EC_P256.generate();
        var now = Instant.now().minus(Duration.ofHours(1));
        var certificate = selfSigned(key, now, Duration.ofDays(90), names);
        var metadata = new CertificateMetadata(name, List.of(names), "https://ca.example.test/dir",
                Optional.of("ec-p256"), Optional.empty(), Optional.empty(), Optional.empty(), Instant.now(),
                certificate.getNotBefore().toInstant(), certificate.getNotAfter().toInstant());
        return new CertificateBundle(List.of(certificate), key.getPrivate(), metadata);
    }
}
