package io.github.acmecertificate.jenkins.status;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import io.github.acmecertificate.core.CertificateDescription;
import io.github.acmecertificate.core.renewal.RenewalDecision.Reason;
import io.github.acmecertificate.core.store.RenewalState;
import io.github.acmecertificate.jenkins.challenge.TestChallenges;
import io.github.acmecertificate.jenkins.managed.LastRun;
import io.github.acmecertificate.jenkins.managed.ManagedCertificate;
import io.github.acmecertificate.jenkins.managed.ManagedCertificateTest;
import io.github.acmecertificate.jenkins.managed.CertificateSettings;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The status the certificates page and the monitor show, from a record and its kept state: the
 * same decision a run makes (the CA's advice for this certificate only, revocation, back-off),
 * without any credential or network.
 */
public class ManagedStatusTest {

    private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
    private static final String SERIAL = "3a0f";

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private ManagedStates states;

    @Before
    public void setUp() {
        states = new ManagedStates(temp.getRoot().toPath().resolve("state"));
    }

    private static ManagedCertificate record(String context, String renewBefore, boolean failed, String profile) {
        var template = new CertificateSettings(CertificateDescription.builder().name("web-tls").domains("example.test")
                .server("letsencrypt").acceptTermsOfService(true).account("acme-account-x")
                .keyType("ec-p256").renewBefore(renewBefore).challenge(TestChallenges.http01("127.0.0.1", 80))
                .profile(profile).build(), "team/site");
        var notBefore = NOW.minus(Duration.ofDays(10));
        return new ManagedCertificate(context, ManagedCertificateTest.certificate("web-tls", List.of("example.test"),
                "https://ca.example.test/dir", "ec-p256", notBefore, notBefore.plus(Duration.ofDays(90))),
                SERIAL, notBefore.plus(Duration.ofDays(60)), template,
                new LastRun(NOW.minus(Duration.ofHours(1)), "team/site #7", failed,
                failed ? "The CA could not validate" : "Renewed"));
    }

    private static String ariId(String serialHex) {
        var encoder = Base64.getUrlEncoder().withoutPadding();
        return encoder.encodeToString(new byte[] {1, 2, 3}) + "."
                + encoder.encodeToString(new BigInteger(serialHex, 16).toByteArray());
    }

    @Test
    public void aFreshCertificateIsHealthyWithItsLifetimeRenewalTime() {
        var status = ManagedStatus.of(record("", null, false, null), states, NOW);
        assertTrue(status.getProblems(), status.isHealthy());
        assertEquals(NOW.plus(Duration.ofDays(50)).toString(), status.getRenewAt());
        assertEquals("example.test", status.getNames());
        assertEquals("https://ca.example.test/dir", status.getCa());
        assertTrue(status.getLastRun(), status.getLastRun().endsWith("team/site #7: Renewed"));
        assertTrue(status.getLine(),
        status.getLine().startsWith("web-tls [example.test] from https://ca.example.test/dir"));
    }

    @Test
    public void renewBeforeOfTheTemplateCounts() {
        var status = ManagedStatus.of(record("", "P55D", false, null), states, NOW);
        assertEquals("80 days left, renew when 55 remain", NOW.plus(Duration.ofDays(25)).toString(),
                status.getRenewAt());
    }

    @Test
    public void theCasAdviceForThisCertificateCountsAndForAnotherDoesNot() throws Exception {
        var chosen = NOW.minus(Duration.ofMinutes(5));
        states.around(null, "team").saveState("web-tls", RenewalState.NONE.withRenewalInfo(ariId(SERIAL),
                NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(1)), chosen, NOW.plus(Duration.ofHours(6))));
        var record = record("team", null, false, null);
        assertEquals(Reason.CA_SUGGESTED, ManagedStatus.decide(record, states, NOW).reason());
        assertEquals(chosen.toString(), ManagedStatus.of(record, states, NOW).getRenewAt());
        assertTrue("another store's state is apart", ManagedStatus.of(record("", null, false, null), states, NOW)
                .isHealthy());

        states.around(null, "team").saveState("web-tls", RenewalState.NONE.withRenewalInfo(ariId("3a10"),
                NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(1)), chosen, NOW.plus(Duration.ofHours(6))));
        assertEquals(Reason.NOT_DUE, ManagedStatus.decide(record, states, NOW).reason());
    }

    @Test
    public void aRevocationAndAFailureAreShown() throws Exception {
        states.around(null, "").saveState("web-tls", RenewalState.NONE.withRevocation(NOW.minusSeconds(60),
                "keyCompromise"));
        var revoked = ManagedStatus.of(record("", null, false, null), states, NOW);
        assertEquals("revoked at " + NOW.minusSeconds(60) + " (keyCompromise)", revoked.getProblems());

        var failed = ManagedStatus.of(record("other", null, true, null), states, NOW);
        assertFalse(failed.isHealthy());
        assertTrue(failed.getProblems(), failed.getProblems().contains("the last run failed (team/site #7, "));
        assertTrue(failed.getProblems(), failed.getProblems().contains("The CA could not validate"));
    }

    @Test
    public void backOffMovesTheNextRenewalAndTheDecision() throws Exception {
        var old = new ManagedCertificate("", ManagedCertificateTest.certificate("web-tls", List.of("example.test"),
                "https://ca.example.test/dir", "ec-p256", NOW.minus(Duration.ofDays(70)),
                NOW.plus(Duration.ofDays(20))),
                SERIAL, NOW.minus(Duration.ofDays(10)), record("", null, false, null).template(),
                new LastRun(NOW, "x", false, "ok"));
        var next = NOW.plus(Duration.ofMinutes(100));
        states.around(null, "").saveState("web-tls", RenewalState.NONE.withFailure(NOW.minusSeconds(5), "boom", next));
        assertEquals(Reason.BACKING_OFF, ManagedStatus.decide(old, states, NOW).reason());
        assertEquals(next.toString(), ManagedStatus.of(old, states, NOW).getRenewAt());
    }

    @Test
    public void theProfileIsKeptInTheRecordAndIsTheStoredCertificatesProfile() {
        var record = record("", null, false, "shortlived");
        var read = ManagedCertificate.fromProperties(record.toProperties());
        assertEquals("shortlived", read.template().certificate().profile());
        assertEquals(Optional.of("shortlived"), read.metadata().profile());
        var properties = record.toProperties();
        properties.remove("template.profile");
        assertEquals("a record of an earlier version was ordered with the CA's default", Optional.of(""),
                ManagedCertificate.fromProperties(properties).metadata().profile());
    }
}
