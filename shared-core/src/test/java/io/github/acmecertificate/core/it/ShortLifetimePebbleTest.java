package io.github.acmecertificate.core.it;

import static io.github.acmecertificate.core.it.Issuance.request;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.Duration;

import io.github.acmecertificate.core.CertificateProvisioner;
import io.github.acmecertificate.core.ProvisionResult.Outcome;
import io.github.acmecertificate.core.event.ProgressEvent.Stage;
import io.github.acmecertificate.core.store.FileStore;
import io.github.acmecertificate.testca.PebbleOptions;
import io.github.acmecertificate.testca.PebbleResource;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * A CA that issues 10-minute certificates (Pebble's certificateValidityPeriod) and a
 * renewBefore of 30 days: a fresh certificate is not ordered again.
 */
public class ShortLifetimePebbleTest {

    @ClassRule
    public static PebbleResource pebble = new PebbleResource(PebbleOptions.defaults()
            .withCertificateValidity(Duration.ofMinutes(10)));

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    @Test
    public void aRenewBeforeLongerThanTheLifetimeDoesNotOrderOnEveryRun() throws Exception {
        var provisioner = new CertificateProvisioner(new FileStore(Issuance.storeIn(temp)));
        var events = new Issuance.Events();
        var first = provisioner.provision(request(pebble.get(), "short.test").renewBefore("P30D").build(), events);
        assertEquals(Outcome.ISSUED, first.outcome());
        var lifetime = Duration.between(first.bundle().metadata().notBefore(), first.bundle().metadata().notAfter());
        assertTrue("Pebble issued a short certificate: " + lifetime, lifetime.compareTo(Duration.ofMinutes(11)) < 0);
        long orders = pebble.get().requestCount("POST /order-plz");
        long requests = pebble.get().requestCount("");

        for (int run = 0; run < 3; run++) {
            var again = provisioner.provision(request(pebble.get(), "short.test").renewBefore("P30D").build(), events);
            assertEquals(again.decision().detail(), Outcome.NOT_DUE, again.outcome());
        }

        assertEquals("no new order", orders, pebble.get().requestCount("POST /order-plz"));
        assertEquals("not a single request reached the CA", requests, pebble.get().requestCount(""));
        assertTrue(events.text(), events.has(Stage.WARNING));
        assertTrue(events.text(), events.text().contains("renewBefore PT720H is more than two thirds of the "
                + "certificate's lifetime"));
    }
}
