package io.github.acmecertificate.testca;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS helpers that trust exactly one root, never everything: a client that skips verification
 * would pass tests that a real CA's clients fail.
 */
final class Tls {

    private Tls() {
    }

    /** Returns a client context that trusts {@code root} and nothing else. */
    static SSLContext trusting(X509Certificate root) throws IOException {
        try {
            KeyStore trustStore = KeyStore.getInstance(KeyStore.getDefaultType());
            trustStore.load(null, null);
            trustStore.setCertificateEntry("pebble-https-root", root);
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trustStore);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot build a TLS context trusting " + root.getSubjectX500Principal(), e);
        }
    }

    /** Parses every certificate in a PEM (or DER) document. */
    static List<X509Certificate> parseCertificates(byte[] pem, String source) throws IOException {
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            List<X509Certificate> certificates = new ArrayList<>();
            for (Certificate certificate : factory.generateCertificates(new ByteArrayInputStream(pem))) {
                certificates.add((X509Certificate) certificate);
            }
            if (certificates.isEmpty()) {
                throw new IOException("no certificate in " + source);
            }
            return certificates;
        } catch (java.security.cert.CertificateException e) {
            throw new IOException("cannot parse the certificates from " + source + ": " + e.getMessage(), e);
        }
    }
}
