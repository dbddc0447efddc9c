package io.github.acmecertificate.core;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;

import io.github.acmecertificate.core.key.KeyType;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Makes certificates for unit tests that need no CA. */
public final class TestCertificates {

    private static long serial = 1;

    private TestCertificates() {
    }

    public static X509Certificate selfSigned(String name, Instant notBefore, Instant notAfter) throws Exception {
        var key = KeyType.EC_P256.generate();
        return issue(name, key, "CN=" + name, key, notBefore, notAfter, false);
    }

    public static X509Certificate issue(String subjectCn, KeyPair subjectKey, String issuerDn, KeyPair issuerKey,
            Instant notBefore, Instant notAfter, boolean ca) throws Exception {
        var builder = new JcaX509v3CertificateBuilder(new X500Name(issuerDn), BigInteger.valueOf(serial++),
                Date.from(notBefore), Date.from(notAfter), new X500Name("CN=" + subjectCn), subjectKey.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
        if (!ca) {
            builder.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(new GeneralName(GeneralName.dNSName, subjectCn)));
        }
        var signer = new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey.getPrivate());
        return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
    }
}
