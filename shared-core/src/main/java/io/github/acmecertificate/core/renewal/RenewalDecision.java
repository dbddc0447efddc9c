package io.github.acmecertificate.core.renewal;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether a certificate must be (re)issued now, why, and otherwise when it will be due.
 *
 * @param due    true when the run must order a certificate
 * @param reason why it is or is not due
 * @param dueAt  when the stored certificate becomes due, if there is one
 * @param detail a sentence for the log
 * @since 0.1.0
 */
public record RenewalDecision(boolean due, Reason reason, Optional<Instant> dueAt, String detail) {

    /** The reasons for a decision. */
    public enum Reason {
        /** Nothing is stored under this name yet. */
        NO_CERTIFICATE,
        /** The user asked to renew regardless of expiry. */
        FORCED,
        /** The stored certificate covers other names than requested. */
        NAMES_CHANGED,
        /** The stored certificate comes from another CA than requested. */
        CA_CHANGED,
        /** The stored certificate's key is of another type than requested. */
        KEY_TYPE_CHANGED,
        /** The stored certificate was ordered with another CA profile than requested. */
        PROFILE_CHANGED,
        /** The stored certificate has expired. */
        EXPIRED,
        /** The renewal window (a share of the lifetime, or {@code renewBefore}) has begun. */
        RENEWAL_WINDOW,
        /** The CA's suggested renewal window (ACME Renewal Information) has begun. */
        CA_SUGGESTED,
        /** The stored certificate is valid and not yet in its renewal window. */
        NOT_DUE,
        /** A renewal is due, but earlier attempts failed and the next one waits (back-off or the CA's Retry-After). */
        BACKING_OFF,
        /** The stored certificate was revoked. */
        REVOKED
    }

    /**
     * Creates a decision.
     *
     * @param due    whether to order now
     * @param reason why
     * @param dueAt  when the stored certificate becomes due
     * @param detail a sentence for the log
     */
    public RenewalDecision {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(dueAt, "dueAt");
        Objects.requireNonNull(detail, "detail");
    }
}
