package io.github.acmecertificate.core.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.util.List;

import io.github.acmecertificate.core.CertificateProvisioner;
import io.github.acmecertificate.core.CertificateRequest;
import io.github.acmecertificate.core.ProvisionResult.Outcome;
import io.github.acmecertificate.core.challenge.ChallengeSolver;
import io.github.acmecertificate.core.challenge.ChallengeTask;
import io.github.acmecertificate.core.event.ProgressListener;
import io.github.acmecertificate.core.exception.AcmeCertificateException;
import io.github.acmecertificate.core.name.SubjectName;
import io.github.acmecertificate.core.store.FileStore;
import io.github.acmecertificate.testca.PebbleResource;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Two builds on one store, one keeping {@code *.example.test} and one keeping
 * {@code example.test}, with default names: each keeps its own certificate instead of
 * replacing the other's on every run. DNS-01 answered through Pebble's mock DNS.
 */
public class WildcardAndBasePebbleTest {

    @ClassRule
    public static PebbleResource pebble = new PebbleResource();

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    /** Publishes DNS-01 values in Pebble's mock DNS. */
    private static final class MockDnsSolver implements ChallengeSolver {
        @Override
        public String challengeType() {
            return "dns-01";
        }

        @Override
        public String describe() {
            return "Pebble's mock DNS";
        }

        @Override
        public void validate(List<SubjectName> names) {
        }

        @Override
        public void prepare(ChallengeTask task, ProgressListener listener) throws AcmeCertificateException {
            try {
                pebble.get().setTxtRecord("_acme-challenge." + task.domain(), task.dnsTxtValue());
            } catch (IOException ex) {
                throw new AcmeCertificateException("mock DNS: " + ex.getMessage(), ex);
            }
        }

        @Override
        public void cleanUp(ChallengeTask task, ProgressListener listener) throws AcmeCertificateException {
            try {
                pebble.get().clearTxtRecord("_acme-challenge." + task.domain());
            } catch (IOException ex) {
                throw new AcmeCertificateException("mock DNS: " + ex.getMessage(), ex);
            }
        }
    }

    private static CertificateRequest.Builder request(String... names) throws Exception {
        return CertificateRequest.builder().server(pebble.get().directoryUri().toString())
                .serverTrust(pebble.get().trustRootPem()).acceptTermsOfService(true).domains(List.of(names))
                .challenge(new MockDnsSolver());
    }

    @Test
    public void aWildcardAndItsBaseNameKeepTwoCertificates() throws Exception {
        var store = new FileStore(Issuance.storeIn(temp));
        var provisioner = new CertificateProvisioner(store);
        var events = new Issuance.Events();

        var wildcard = provisioner.provision(request("*.pair.example.test").build(), events);
        var base = provisioner.provision(request("pair.example.test").build(), events);
        assertEquals(Outcome.ISSUED, wildcard.outcome());
        assertEquals(Outcome.ISSUED, base.outcome());
        assertEquals("pair.example.test_wildcard", wildcard.bundle().metadata().name());
        assertEquals("pair.example.test", base.bundle().metadata().name());
        long orders = pebble.get().requestCount("POST /order-plz");

        for (int run = 0; run < 3; run++) {
            assertEquals(Outcome.NOT_DUE, provisioner.provision(request("*.pair.example.test").build(), events)
                    .outcome());
            assertEquals(Outcome.NOT_DUE, provisioner.provision(request("pair.example.test").build(), events)
                    .outcome());
        }
        assertEquals("neither build replaces the other's certificate", orders,
                pebble.get().requestCount("POST /order-plz"));
        assertEquals(List.of("*.pair.example.test"),
                store.load("pair.example.test_wildcard").orElseThrow().metadata().names());
        assertEquals(List.of("pair.example.test"), store.load("pair.example.test").orElseThrow().metadata().names());
    }

    @Test
    public void aWildcardStoredUnderTheBaseNameByAnEarlierVersionIsStillFound() throws Exception {
        var store = new FileStore(Issuance.storeIn(temp));
        var provisioner = new CertificateProvisioner(store);
        var events = new Issuance.Events();
        // What earlier versions did by default: the wildcard's base name.
        var earlier = provisioner.provision(request("*.old.example.test", "old.example.test")
                .name("old.example.test").build(), events);
        long orders = pebble.get().requestCount("POST /order-plz");

        var now = provisioner.provision(request("*.old.example.test", "old.example.test").build(), events);

        assertEquals(now.decision().detail(), Outcome.NOT_DUE, now.outcome());
        assertEquals(orders, pebble.get().requestCount("POST /order-plz"));
        assertEquals(earlier.bundle().serialNumber(), now.bundle().serialNumber());
        assertEquals("kept under the new name from now on", earlier.bundle().serialNumber(),
                store.load("old.example.test_wildcard").orElseThrow().serialNumber());
        assertTrue(events.text(), events.text().contains("under its earlier default name old.example.test"));
    }
}
