package io.github.acmecertificate.core.it;

import static io.github.acmecertificate.core.it.Issuance.assertNames;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import io.github.acmecertificate.core.CertificateRequest;
import io.github.acmecertificate.core.FleetProvisioner;
import io.github.acmecertificate.core.ProvisionResult.Outcome;
import io.github.acmecertificate.core.challenge.Http01StandaloneSolver;
import io.github.acmecertificate.core.exception.AcmeProblemException;
import io.github.acmecertificate.core.exception.InvalidInputException;
import io.github.acmecertificate.core.store.FileStore;
import io.github.acmecertificate.testca.PebbleOptions;
import io.github.acmecertificate.testca.PebbleResource;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Many certificates in one run against a real ACME CA (Pebble). */
public class FleetPebbleTest {

    @ClassRule
    public static PebbleResource pebble = new PebbleResource(PebbleOptions.defaults()
            .withAuthzReusePercent(0).withBlockedDomain("refused.test"));

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private final Issuance.Events events = new Issuance.Events();

    private List<CertificateRequest> fleet(Http01StandaloneSolver solver, int count, String... extra)
            throws InvalidInputException {
        var requests = new ArrayList<CertificateRequest>();
        for (int i = 0; i < count; i++) {
            requests.add(request(solver, "site" + i + ".fleet.test", "www.site" + i + ".fleet.test"));
        }
        for (var name : extra) {
            requests.add(request(solver, name));
        }
        return requests;
    }

    private CertificateRequest request(Http01StandaloneSolver solver, String... names) throws InvalidInputException {
        return CertificateRequest.builder()
                .server(pebble.get().directoryUri().toString())
                .serverTrust(pebble.get().trustRootPem())
                .acceptTermsOfService(true)
                .domains(List.of(names))
                .challenge(solver)
                .build();
    }

    @Test
    public void issuesEveryCertificateWithOneDirectoryFetchAndOneAccount() throws Exception {
        var store = new FileStore(Issuance.storeIn(temp));
        var solver = new Http01StandaloneSolver("127.0.0.1", pebble.get().httpPort());
        long directories = pebble.get().requestCount("GET /dir");
        long registrations = pebble.get().requestCount("POST /sign-me-up");
        long orders = pebble.get().requestCount("POST /order-plz");

        // A certificate the CA refuses sits in the middle: the others are issued all the same.
        var requests = fleet(solver, 10, "refused.test", "after.fleet.test");
        var result = new FleetProvisioner(store, store, Clock.systemUTC(), 4).provision(requests, events);

        assertEquals(12, result.certificates().size());
        assertFalse(result.succeeded());
        assertEquals(List.of("refused.test"), result.failures().stream().map(c -> c.name()).toList());
        assertTrue(result.failures().get(0).failure().orElseThrow() instanceof AcmeProblemException);
        for (var certificate : result.certificates()) {
            if (!certificate.failed()) {
                var issued = certificate.result().orElseThrow().certificate();
                assertEquals(certificate.name(), Outcome.ISSUED, issued.outcome());
                assertEquals(certificate.name(), issued.bundle().metadata().name());
                assertNames(store.load(certificate.name()).orElseThrow().certificate(),
                        issued.names().toArray(String[]::new));
            }
        }
        assertEquals("the directory is fetched once per run", directories + 1, pebble.get().requestCount("GET /dir"));
        assertEquals("one account for the whole run", registrations + 1, pebble.get().requestCount("POST /sign-me-up"));
        // Eleven orders, and the one the CA refused when it was asked.
        assertEquals(orders + 12, pebble.get().requestCount("POST /order-plz"));
        assertEquals("12 certificates: 11 issued, 0 renewed, 0 not due, 1 failed", result.summary());

        // The second run finds none due among those issued, and sends nothing for them.
        long before = pebble.get().requestCount("");
        var again = new FleetProvisioner(store, store, Clock.systemUTC(), 4).provision(
                fleet(new Http01StandaloneSolver("127.0.0.1", pebble.get().httpPort()), 10), events);
        assertTrue(again.succeeded());
        assertTrue(again.certificates().stream().allMatch(c -> c.result().orElseThrow().certificate().outcome() == Outcome.NOT_DUE));
        assertEquals("not a single request reached the CA", before, pebble.get().requestCount(""));
    }

    @Test
    public void twoCertificatesWithOneNameAreRefusedBeforeAnyRequest() throws Exception {
        var store = new FileStore(Issuance.storeIn(temp));
        var solver = new Http01StandaloneSolver("127.0.0.1", pebble.get().httpPort());
        long before = pebble.get().requestCount("");
        var requests = List.of(request(solver, "twice.test"), request(solver, "twice.test", "www.twice.test"));
        var ex = assertThrows(InvalidInputException.class,
                () -> new FleetProvisioner(store).provision(requests, events));
        assertTrue(ex.getMessage(), ex.getMessage().contains("twice.test"));
        assertEquals(before, pebble.get().requestCount(""));
    }
}
