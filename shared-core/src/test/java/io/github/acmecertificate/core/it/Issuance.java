package io.github.acmecertificate.core.it;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import io.github.acmecertificate.core.CertificateRequest;
import io.github.acmecertificate.core.challenge.Http01StandaloneSolver;
import io.github.acmecertificate.core.event.ProgressEvent;
import io.github.acmecertificate.core.event.ProgressListener;
import io.github.acmecertificate.core.exception.InvalidInputException;
import io.github.acmecertificate.testca.Pebble;

/** Builds requests against a running Pebble and checks what comes back. */
final class Issuance {

    private Issuance() {
    }

    /** A request for names, answered by the built-in HTTP-01 server on Pebble's validation port. */
    static CertificateRequest.Builder request(Pebble pebble, String... names) throws InvalidInputException {
        return CertificateRequest.builder()
                .server(pebble.directoryUri().toString())
                .serverTrust(pebble.trustRootPem())
                .acceptTermsOfService(true)
                .domains(List.of(names))
                .challenge(new Http01StandaloneSolver("127.0.0.1", pebble.httpPort()));
    }

    /** Collects events, thread-safely. */
    static final class Events implements ProgressListener {
        final List<ProgressEvent> events = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void onProgress(ProgressEvent event) {
            events.add(event);
        }

        boolean has(ProgressEvent.Stage stage) {
            synchronized (events) {
                return events.stream().anyMatch(e -> e.stage() == stage);
            }
        }

        String text() {
            synchronized (events) {
                return String.join("\n", events.stream().map(ProgressEvent::message).toList());
            }
        }
    }

    /** Asserts the chain validates up to one of the given roots (PKIX, as a TLS client would). */
    static void assertChainsTo(List<X509Certificate> chain, X509Certificate root) throws Exception {
        var factory = CertificateFactory.getInstance("X.509");
        var path = factory.generateCertPath(chain);
        var params = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
        params.setRevocationEnabled(false);
        CertPathValidator.getInstance("PKIX").validate(path, params);
    }

    /** Asserts the private key belongs to the certificate's public key, by signing and verifying. */
    static void assertKeyMatches(PrivateKey key, PublicKey publicKey) throws Exception {
        var algorithm = "EC".equals(key.getAlgorithm()) ? "SHA256withECDSA" : "SHA256withRSA";
        var data = "proof of possession".getBytes();
        var signer = Signature.getInstance(algorithm);
        signer.initSign(key);
        signer.update(data);
        var signature = signer.sign();
        var verifier = Signature.getInstance(algorithm);
        verifier.initVerify(publicKey);
        verifier.update(data);
        assertTrue("the private key matches the certificate", verifier.verify(signature));
    }

    /** Asserts the certificate's DNS and IP SANs are exactly the names. */
    static void assertNames(X509Certificate certificate, String... names) throws Exception {
        var actual = new TreeSet<String>();
        for (var san : certificate.getSubjectAlternativeNames()) {
            actual.add(String.valueOf(san.get(1)));
        }
        assertEquals(new TreeSet<>(List.of(names)), actual);
    }

    static Path storeIn(org.junit.rules.TemporaryFolder temp) {
        return temp.getRoot().toPath().resolve("store");
    }

    static void assertSameBytes(byte[] expected, byte[] actual) {
        assertArrayEquals(expected, actual);
    }
}
