package io.github.acmecertificate.core.it;

import static io.github.acmecertificate.core.it.Issuance.assertChainsTo;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;

import io.github.acmecertificate.core.CertificateProvisioner;
import io.github.acmecertificate.core.CertificateRequest;
import io.github.acmecertificate.core.ProvisionResult.Outcome;
import io.github.acmecertificate.core.challenge.Http01StandaloneSolver;
import io.github.acmecertificate.core.store.FileStore;
import io.github.acmecertificate.testca.PebbleFront;
import io.github.acmecertificate.testca.PebbleResource;
import org.junit.After;
import org.junit.Before;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** A whole ACME exchange passes through the front to Pebble: the front is transparent. */
public class FrontIssuancePebbleTest {

    @ClassRule
    public static PebbleResource pebble = new PebbleResource();

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private PebbleFront front;

    @Before
    public void startFront() throws Exception {
        front = PebbleFront.start(pebble.get());
    }

    @After
    public void stopFront() {
        front.close();
    }

    @Test
    public void issuesThroughTheFrontTrustingOnlyTheFrontsRoot() throws Exception {
        var request = CertificateRequest.builder()
                .server(front.directoryUri().toString())
                .serverTrust(front.trustRootPem())
                .acceptTermsOfService(true)
                .domains(List.of("front.example.test"))
                .challenge(new Http01StandaloneSolver("127.0.0.1", pebble.get().httpPort()))
                .build();
        var events = new Issuance.Events();
        var result = new CertificateProvisioner(new FileStore(Issuance.storeIn(temp))).provision(request, events);

        assertEquals(Outcome.ISSUED, result.outcome());
        assertChainsTo(result.bundle().chain(), pebble.get().issuingRoots().get(0));
        assertEquals(1, front.newOrderPayloads().size());
        assertTrue(front.newOrderPayloads().get(0), front.newOrderPayloads().get(0).contains("front.example.test"));
        // Every request Pebble saw came through the front.
        for (var line : List.of("POST /order-plz", "POST /finalize-order/", "POST /certZ/", "POST /sign-me-up")) {
            assertEquals(line, pebble.get().requestCount(line),
                    front.requestLines().stream().filter(l -> l.startsWith(line)).count());
        }
        assertTrue(events.text(), result.bundle().metadata().orderUrl().orElseThrow()
                .startsWith("https://localhost:" + front.directoryUri().getPort() + "/"));
    }
}
