package io.github.acmecertificate.core.deploy.it;

import java.security.KeyPair;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import io.github.acmecertificate.core.TestCertificates;
import io.github.acmecertificate.core.key.KeyType;
import io.github.acmecertificate.core.store.CertificateBundle;
import io.github.acmecertificate.core.store.CertificateMetadata;

/**
 * Certificate bundles for deploy tests that need no CA: a leaf for one name, signed by an
 * intermediate of a test root, each call a new certificate with a new key.
 */
public final class TestBundles {

    private static final KeyPair ROOT = KeyType.EC_P256.generate();
    private static final KeyPair INTERMEDIATE = KeyType.EC_P256.generate();
    private static final java.security.cert.X509Certificate INTERMEDIATE_CERT = intermediate();

    private TestBundles() {
    }

    private static java.security.cert.X509Certificate intermediate() {
        try {
            var now = Instant.now();
            return TestCertificates.issue("Deploy Test Intermediate", INTERMEDIATE, "CN=Deploy Test Root", ROOT,
                    now.minus(1, ChronoUnit.DAYS), now.plus(365, ChronoUnit.DAYS), true);
        } catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }

    /**
     * Issues a new certificate with a new key.
     *
     * @param name the certificate's name in the store, and its only DNS name
     * @return the bundle, with key
     * @throws Exception if issuing fails
     */
    public static CertificateBundle issue(String name) throws Exception {
        var key = KeyType.EC_P256.generate();
        var now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        var leaf = TestCertificates.issue(name, key, "CN=Deploy Test Intermediate", INTERMEDIATE,
                now.minus(1, ChronoUnit.HOURS), now.plus(90, ChronoUnit.DAYS), false);
        var metadata = new CertificateMetadata(name, List.of(name), "https://ca.test/dir", Optional.of("ec-p256"),
                Optional.empty(), Optional.empty(), Optional.empty(), now, leaf.getNotBefore().toInstant(),
                leaf.getNotAfter().toInstant());
        return new CertificateBundle(List.of(leaf, INTERMEDIATE_CERT), key.getPrivate(), metadata);
    }

    /**
     * Issues a certificate without key, as when the user supplied the CSR.
     *
     * @param name the name
     * @return the bundle, without key
     * @throws Exception if issuing fails
     */
    public static CertificateBundle issueWithoutKey(String name) throws Exception {
        var bundle = issue(name);
        return new CertificateBundle(bundle.chain(), null, bundle.metadata());
    }
}
