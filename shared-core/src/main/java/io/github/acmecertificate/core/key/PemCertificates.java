package io.github.acmecertificate.core.key;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads PEM certificates with the JDK alone.
 *
 * <p>Kept apart from {@link Pem} on purpose: {@code Pem} refers to Bouncy Castle, and loading
 * it makes the JVM open and verify the signed Bouncy Castle jar (its manifest lists thousands
 * of digests). Reading a CA's trust anchor or a stored chain needs none of that, so a run that
 * sends nothing loads no Bouncy Castle class at all.
 *
 * @since 0.1.0
 */
public final class PemCertificates {

    private PemCertificates() {
    }

    /**
     * Decodes every certificate in PEM text.
     *
     * @param pem concatenated PEM blocks
     * @return the certificates in file order (possibly empty)
     * @throws IOException if a block is not a valid certificate
     */
    public static List<X509Certificate> read(String pem) throws IOException {
        try {
            var factory = CertificateFactory.getInstance("X.509");
            var result = new ArrayList<X509Certificate>();
            for (var certificate : factory.generateCertificates(
                    new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))) {
                result.add((X509Certificate) certificate);
            }
            return result;
        } catch (CertificateException ex) {
            throw new IOException("not a valid PEM certificate: " + ex.getMessage(), ex);
        }
    }
}
