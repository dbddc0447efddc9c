package io.github.acmecertificate.core.renewal;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import io.github.acmecertificate.core.ca.StagingCas;
import io.github.acmecertificate.core.config.Durations;
import io.github.acmecertificate.core.exception.InvalidInputException;
import io.github.acmecertificate.core.renewal.RenewalDecision.Reason;
import io.github.acmecertificate.core.store.RenewalState;

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

    // ---- the CA's advice (ACME Renewal Information) and back-off after failures ---------

    /** How long to wait before asking the CA for renewal information again when it sends no Retry-After. */
    public static final Duration RENEWAL_INFO_INTERVAL = Duration.ofHours(6);
    /** The longest wait between two renewal-information checks, whatever Retry-After says. */
    public static final Duration RENEWAL_INFO_MAX_INTERVAL = Duration.ofDays(1);
    /** The shortest wait between two renewal-information checks, whatever Retry-After says. */
    public static final Duration RENEWAL_INFO_MIN_INTERVAL = Duration.ofMinutes(1);
    /** How long to wait before asking again after a renewal-information request failed. */
    public static final Duration RENEWAL_INFO_RETRY = Duration.ofHours(1);
    /** How often to look again whether a CA without renewal information has started to offer it. */
    public static final Duration RENEWAL_INFO_ABSENT_INTERVAL = Duration.ofDays(1);

    /**
     * Decides about a stored certificate with the CA's renewal advice: it is due once the time
     * chosen inside the CA's window has passed, or once the lifetime rule says so, whichever
     * comes first. The lifetime rule stays as a safety net should the CA's window be late.
     *
     * @param certificate the stored leaf certificate
     * @param now         the current time
     * @param suggested   the CA's window and the time chosen in it
     * @return the decision
     */
    public RenewalDecision decide(X509Certificate certificate, Instant now, SuggestedRenewal suggested) {
        return decide(certificate.getNotBefore().toInstant(), certificate.getNotAfter().toInstant(), now, suggested);
    }

    /**
     * Decides with the CA's renewal advice from a certificate's validity dates alone, as
     * {@link #decide(X509Certificate, Instant, SuggestedRenewal)} does.
     *
     * @param notBefore the start of validity
     * @param notAfter  the end of validity
     * @param now       the current time
     * @param suggested the CA's window and the time chosen in it
     * @return the decision
     * @since 0.1.0
     */
    public RenewalDecision decide(Instant notBefore, Instant notAfter, Instant now, SuggestedRenewal suggested) {
        var lifetime = decide(notBefore, notAfter, now, Optional.empty());
        if (lifetime.due()) {
            return lifetime;
        }
        var window = suggested.window();
        var chosen = suggested.chosenTime().truncatedTo(ChronoUnit.SECONDS);
        var advice = "the CA suggests renewing between " + window.start() + " and " + window.end();
        if (!now.isBefore(chosen)) {
            return new RenewalDecision(true, Reason.CA_SUGGESTED, Optional.of(chosen),
                    advice + ", and the time chosen in that window, " + chosen + ", has passed");
        }
        var dueAt = lifetime.dueAt().filter(d -> d.isBefore(chosen)).orElse(chosen);
        return new RenewalDecision(false, Reason.NOT_DUE, Optional.of(dueAt), "the certificate is valid until "
                + notAfter + "; " + advice + "; renewal is due from " + dueAt);
    }

    /**
     * Decides about a stored certificate from what is kept beside it, the one rule that every
     * run, scan and status report applies once the request's names, CA, key type and profile
     * match: a revoked certificate is due at once; otherwise the CA's renewal advice (when the
     * kept advice is about this certificate) and the lifetime rule decide, whichever comes
     * first; and a due renewal waits while earlier attempts {@link #backOff back off}.
     *
     * @param notBefore     the certificate's start of validity
     * @param notAfter      its end of validity
     * @param certificateId its renewal information identifier, if known
     * @param state         what runs remember about it
     * @param now           the current time
     * @return the decision
     * @since 0.1.0
     */
    public RenewalDecision decide(Instant notBefore, Instant notAfter, Optional<String> certificateId,
            RenewalState state, Instant now) {
        var revoked = revoked(state.revokedAt(), state.revocationReason(), Optional.of(dueAt(notBefore, notAfter)));
        if (revoked.isPresent()) {
            return revoked.get();
        }
        var suggested = certificateId.flatMap(id -> RenewalInfoCheck.suggestion(state, id));
        var decision = suggested.isPresent() ? decide(notBefore, notAfter, now, suggested.get())
                : decide(notBefore, notAfter, now, Optional.empty());
        return backOff(decision, now, state.failures(), state.nextAttempt());
    }

    /**
     * Holds back a due renewal while earlier attempts failed, so a broken setup does not hammer
     * the CA: after one failure the next attempt waits about a minute, then ten, then a hundred,
     * then a day (Let's Encrypt's integration guide), or longer when the CA said when to retry.
     * A forced renewal, and a change the user made (names, CA, key type), are never held back.
     *
     * @param decision    the decision without back-off
     * @param now         the current time
     * @param failures    failed attempts since the last success
     * @param nextAttempt no attempt before this, as recorded after the last failure
     * @return the decision, or a not-due one with {@link Reason#BACKING_OFF}
     */
    public RenewalDecision backOff(RenewalDecision decision, Instant now, int failures, Optional<Instant> nextAttempt) {
        if (!decision.due() || force || failures == 0 || nextAttempt.isEmpty() || !now.isBefore(nextAttempt.get())) {
            return decision;
        }
        var automatic = decision.reason() == Reason.EXPIRED || decision.reason() == Reason.RENEWAL_WINDOW
                || decision.reason() == Reason.CA_SUGGESTED;
        if (!automatic) {
            return decision;
        }
        return new RenewalDecision(false, Reason.BACKING_OFF, nextAttempt, decision.detail() + ", but "
                + (failures == 1 ? "the last attempt" : "the last " + failures + " attempts") + " failed; the next "
                + "attempt waits until " + nextAttempt.get() + " (run with force to try now)");
    }

    /**
     * Returns how long to wait after a number of consecutive failures: 1 minute, 10 minutes,
     * 100 minutes, then a day.
     *
     * @param failures failed attempts in a row, at least 1
     * @return the wait before the next attempt
     */
    public static Duration backOffAfter(int failures) {
        return switch (Math.max(1, failures)) {
            case 1 -> Duration.ofMinutes(1);
            case 2 -> Duration.ofMinutes(10);
            case 3 -> Duration.ofMinutes(100);
            default -> Duration.ofDays(1);
        };
    }

    /**
     * Returns when to ask the CA for renewal information again: when its Retry-After says,
     * kept between {@link #RENEWAL_INFO_MIN_INTERVAL} and {@link #RENEWAL_INFO_MAX_INTERVAL},
     * or after {@link #RENEWAL_INFO_INTERVAL} when it sent none.
     *
     * @param now        the current time
     * @param retryAfter the wait the CA's Retry-After asked for, if it sent one
     * @return the time of the next check
     */
    public static Instant nextRenewalInfoCheck(Instant now, Optional<Duration> retryAfter) {
        var wait = retryAfter.orElse(RENEWAL_INFO_INTERVAL);
        if (wait.compareTo(RENEWAL_INFO_MIN_INTERVAL) < 0) {
            wait = RENEWAL_INFO_MIN_INTERVAL;
        } else if (wait.compareTo(RENEWAL_INFO_MAX_INTERVAL) > 0) {
            wait = RENEWAL_INFO_MAX_INTERVAL;
        }
        return now.plus(wait);
    }

    /**
     * Decides about a stored certificate that was revoked: it is due at once, whatever its
     * dates say, since no client should trust it any more.
     *
     * @param revokedAt when it was revoked, if it was
     * @param reason    why
     * @param dueAt     when it would have been due otherwise
     * @return a due decision, or empty when it was not revoked
     */
    public Optional<RenewalDecision> revoked(Optional<Instant> revokedAt, Optional<String> reason,
            Optional<Instant> dueAt) {
        return revokedAt.map(at -> new RenewalDecision(true, Reason.REVOKED, dueAt, "the stored certificate was "
                + "revoked at " + at + " (" + reason.orElse("unspecified") + ")"));
    }

    // ---- the guard against an untrusted replacement -------------------------------------

    /**
     * Refuses to replace a certificate from a trusted CA with one from a staging or test CA
     * (see {@link StagingCas}) unless renewal is forced: switching the server to
     * {@code letsencrypt-staging} by mistake must not put a certificate no browser trusts on
     * production servers. The other way round, staging to production, is always allowed.
     *
     * @param name        the certificate's name, for the message
     * @param storedCa    the directory URL the stored certificate came from
     * @param requestedCa the directory URL of the CA now requested
     * @throws InvalidInputException naming {@code server}, saying how to proceed
     */
    public void checkCaChange(String name, String storedCa, String requestedCa) throws InvalidInputException {
        if (force || StagingCas.isStaging(storedCa) || !StagingCas.isStaging(requestedCa)) {
            return;
        }
        throw new InvalidInputException("server", "the stored certificate " + name + " comes from " + storedCa
                + ", a trusted CA, but " + requestedCa + " is a staging or test CA whose certificates browsers do "
                + "not trust. Nothing was replaced. Set server back to the trusted CA; or keep staging "
                + "certificates under another name; or, to replace it on purpose, run once with force");
    }
}
