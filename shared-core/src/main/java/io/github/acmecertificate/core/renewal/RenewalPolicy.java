package io.github.acmecertificate.core.renewal;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import io.github.acmecertificate.core.config.Durations;
import io.github.acmecertificate.core.renewal.RenewalDecision.Reason;

/**
 * Decides when a certificate is due for renewal.
 *
 * <p>The rule scales with the certificate's lifetime instead of counting days, so it stays
 * right as lifetimes shrink from 90 to 45 days and for 6-day certificates: a certificate
 * is due once less than a third of its lifetime remains, or less than half for lifetimes
 * under ten days (short-lived certificates need more slack for a failed attempt to be
 * retried). A user may ask to renew earlier ({@code renewBefore}: renew when less than
 * that remains, as long as that is at most two thirds of the lifetime; a longer one would
 * renew on every run and is replaced by the lifetime rule, see {@link #cappedWarning}), or
 * always ({@code force}). A window suggested by the CA (ACME Renewal
 * Information) makes the certificate due once the window starts.
 *
 * @since 0.1.0
 */
public final class RenewalPolicy {

    /** Lifetimes shorter than this renew at half of their lifetime instead of a third. */
    public static final Duration SHORT_LIVED = Duration.ofDays(10);

    /** The largest share of a lifetime {@code renewBefore} may ask for: two thirds. */
    private static final int MAX_RENEW_BEFORE_SHARE_NUMERATOR = 2;
    private static final int MAX_RENEW_BEFORE_SHARE_DENOMINATOR = 3;

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
        if (renewBefore != null && !capped(lifetime)) {
            var early = notAfter.minus(renewBefore);
            if (early.isBefore(due)) {
                due = early;
            }
        }
        return due.truncatedTo(ChronoUnit.SECONDS);
    }

    /**
     * Tells why {@code renewBefore} is not applied to a certificate with this validity, for
     * a warning: it is longer than two thirds of the lifetime, so a
     * certificate would be due almost as soon as issued (with {@code P30D} and a 6-day
     * certificate, on every run until the CA's rate limits stop it). The lifetime rule
     * applies instead.
     *
     * @param notBefore the start of validity
     * @param notAfter  the end of validity
     * @return the warning, or empty when {@code renewBefore} applies or is not set
     * @since 0.1.0
     */
    public Optional<String> cappedWarning(Instant notBefore, Instant notAfter) {
        var lifetime = Duration.between(notBefore, notAfter);
        if (renewBefore == null || !capped(lifetime)) {
            return Optional.empty();
        }
        return Optional.of("renewBefore " + renewBefore + " is more than two thirds of the certificate's lifetime ("
                + Durations.format(lifetime) + "), so every run would renew it: the lifetime rule applies instead ("
                + (lifetime.compareTo(SHORT_LIVED) < 0 ? "renew when half of the lifetime is left"
                        : "renew when a third of the lifetime is left")
                + "). Lower renewBefore, or leave it out");
    }

    private boolean capped(Duration lifetime) {
        return renewBefore != null && renewBefore.compareTo(lifetime.multipliedBy(MAX_RENEW_BEFORE_SHARE_NUMERATOR)
                .dividedBy(MAX_RENEW_BEFORE_SHARE_DENOMINATOR)) > 0;
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
        var notAfter = certificate.getNotAfter().toInstant();
        var dueAt = dueAt(certificate);
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
