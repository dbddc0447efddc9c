package io.github.acmecertificate.core.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What runs remember about a managed certificate between them, beside the certificate itself:
 * the CA's renewal information (ACME Renewal Information, RFC 9773) and when to ask again,
 * the last run's result, failed attempts and the back-off they impose, and a revocation.
 *
 * <p>The renewal-information fields describe the certificate named by
 * {@link #ariCertificateId()}; once that certificate is replaced they no longer apply.
 *
 * @param ariCertificateId   the ARI certificate ID the {@code ari*} fields describe
 * @param ariWindowStart     the start of the window the CA suggested
 * @param ariWindowEnd       the end of that window
 * @param ariChosenTime      the random time inside the window chosen for the renewal
 * @param ariNextCheck       when to ask the CA again (from its Retry-After)
 * @param lastRun            when a run last decided about this certificate
 * @param lastResult         what that run did: {@code issued}, {@code renewed}, {@code not-due}, {@code failed}
 * @param lastError          why the last attempt failed, when it did
 * @param failures           failed attempts since the last success
 * @param nextAttempt        no new attempt before this (back-off after failures, or the CA's Retry-After)
 * @param revokedAt          when the stored certificate was revoked
 * @param revocationReason   why, as an RFC 5280 reason name
 * @since 0.1.0
 */
public record RenewalState(Optional<String> ariCertificateId, Optional<Instant> ariWindowStart,
        Optional<Instant> ariWindowEnd, Optional<Instant> ariChosenTime, Optional<Instant> ariNextCheck,
        Optional<Instant> lastRun, Optional<String> lastResult, Optional<String> lastError, int failures,
        Optional<Instant> nextAttempt, Optional<Instant> revokedAt, Optional<String> revocationReason) {

    /** Nothing remembered yet. */
    public static final RenewalState NONE = new RenewalState(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 0,
            Optional.empty(), Optional.empty(), Optional.empty());

    /** The result recorded after a failed attempt. */
    public static final String FAILED = "failed";

    /**
     * Creates a state.
     *
     * @param ariCertificateId the ARI certificate ID
     * @param ariWindowStart   the suggested start
     * @param ariWindowEnd     the suggested end
     * @param ariChosenTime    the chosen renewal time
     * @param ariNextCheck     when to ask again
     * @param lastRun          when the last run decided
     * @param lastResult       what it did
     * @param lastError        why it failed
     * @param failures         failures since the last success, not negative
     * @param nextAttempt      no attempt before this
     * @param revokedAt        when revoked
     * @param revocationReason why revoked
     */
    public RenewalState {
        Objects.requireNonNull(ariCertificateId, "ariCertificateId");
        Objects.requireNonNull(ariWindowStart, "ariWindowStart");
        Objects.requireNonNull(ariWindowEnd, "ariWindowEnd");
        Objects.requireNonNull(ariChosenTime, "ariChosenTime");
        Objects.requireNonNull(ariNextCheck, "ariNextCheck");
        Objects.requireNonNull(lastRun, "lastRun");
        Objects.requireNonNull(lastResult, "lastResult");
        Objects.requireNonNull(lastError, "lastError");
        Objects.requireNonNull(nextAttempt, "nextAttempt");
        Objects.requireNonNull(revokedAt, "revokedAt");
        Objects.requireNonNull(revocationReason, "revocationReason");
        if (failures < 0) {
            throw new IllegalArgumentException("failures must not be negative");
        }
    }

    /**
     * Returns this state with new renewal information for a certificate.
     *
     * @param certificateId the ARI certificate ID
     * @param windowStart   the suggested start, or {@code null} when the CA offers none
     * @param windowEnd     the suggested end, or {@code null}
     * @param chosenTime    the chosen renewal time, or {@code null}
     * @param nextCheck     when to ask the CA again
     * @return the new state
     */
    public RenewalState withRenewalInfo(String certificateId, Instant windowStart, Instant windowEnd,
            Instant chosenTime, Instant nextCheck) {
        return new RenewalState(Optional.of(certificateId), Optional.ofNullable(windowStart),
                Optional.ofNullable(windowEnd), Optional.ofNullable(chosenTime), Optional.of(nextCheck),
                lastRun, lastResult, lastError, failures, nextAttempt, revokedAt, revocationReason);
    }

    /**
     * Returns this state after a run that succeeded or found nothing to do. A new certificate
     * ({@code issued}, {@code renewed}) clears the renewal information, the failures and any
     * revocation, which all belonged to the certificate it replaced.
     *
     * @param at     when
     * @param result {@code issued}, {@code renewed} or {@code not-due}
     * @return the new state
     */
    public RenewalState withResult(Instant at, String result) {
        if ("not-due".equals(result)) {
            return new RenewalState(ariCertificateId, ariWindowStart, ariWindowEnd, ariChosenTime, ariNextCheck,
                    Optional.of(at), Optional.of(result), lastError, failures, nextAttempt, revokedAt,
                    revocationReason);
        }
        return new RenewalState(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.of(at), Optional.of(result), Optional.empty(), 0, Optional.empty(),
                Optional.empty(), Optional.empty());
    }

    /**
     * Returns this state after a failed attempt.
     *
     * @param at          when
     * @param error       why, as a sentence (never a secret)
     * @param nextAttempt no new attempt before this
     * @return the new state, with one more failure
     */
    public RenewalState withFailure(Instant at, String error, Instant nextAttempt) {
        return new RenewalState(ariCertificateId, ariWindowStart, ariWindowEnd, ariChosenTime, ariNextCheck,
                Optional.of(at), Optional.of(FAILED), Optional.of(error), failures + 1, Optional.of(nextAttempt),
                revokedAt, revocationReason);
    }

    /**
     * Returns this state with the stored certificate revoked.
     *
     * @param at     when
     * @param reason the reason's name
     * @return the new state
     */
    public RenewalState withRevocation(Instant at, String reason) {
        return new RenewalState(ariCertificateId, ariWindowStart, ariWindowEnd, ariChosenTime, ariNextCheck,
                lastRun, lastResult, lastError, failures, nextAttempt, Optional.of(at), Optional.of(reason));
    }

    /**
     * Tells whether the last attempt failed.
     *
     * @return true after a failure not yet followed by a success
     */
    public boolean lastFailed() {
        return failures > 0 && lastResult.map(FAILED::equals).orElse(false);
    }
}
