package io.github.acmecertificate.core.renewal;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import io.github.acmecertificate.core.renewal.RenewalDecision.Reason;

/**
 * Decides when a certificate is due for renewal.
 *
 * <p>The rule scales with the certificate's lifetime instead of counting days, so it stays
 * right as lifetimes shrink from 90 to 45 days and for 6-day certificates: a certificate
 * is due once less than a third of its lifetime remains, or less than half for lifetimes
 * under ten days (short-lived certificates need more slack for a failed attempt to be
 * retried). A user may ask to renew earlier ({@code renewBefore}: renew when less than
 * that remains), or always ({@code force}). A window suggested by the CA (ACME Renewal
 * Information) makes the certificate due once the window starts.
 *
 * @since 0.1.0
 */
public final class RenewalPolicy {

    /** Lifetimes shorter than this renew at half of their lifetime instead of a third. */
    public static final Duration SHORT_LIVED = Duration.ofDays(10);

    private final Duration renewBefore;
    private final boolean force;

    /**
     * Creates a policy.
     *
     * @param renewBefore renew when less than this remains, even if the lifetime rule says
     *                    later; {@code null} for the lifetime rule alone
     * @param force       renew on every run
     */
    public RenewalPolicy(Duration renewBefore, boolean force) {
        if (renewBefore != null && (renewBefore.isNegative() || renewBefore.isZero())) {
            throw new IllegalArgumentException("renewBefore must be positive");
        }
        this.renewBefore = renewBefore;
        this.force = force;
    }

    /**
     * Returns when the certificate becomes due under this policy, ignoring any CA window.
     *
     * @param certificate the certificate
     * @return the instant it becomes due
     */
    public Instant dueAt(X509Certificate certificate) {
        return dueAt(certificate.getNotBefore().toInstant(), certificate.getNotAfter().toInstant());
    }

    /**
     * Returns when a certificate with this validity becomes due under this policy, for
     * callers that keep the dates rather than the certificate.
     *
     * @param notBefore the start of validity
     * @param notAfter  the end of validity
     * @return the instant it becomes due
     */
    public Instant dueAt(Instant notBefore, Instant notAfter) {
        var lifetime = Duration.between(notBefore, notAfter);
        var remaining = lifetime.compareTo(SHORT_LIVED) < 0 ? lifetime.dividedBy(2) : lifetime.dividedBy(3);
        var due = notAfter.minus(remaining);
        if (renewBefore != null) {
            var early = notAfter.minus(renewBefore);
            if (early.isBefore(due)) {
                due = early;
            }
        }
        return due.truncatedTo(ChronoUnit.SECONDS);
    }

    /**
     * Decides about a stored certificate that covers the requested names, comes from the
     * requested CA and has the requested key type (callers check those first and decide
     * {@link Reason#NAMES_CHANGED} and friends themselves).
     *
     * @param certificate the stored leaf certificate
     * @param now         the current time
     * @param caWindow    a renewal window suggested by the CA, if one is known
     * @return the decision
     */
    public RenewalDecision decide(X509Certificate certificate, Instant now, Optional<RenewalWindow> caWindow) {
        return decide(certificate.getNotBefore().toInstant(), certificate.getNotAfter().toInstant(), now, caWindow);
    }

    /**
     * Decides from a certificate's validity dates alone, as kept in its metadata: a scan over
     * many stored certificates need not parse any of them.
     *
     * @param notBefore the start of validity
     * @param notAfter  the end of validity
     * @param now       the current time
     * @param caWindow  a renewal window suggested by the CA, if one is known
     * @return the decision
     * @since 0.1.0
     */
    public RenewalDecision decide(Instant notBefore, Instant notAfter, Instant now,
            Optional<RenewalWindow> caWindow) {
        var dueAt = dueAt(notBefore, notAfter);
        if (caWindow.isPresent() && caWindow.get().start().isBefore(dueAt)) {
            dueAt = caWindow.get().start();
        }
        if (force) {
            return new RenewalDecision(true, Reason.FORCED, Optional.of(dueAt), "renewal forced");
        }
        if (!now.isBefore(notAfter)) {
            return new RenewalDecision(true, Reason.EXPIRED, Optional.of(dueAt), "the certificate expired at " + notAfter);
        }
        if (!now.isBefore(dueAt)) {
            var reason = caWindow.isPresent() && !now.isBefore(caWindow.get().start())
                    ? Reason.CA_SUGGESTED : Reason.RENEWAL_WINDOW;
            return new RenewalDecision(true, reason, Optional.of(dueAt),
                    "the certificate expires at " + notAfter + " and was due for renewal from " + dueAt);
        }
        return new RenewalDecision(false, Reason.NOT_DUE, Optional.of(dueAt),
                "the certificate is valid until " + notAfter + "; renewal is due from " + dueAt);
    }

    /**
     * Tells whether every run renews.
     *
     * @return true when forced
     */
    public boolean forced() {
        return force;
    }
}
