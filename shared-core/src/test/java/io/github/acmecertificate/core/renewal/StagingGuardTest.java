package io.github.acmecertificate.core.renewal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.github.acmecertificate.core.CertificateProvisioner;
import io.github.acmecertificate.core.CertificateRequest;
import io.github.acmecertificate.core.TestCertificates;
import io.github.acmecertificate.core.ca.CertificateAuthority;
import io.github.acmecertificate.core.ca.StagingCas;
import io.github.acmecertificate.core.challenge.Http01StandaloneSolver;
import io.github.acmecertificate.core.exception.InvalidInputException;
import io.github.acmecertificate.core.key.KeyType;
import io.github.acmecertificate.core.renewal.RenewalDecision.Reason;
import io.github.acmecertificate.core.store.CertificateBundle;
import io.github.acmecertificate.core.store.CertificateMetadata;
import io.github.acmecertificate.core.store.FileStore;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** A certificate from a trusted CA is never replaced by one from a staging CA by mistake. */
public class StagingGuardTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private static String url(String alias) throws Exception {
        return CertificateAuthority.of(alias, null).directoryUrl().toString();
    }

    @Test
    public void everyStagingAliasIsAStagingCaAndNoProductionAliasIs() throws Exception {
        for (var alias : CertificateAuthority.aliases().split(", ")) {
            assertEquals(alias + " -> " + url(alias), alias.endsWith("-staging"), StagingCas.isStaging(url(alias)));
        }
        assertTrue(StagingCas.isStaging("https://localhost:14000/dir"));
        assertTrue(StagingCas.isStaging("https://127.0.0.1:14000/dir"));
        assertTrue(StagingCas.isStaging("https://acme.staging.example.org/directory"));
        assertFalse(StagingCas.isStaging("https://acme.example.org/directory"));
        assertFalse("a host that merely contains the word", StagingCas.isStaging("https://contest.example.org/dir"));
    }

    @Test
    public void productionToStagingNeedsForceAndStagingToProductionDoesNot() throws Exception {
        var policy = new RenewalPolicy(null, false);
        var ex = assertThrows(InvalidInputException.class,
                () -> policy.checkCaChange("example.com", url("letsencrypt"), url("letsencrypt-staging")));
        assertEquals("server", ex.field());
        assertTrue(ex.getMessage(), ex.getMessage().contains("run once with force"));
        assertTrue(ex.getMessage(), ex.getMessage().contains("Nothing was replaced"));
        policy.checkCaChange("example.com", url("letsencrypt-staging"), url("letsencrypt"));
        policy.checkCaChange("example.com", url("letsencrypt"), url("zerossl"));
        new RenewalPolicy(null, true).checkCaChange("example.com", url("letsencrypt"), url("letsencrypt-staging"));
    }

    @Test
    public void theProvisionerRefusesBeforeAnyNetworkCall() throws Exception {
        var store = new FileStore(temp.getRoot().toPath());
        var key = KeyType.EC_P256.generate();
        var now = Instant.now();
        var cert = TestCertificates.issue("example.com", key, "CN=Production CA", KeyType.EC_P256.generate(),
                now.minus(Duration.ofDays(80)), now.plus(Duration.ofDays(10)), false);
        store.save(new CertificateBundle(List.of(cert), key.getPrivate(), new CertificateMetadata("example.com",
                List.of("example.com"), url("letsencrypt"), Optional.of("ec-p256"), Optional.empty(),
                Optional.empty(), Optional.empty(), now, cert.getNotBefore().toInstant(),
                cert.getNotAfter().toInstant())));
        var staging = CertificateRequest.builder().server("letsencrypt-staging").domains("example.com")
                .challenge(new Http01StandaloneSolver("127.0.0.1", 1)).acceptTermsOfService(true);

        var provisioner = new CertificateProvisioner(store);
        var ex = assertThrows(InvalidInputException.class,
                () -> provisioner.provision(staging.build(), e -> { }));
        assertTrue(ex.getMessage(), ex.getMessage().contains("staging or test CA"));
        assertTrue("the trusted certificate is still there",
                store.load("example.com").orElseThrow().certificate().equals(cert));
        assertEquals(Reason.FORCED, provisioner.check(staging.force(true).build()).reason());
    }
}
