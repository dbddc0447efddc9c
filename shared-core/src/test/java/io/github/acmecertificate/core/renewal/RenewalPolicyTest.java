package io.github.acmecertificate.core.renewal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.github.acmecertificate.core.TestCertificates;
import io.github.acmecertificate.core.renewal.RenewalDecision.Reason;
import org.junit.Test;

public class RenewalPolicyTest {

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    private static X509Certificate certificate(Duration lifetime) throws Exception {
        return TestCertificates.selfSigned("example.com", START, START.plus(lifetime));
    }

    @Test
    public void ninetyDayCertificateIsDueWithAThirdLeft() throws Exception {
        var cert = certificate(Duration.ofDays(90));
        var policy = new RenewalPolicy(null, false);
        assertEquals(START.plus(Duration.ofDays(60)), policy.dueAt(cert));
        assertFalse(policy.decide(cert, START.plus(Duration.ofDays(59)), Optional.empty()).due());
        var due = policy.decide(cert, START.plus(Duration.ofDays(60)), Optional.empty());
        assertTrue(due.due());
        assertEquals(Reason.RENEWAL_WINDOW, due.reason());
    }

    @Test
    public void ruleScalesToFortyFiveDays() throws Exception {
        var cert = certificate(Duration.ofDays(45));
        assertEquals(START.plus(Duration.ofDays(30)), new RenewalPolicy(null, false).dueAt(cert));
    }

    @Test
    public void shortLivedCertificatesRenewAtHalfTheirLifetime() throws Exception {
        var sixDays = certificate(Duration.ofDays(6));
        assertEquals(START.plus(Duration.ofDays(3)), new RenewalPolicy(null, false).dueAt(sixDays));
        var tenDays = certificate(Duration.ofDays(10));
        assertEquals("ten days is not short-lived", START.plus(Duration.ofDays(10)).minus(Duration.ofDays(10).dividedBy(3))
                .truncatedTo(java.time.temporal.ChronoUnit.SECONDS), new RenewalPolicy(null, false).dueAt(tenDays));
    }

    @Test
    public void renewBeforeOnlyMovesTheDateEarlier() throws Exception {
        var cert = certificate(Duration.ofDays(90));
        assertEquals(START.plus(Duration.ofDays(50)), new RenewalPolicy(Duration.ofDays(40), false).dueAt(cert));
        assertEquals("a shorter renewBefore does not delay the rule",
                START.plus(Duration.ofDays(60)), new RenewalPolicy(Duration.ofDays(5), false).dueAt(cert));
    }

    @Test
    public void aRenewBeforeLongerThanTheLifetimeNeverMakesAFreshCertificateDue() throws Exception {
        var policy = new RenewalPolicy(Duration.ofDays(30), false);
        for (var lifetime : List.of(Duration.ofMinutes(10), Duration.ofHours(24), Duration.ofDays(6),
                Duration.ofDays(40))) {
            var cert = certificate(lifetime);
            var fresh = policy.decide(cert, START.plusSeconds(1), Optional.empty());
            assertFalse(lifetime + ": " + fresh.detail(), fresh.due());
            assertEquals(Reason.NOT_DUE, fresh.reason());
            var rule = new RenewalPolicy(null, false).dueAt(cert);
            assertEquals(lifetime + " renews by the lifetime rule", rule, policy.dueAt(cert));
            var warning = policy.cappedWarning(START, START.plus(lifetime)).orElseThrow();
            assertTrue(warning, warning.startsWith("renewBefore PT720H is more than two thirds of the certificate's "
                    + "lifetime"));
            assertTrue(warning, warning.contains("the lifetime rule applies instead"));
        }
        var ninety = certificate(Duration.ofDays(90));
        assertEquals("within two thirds it applies", START.plus(Duration.ofDays(60)), policy.dueAt(ninety));
        assertTrue(policy.cappedWarning(START, START.plus(Duration.ofDays(90))).isEmpty());
        assertTrue(new RenewalPolicy(null, false).cappedWarning(START, START.plusSeconds(600)).isEmpty());
    }

    @Test
    public void dueDateFromDatesAlone() throws Exception {
        var cert = certificate(Duration.ofDays(90));
        var policy = new RenewalPolicy(Duration.ofDays(40), false);
        assertEquals(policy.dueAt(cert), policy.dueAt(START, START.plus(Duration.ofDays(90))));
    }

    @Test
    public void forcedIsAlwaysDue() throws Exception {
        var cert = certificate(Duration.ofDays(90));
        var decision = new RenewalPolicy(null, true).decide(cert, START, Optional.empty());
        assertTrue(decision.due());
        assertEquals(Reason.FORCED, decision.reason());
    }

    @Test
    public void expiredIsDue() throws Exception {
        var cert = certificate(Duration.ofDays(90));
        var decision = new RenewalPolicy(null, false).decide(cert, START.plus(Duration.ofDays(91)), Optional.empty());
        assertEquals(Reason.EXPIRED, decision.reason());
    }

    @Test
    public void caWindowMakesItDueEarlier() throws Exception {
        var cert = certificate(Duration.ofDays(90));
        var window = new RenewalWindow(START.plus(Duration.ofDays(20)), START.plus(Duration.ofDays(22)));
        var decision = new RenewalPolicy(null, false).decide(cert, START.plus(Duration.ofDays(21)), Optional.of(window));
        assertTrue(decision.due());
        assertEquals(Reason.CA_SUGGESTED, decision.reason());
        assertEquals(Optional.of(window.start()), decision.dueAt());
    }

    @Test
    public void notDueSaysWhenItWillBe() throws Exception {
        var cert = certificate(Duration.ofDays(90));
        var decision = new RenewalPolicy(null, false).decide(cert, START.plus(Duration.ofDays(1)), Optional.empty());
        assertFalse(decision.due());
        assertEquals(Optional.of(START.plus(Duration.ofDays(60))), decision.dueAt());
        assertTrue(decision.detail(), decision.detail().contains(START.plus(Duration.ofDays(60)).toString()));
    }
}
