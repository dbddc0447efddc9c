package io.github.acmecertificate.core.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.github.acmecertificate.core.CertificateProvisioner;
import io.github.acmecertificate.core.CertificateRequest;
import io.github.acmecertificate.core.ProvisionResult.Outcome;
import io.github.acmecertificate.core.challenge.Http01StandaloneSolver;
import io.github.acmecertificate.core.event.ProgressEvent.Stage;
import io.github.acmecertificate.core.renewal.RenewalDecision.Reason;
import io.github.acmecertificate.core.renewal.RenewalInfoCheck;
import io.github.acmecertificate.core.renewal.RenewalPolicy;
import io.github.acmecertificate.core.store.FileStore;
import io.github.acmecertificate.testca.PebbleFront;
import io.github.acmecertificate.testca.PebbleResource;
import org.junit.After;
import org.junit.Before;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * ACME Renewal Information against Pebble behind the test front, which supplies the
 * {@code renewalInfo} resource Pebble 2.4 lacks. Later runs move the clock forward, past the
 * next check the state records, while Pebble's certificates stay valid for years: whatever
 * makes them due here is the CA's window, not the lifetime rule.
 */
public class RenewalInfoFrontPebbleTest {

    @ClassRule
    public static PebbleResource pebble = new PebbleResource();

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private PebbleFront front;
    private FileStore store;

    @Before
    public void setUp() throws Exception {
        front = PebbleFront.start(pebble.get());
        store = new FileStore(Issuance.storeIn(temp));
    }

    @After
    public void tearDown() {
        front.close();
    }

    private CertificateRequest request(String name) throws Exception {
        return CertificateRequest.builder()
                .server(front.directoryUri().toString())
                .serverTrust(front.trustRootPem())
                .acceptTermsOfService(true)
                .domains(List.of(name))
                .challenge(new Http01StandaloneSolver("127.0.0.1", pebble.get().httpPort()))
                .build();
    }

    private CertificateProvisioner at(Duration later) {
        return new CertificateProvisioner(store, store, Clock.offset(Clock.systemUTC(), later));
    }

    @Test
    public void theCasWindowRenewsWithReplacesAndItsRetryAfterSpacesTheChecks() throws Exception {
        var request = request("ari.example.test");
        var first = at(Duration.ZERO).provision(request, new Issuance.Events());
        assertEquals(Outcome.ISSUED, first.outcome());
        var id = RenewalInfoCheck.certificateId(first.bundle().certificate()).orElseThrow();
        var state = store.loadState("ari.example.test").orElseThrow();
        assertEquals("issued", state.lastResult().orElseThrow());
        assertEquals(id, state.ariCertificateId().orElseThrow());

        // Right after issuance nothing is asked: the next check is hours away.
        var events = new Issuance.Events();
        assertEquals(Outcome.NOT_DUE, at(Duration.ofHours(1)).provision(request, events).outcome());
        assertEquals(List.of(), front.renewalInfoRequests());
        assertTrue(events.text(), events.text().contains("Nothing was sent to the CA"));

        // Past the next check, the CA's window lies in the future: not due, next check from Retry-After.
        var now = Instant.now();
        front.suggestWindow(now.plus(Duration.ofDays(30)), now.plus(Duration.ofDays(31)), Duration.ofHours(3));
        events = new Issuance.Events();
        var later = at(RenewalPolicy.RENEWAL_INFO_INTERVAL.plusMinutes(1)).provision(request, events);
        assertEquals(Outcome.NOT_DUE, later.outcome());
        assertEquals(List.of(id), front.renewalInfoRequests());
        assertTrue(events.text(), events.text().contains("The CA suggests renewing between"));
        assertTrue(events.text(), events.text().contains("Only the CA's renewal information was requested"));
        state = store.loadState("ari.example.test").orElseThrow();
        var chosen = state.ariChosenTime().orElseThrow();
        assertFalse(chosen.isBefore(now.plus(Duration.ofDays(30)).minusSeconds(1)));
        assertTrue(chosen.isBefore(now.plus(Duration.ofDays(31)).plusSeconds(1)));
        var nextCheck = state.ariNextCheck().orElseThrow();
        var sinceCheck = Duration.between(now.plus(RenewalPolicy.RENEWAL_INFO_INTERVAL), nextCheck);
        assertTrue("next check three hours after the check: " + sinceCheck,
                sinceCheck.compareTo(Duration.ofHours(3)) >= 0 && sinceCheck.compareTo(Duration.ofHours(3).plusMinutes(5)) < 0);

        // Within the Retry-After, the CA is not asked again.
        assertEquals(Outcome.NOT_DUE, at(RenewalPolicy.RENEWAL_INFO_INTERVAL.plusHours(2))
                .provision(request, new Issuance.Events()).outcome());
        assertEquals(1, front.renewalInfoRequests().size());

        // The CA moves the window into the past (a revocation ahead, say): renewal at once, naming the old one.
        front.suggestWindow(now.minus(Duration.ofDays(2)), now.minus(Duration.ofDays(1)), Duration.ofHours(6));
        events = new Issuance.Events();
        var orders = front.newOrderPayloads().size();
        var renewed = at(RenewalPolicy.RENEWAL_INFO_INTERVAL.plusHours(4)).provision(request, events);
        assertEquals(Outcome.RENEWED, renewed.outcome());
        assertEquals(Reason.CA_SUGGESTED, renewed.decision().reason());
        assertEquals(2, front.renewalInfoRequests().size());
        var payload = front.newOrderPayloads().get(orders);
        assertTrue(payload, payload.contains("\"replaces\":\"" + id + "\""));
        assertNotEquals(first.bundle().certificate().getSerialNumber(), renewed.bundle().certificate().getSerialNumber());
        var after = store.loadState("ari.example.test").orElseThrow();
        assertEquals("renewed", after.lastResult().orElseThrow());
        assertEquals(RenewalInfoCheck.certificateId(renewed.bundle().certificate()), after.ariCertificateId());
        assertTrue(after.ariChosenTime().isEmpty());
    }

    @Test
    public void aFailingRenewalInfoRequestFallsBackToTheLifetimeRule() throws Exception {
        var request = request("ari-down.example.test");
        at(Duration.ZERO).provision(request, new Issuance.Events());
        front.failRenewalInfo(503);
        var events = new Issuance.Events();
        var result = at(Duration.ofDays(1)).provision(request, events);
        assertEquals(Outcome.NOT_DUE, result.outcome());
        assertEquals(Reason.NOT_DUE, result.decision().reason());
        assertTrue(events.has(Stage.WARNING));
        assertTrue(events.text(), events.text().contains("Could not get renewal information from the CA"));
        var state = store.loadState("ari-down.example.test").orElseThrow();
        assertTrue(state.ariChosenTime().isEmpty());
        var wait = Duration.between(Instant.now().plus(Duration.ofDays(1)), state.ariNextCheck().orElseThrow());
        assertTrue("asks again in about an hour: " + wait, wait.compareTo(Duration.ofMinutes(55)) > 0
                && wait.compareTo(Duration.ofMinutes(65)) < 0);
    }

    @Test
    public void withoutRenewalInfoNoReplacesIsSentAndTheDirectoryIsLookedAtDaily() throws Exception {
        front.offerRenewalInfo(false);
        var request = request("no-ari.example.test");
        var first = at(Duration.ZERO).provision(request, new Issuance.Events());
        var state = store.loadState("no-ari.example.test").orElseThrow();
        var wait = Duration.between(Instant.now(), state.ariNextCheck().orElseThrow());
        assertTrue(wait.toString(), wait.compareTo(RenewalPolicy.RENEWAL_INFO_ABSENT_INTERVAL.minusMinutes(5)) > 0);

        var forced = CertificateRequest.builder()
                .server(front.directoryUri().toString()).serverTrust(front.trustRootPem())
                .domains(List.of("no-ari.example.test")).force(true)
                .challenge(new Http01StandaloneSolver("127.0.0.1", pebble.get().httpPort())).build();
        var renewed = at(Duration.ZERO).provision(forced, new Issuance.Events());
        assertEquals(Outcome.RENEWED, renewed.outcome());
        assertNotEquals(first.bundle().certificate(), renewed.bundle().certificate());
        assertEquals(2, front.newOrderPayloads().size());
        for (var payload : front.newOrderPayloads()) {
            assertFalse(payload, payload.contains("replaces"));
        }
        assertEquals(List.of(), front.renewalInfoRequests());
    }
}
