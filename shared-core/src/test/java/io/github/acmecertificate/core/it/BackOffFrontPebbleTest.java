package io.github.acmecertificate.core.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.github.acmecertificate.core.CertificateProvisioner;
import io.github.acmecertificate.core.CertificateRequest;
import io.github.acmecertificate.core.ProvisionResult.Outcome;
import io.github.acmecertificate.core.challenge.Http01StandaloneSolver;
import io.github.acmecertificate.core.exception.AcmeCertificateException;
import io.github.acmecertificate.core.exception.AcmeProblemException;
import io.github.acmecertificate.core.renewal.RenewalDecision.Reason;
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
 * Back-off between failed renewals, against Pebble behind the test front: the front's renewal
 * window makes a long-lived certificate due, a challenge answered on the wrong port makes the
 * renewal fail for real, and the front's rate limit supplies a Retry-After.
 */
public class BackOffFrontPebbleTest {

    @ClassRule
    public static PebbleResource pebble = new PebbleResource();

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private PebbleFront front;
    private FileStore store;
    private final Instant start = Instant.now();

    @Before
    public void setUp() throws Exception {
        front = PebbleFront.start(pebble.get());
        store = new FileStore(Issuance.storeIn(temp));
    }

    @After
    public void tearDown() {
        front.close();
    }

    private CertificateRequest request(String name, int httpPort) throws Exception {
        return CertificateRequest.builder()
                .server(front.directoryUri().toString())
                .serverTrust(front.trustRootPem())
                .acceptTermsOfService(true)
                .domains(List.of(name))
                .timeout(Duration.ofSeconds(20))
                .challenge(new Http01StandaloneSolver("127.0.0.1", httpPort))
                .build();
    }

    private CertificateProvisioner at(Duration later) {
        return new CertificateProvisioner(store, store, Clock.offset(Clock.systemUTC(), later));
    }

    /** Issues a certificate, then has the CA ask for its renewal now; runs from {@code base} on see it due. */
    private void issueAndMakeDue(String name) throws Exception {
        at(Duration.ZERO).provision(request(name, pebble.get().httpPort()), new Issuance.Events());
        front.suggestWindow(start.minus(Duration.ofDays(2)), start.minus(Duration.ofDays(1)), Duration.ofHours(6));
    }

    @Test
    public void failedRenewalsWaitOneThenTenMinutesAndASuccessClearsThem() throws Exception {
        var name = "backoff.example.test";
        issueAndMakeDue(name);
        var base = Duration.ofHours(7);
        int wrongPort;
        // A port nothing listens on once closed: Pebble's validation of it fails.
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            wrongPort = socket.getLocalPort();
        }

        assertThrows(AcmeCertificateException.class,
                () -> at(base).provision(request(name, wrongPort), new Issuance.Events()));
        var state = store.loadState(name).orElseThrow();
        assertEquals(1, state.failures());
        assertTrue(state.lastFailed());
        var wait = Duration.between(start.plus(base), state.nextAttempt().orElseThrow());
        assertTrue("about a minute: " + wait, wait.compareTo(Duration.ofSeconds(55)) > 0
                && wait.compareTo(Duration.ofMinutes(3)) < 0);

        var orders = front.newOrderPayloads().size();
        var events = new Issuance.Events();
        var held = at(base.plusSeconds(20)).provision(request(name, pebble.get().httpPort()), events);
        assertEquals(Outcome.NOT_DUE, held.outcome());
        assertEquals(Reason.BACKING_OFF, held.decision().reason());
        assertEquals("no order while backing off", orders, front.newOrderPayloads().size());
        assertTrue(events.text(), events.text().contains("the last attempt failed"));

        assertThrows(AcmeCertificateException.class,
                () -> at(base.plusMinutes(3)).provision(request(name, wrongPort), new Issuance.Events()));
        state = store.loadState(name).orElseThrow();
        assertEquals(2, state.failures());
        wait = Duration.between(start.plus(base.plusMinutes(3)), state.nextAttempt().orElseThrow());
        assertTrue("about ten minutes: " + wait, wait.compareTo(Duration.ofMinutes(9)) > 0
                && wait.compareTo(Duration.ofMinutes(12)) < 0);
        assertEquals(Reason.BACKING_OFF, at(base.plusMinutes(8)).provision(request(name, pebble.get().httpPort()),
                new Issuance.Events()).decision().reason());

        var renewed = at(base.plusMinutes(15)).provision(request(name, pebble.get().httpPort()),
                new Issuance.Events());
        assertEquals(Outcome.RENEWED, renewed.outcome());
        state = store.loadState(name).orElseThrow();
        assertEquals(0, state.failures());
        assertFalse(state.lastFailed());
        assertTrue(state.nextAttempt().isEmpty());
    }

    @Test
    public void aRateLimitsRetryAfterIsHonouredWhenLongerThanTheBackOff() throws Exception {
        var name = "limited.example.test";
        issueAndMakeDue(name);
        var base = Duration.ofHours(7);
        front.rateLimitNewOrders(Duration.ofHours(3));

        var ex = assertThrows(AcmeProblemException.class,
                () -> at(base).provision(request(name, pebble.get().httpPort()), new Issuance.Events()));
        assertEquals(AcmeProblemException.Kind.RATE_LIMITED, ex.kind());
        var next = store.loadState(name).orElseThrow().nextAttempt().orElseThrow();
        var wait = Duration.between(Instant.now().plus(base), next);
        assertTrue("the CA's three hours, not one minute: " + wait, wait.compareTo(Duration.ofMinutes(170)) > 0
                && wait.compareTo(Duration.ofMinutes(190)) < 0);

        front.rateLimitNewOrders(null);
        var orders = front.newOrderPayloads().size();
        assertEquals(Reason.BACKING_OFF, at(base.plusMinutes(30)).provision(request(name, pebble.get().httpPort()),
                new Issuance.Events()).decision().reason());
        assertEquals(orders, front.newOrderPayloads().size());
    }
}
