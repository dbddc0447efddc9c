package io.github.acmecertificate.core.renewal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import io.github.acmecertificate.core.TestCertificates;
import io.github.acmecertificate.core.renewal.RenewalDecision.Reason;
import org.junit.Test;

/** The CA's suggested window and the back-off after failures, as RenewalPolicy decides them. */
public class RenewalAdviceAndBackOffTest {

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private final RenewalPolicy policy = new RenewalPolicy(null, false);

    private static X509Certificate ninetyDays() throws Exception {
        return TestCertificates.selfSigned("example.com", START, START.plus(Duration.ofDays(90)));
    }

    private static SuggestedRenewal advice(int startDay, int endDay, Instant chosen) {
        return new SuggestedRenewal(new RenewalWindow(START.plus(Duration.ofDays(startDay)),
                START.plus(Duration.ofDays(endDay))), chosen);
    }

    @Test
    public void dueOnceTheChosenTimeInsideTheCasWindowHasPassed() throws Exception {
        var chosen = START.plus(Duration.ofDays(20)).plusSeconds(1234);
        var suggested = advice(19, 21, chosen);
        var before = policy.decide(ninetyDays(), chosen.minusSeconds(1), suggested);
        assertFalse(before.due());
        assertEquals(Optional.of(chosen), before.dueAt());
        assertTrue(before.detail(), before.detail().contains("the CA suggests renewing between"));

        var after = policy.decide(ninetyDays(), chosen, suggested);
        assertTrue(after.due());
        assertEquals(Reason.CA_SUGGESTED, after.reason());
    }

    @Test
    public void theLifetimeRuleStillAppliesWhenTheCasWindowIsLater() throws Exception {
        var late = advice(80, 85, START.plus(Duration.ofDays(82)));
        var decision = policy.decide(ninetyDays(), START.plus(Duration.ofDays(61)), late);
        assertTrue(decision.due());
        assertEquals(Reason.RENEWAL_WINDOW, decision.reason());
        assertEquals(Optional.of(START.plus(Duration.ofDays(60))),
                policy.decide(ninetyDays(), START.plus(Duration.ofDays(1)), late).dueAt());
    }

    @Test
    public void backOffGrowsFromAMinuteToADay() {
        assertEquals(Duration.ofMinutes(1), RenewalPolicy.backOffAfter(1));
        assertEquals(Duration.ofMinutes(10), RenewalPolicy.backOffAfter(2));
        assertEquals(Duration.ofMinutes(100), RenewalPolicy.backOffAfter(3));
        assertEquals(Duration.ofDays(1), RenewalPolicy.backOffAfter(4));
        assertEquals(Duration.ofDays(1), RenewalPolicy.backOffAfter(40));
    }

    @Test
    public void aDueRenewalWaitsAfterAFailureUntilTheNextAttempt() throws Exception {
        var now = START.plus(Duration.ofDays(70));
        var due = policy.decide(ninetyDays(), now, Optional.empty());
        assertTrue(due.due());
        var next = now.plus(Duration.ofMinutes(10));

        var held = policy.backOff(due, now, 2, Optional.of(next));
        assertFalse(held.due());
        assertEquals(Reason.BACKING_OFF, held.reason());
        assertEquals(Optional.of(next), held.dueAt());
        assertTrue(held.detail(), held.detail().contains("the last 2 attempts failed"));
        assertTrue(held.detail(), held.detail().contains("force"));

        assertTrue("due again once the wait is over", policy.backOff(due, next, 2, Optional.of(next)).due());
        assertTrue("no failures, no wait", policy.backOff(due, now, 0, Optional.of(next)).due());
    }

    @Test
    public void forceAndUserChangesAreNeverHeldBack() throws Exception {
        var now = START.plus(Duration.ofDays(70));
        var next = Optional.of(now.plus(Duration.ofDays(1)));
        var forced = new RenewalPolicy(null, true);
        assertTrue(forced.backOff(forced.decide(ninetyDays(), now, Optional.empty()), now, 5, next).due());
        var namesChanged = new RenewalDecision(true, Reason.NAMES_CHANGED, Optional.empty(), "names changed");
        assertTrue(policy.backOff(namesChanged, now, 5, next).due());
    }
}
