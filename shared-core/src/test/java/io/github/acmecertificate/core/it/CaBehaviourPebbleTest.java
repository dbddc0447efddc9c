package io.github.acmecertificate.core.it;

import static io.github.acmecertificate.core.it.Issuance.assertChainsTo;
import static io.github.acmecertificate.core.it.Issuance.request;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import io.github.acmecertificate.core.CertificateProvisioner;
import io.github.acmecertificate.core.ProvisionResult.Outcome;
import io.github.acmecertificate.core.exception.AcmeProblemException;
import io.github.acmecertificate.core.exception.AcmeProblemException.Kind;
import io.github.acmecertificate.core.order.ChainSelector;
import io.github.acmecertificate.core.renewal.RenewalDecision.Reason;
import io.github.acmecertificate.core.store.FileStore;
import io.github.acmecertificate.testca.Pebble;
import io.github.acmecertificate.testca.PebbleInstalled;
import io.github.acmecertificate.testca.PebbleOptions;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** How the workflow copes with what real CAs do: rejected nonces, EAB, refusals, alternate chains, short lifetimes. */
public class CaBehaviourPebbleTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private FileStore store;
    private CertificateProvisioner provisioner;
    private final Issuance.Events events = new Issuance.Events();

    @Before
    public void setUp() {
        PebbleInstalled.assume();
        store = new FileStore(Issuance.storeIn(temp));
        provisioner = new CertificateProvisioner(store);
    }

    @Test
    public void issuesWhileTheCaRejectsThirtyPercentOfNonces() throws Exception {
        long calm;
        try (var pebble = Pebble.start()) {
            issueTen(pebble);
            calm = oneShotRequests(pebble);
        }
        try (var pebble = Pebble.start(PebbleOptions.defaults().withNonceRejectPercent(30))) {
            issueTen(pebble);
            // A request whose nonce is rejected reaches Pebble's log and is sent again, so the
            // requests a run sends once (new account, new order, finalize) outnumber those of the
            // same runs against a CA that rejects none. With 30 % of about 20 such requests
            // rejected, the chance that none was is below 0.1 %.
            long rejecting = oneShotRequests(pebble);
            assertTrue("rejected nonces were retried: " + rejecting + " one-shot requests against " + calm
                    + " without rejections", rejecting > calm);
        }
    }

    private void issueTen(Pebble pebble) throws Exception {
        var provisioner = new CertificateProvisioner(new FileStore(temp.newFolder().toPath()));
        for (int i = 0; i < 10; i++) {
            var result = provisioner.provision(request(pebble, "nonce" + i + ".test").build(), events);
            assertEquals(Outcome.ISSUED, result.outcome());
            assertChainsTo(result.bundle().chain(), pebble.issuingRoots().get(0));
        }
    }

    private static long oneShotRequests(Pebble pebble) {
        return pebble.requestCount("POST /sign-me-up") + pebble.requestCount("POST /order-plz")
                + pebble.requestCount("POST /finalize-order/");
    }

    @Test
    public void externalAccountBindingIsRequiredAndUsed() throws Exception {
        var hmac = Base64.getUrlEncoder().withoutPadding().encodeToString("a-32-byte-secret-for-hmac-sha256".getBytes());
        try (var pebble = Pebble.start(PebbleOptions.defaults().withExternalAccountBinding("kid-1", hmac))) {
            var ex = assertThrows(AcmeProblemException.class,
                    () -> provisioner.provision(request(pebble, "eab.test").build(), events));
            assertEquals(ex.getMessage(), Kind.EXTERNAL_ACCOUNT_REQUIRED, ex.kind());
            assertTrue(ex.getMessage(), ex.getMessage().contains("EAB key id and HMAC key"));

            var wrong = assertThrows(AcmeProblemException.class, () -> provisioner.provision(request(pebble, "eab.test")
                    .externalAccountBinding("kid-1", Base64.getUrlEncoder().withoutPadding()
                            .encodeToString("another-32-byte-secret-for-hmac!".getBytes())).build(), events));
            assertFalse("the HMAC key never shows in a message", wrong.getMessage().contains(hmac));

            var result = provisioner.provision(request(pebble, "eab.test").externalAccountBinding("kid-1", hmac).build(),
                    events);
            assertEquals(Outcome.ISSUED, result.outcome());
            assertFalse(events.text().contains(hmac));
        }
    }

    @Test
    public void refusedNameIsExplainedAndNothingIsStored() throws Exception {
        try (var pebble = Pebble.start(PebbleOptions.defaults().withBlockedDomain("blocked.test"))) {
            var ex = assertThrows(AcmeProblemException.class,
                    () -> provisioner.provision(request(pebble, "blocked.test").build(), events));
            assertEquals(ex.getMessage(), Kind.REJECTED_IDENTIFIER, ex.kind());
            assertTrue(ex.getMessage(), ex.getMessage().contains("remove it from domains"));
            assertTrue(store.load("blocked.test").isEmpty());
        }
    }

    @Test
    public void preferredChainPicksTheAlternateRoot() throws Exception {
        try (var pebble = Pebble.start(PebbleOptions.defaults().withAlternateRoots(1))) {
            var roots = pebble.issuingRoots();
            assertEquals(2, roots.size());
            var alternateCn = ChainSelector.commonName(roots.get(1).getSubjectX500Principal().getName()).orElseThrow();
            var result = provisioner.provision(request(pebble, "chain.test").preferredChain(alternateCn).build(), events);
            assertChainsTo(result.bundle().chain(), roots.get(1));
            assertTrue(events.text(), events.text().contains("Chose the chain issued by " + alternateCn));
            var defaultChain = provisioner.provision(request(pebble, "chain.test").force(true).build(), events);
            assertChainsTo(defaultChain.bundle().chain(), roots.get(0));
            var unknown = provisioner.provision(request(pebble, "chain.test").force(true)
                    .preferredChain("No Such Root").build(), events);
            assertChainsTo(unknown.bundle().chain(), roots.get(0));
            assertTrue(events.text().contains("No chain offered by the CA has an issuer named 'No Such Root'"));
        }
    }

    @Test
    public void shortLivedCertificateRenewsAtHalfItsLifetime() throws Exception {
        try (var pebble = Pebble.start(PebbleOptions.defaults().withCertificateValidity(Duration.ofSeconds(8)))) {
            var first = provisioner.provision(request(pebble, "short.test").build(), events);
            var certificate = first.bundle().certificate();
            var lifetime = Duration.between(certificate.getNotBefore().toInstant(), certificate.getNotAfter().toInstant());
            assertTrue("Pebble issued a short certificate: " + lifetime, lifetime.getSeconds() <= 9);
            assertTrue("a first issuance has nothing to be due", first.decision().dueAt().isEmpty());
            var second = provisioner.provision(request(pebble, "short.test").build(), events);
            // The second run follows the first within milliseconds, seconds before half of the lifetime.
            assertEquals(Outcome.NOT_DUE, second.outcome());
            var due = second.decision().dueAt().orElseThrow();
            assertEquals("due at half of the lifetime", certificate.getNotAfter().toInstant().minus(lifetime.dividedBy(2))
                    .getEpochSecond(), due.getEpochSecond());
            Thread.sleep(Math.max(0, Duration.between(Instant.now(), due).toMillis() + 50));
            var third = provisioner.provision(request(pebble, "short.test").build(), events);
            assertEquals(Outcome.RENEWED, third.outcome());
            assertEquals(Reason.RENEWAL_WINDOW, third.decision().reason());
            assertTrue(Files.exists(store.certificateDirectory("short.test").resolve(FileStore.FULLCHAIN)));
        }
    }

    @Test
    public void switchingCaRenews() throws Exception {
        try (var one = Pebble.start(); var two = Pebble.start()) {
            provisioner.provision(request(one, "move.test").build(), events);
            var moved = provisioner.provision(request(two, "move.test").build(), events);
            assertEquals(Reason.CA_CHANGED, moved.decision().reason());
            assertChainsTo(moved.bundle().chain(), two.issuingRoots().get(0));
        }
    }
}
