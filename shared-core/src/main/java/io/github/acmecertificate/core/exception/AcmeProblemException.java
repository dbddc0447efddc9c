package io.github.acmecertificate.core.exception;

import java.time.Instant;
import java.util.Optional;

/**
 * The CA refused or failed a request, or could not be reached.
 *
 * <p>{@link #kind()} tells the cause apart so that callers can react (wait until
 * {@link #retryAfter()} after a rate limit, for instance); the message says what
 * happened and what to do.
 *
 * @since 0.1.0
 */
public class AcmeProblemException extends AcmeCertificateException {

    private static final long serialVersionUID = 1L;

    /** The causes that users meet, after RFC 8555 section 6.7, plus network failures. */
    public enum Kind {
        /** Too many requests: wait until {@link #retryAfter()}. */
        RATE_LIMITED,
        /** The account may not do this (wrong account, revoked, not authorized for a name). */
        UNAUTHORIZED,
        /** The CA could not resolve a name or found no usable record. */
        DNS,
        /** The CA could not connect to the server answering the challenge. */
        CONNECTION,
        /** A CAA record forbids this CA from issuing for a name. */
        CAA,
        /** The CA will not issue for this name (policy or block list). */
        REJECTED_IDENTIFIER,
        /** The CA refused the certificate signing request. */
        BAD_CSR,
        /** The CA's terms of service changed and must be agreed to again. */
        TERMS_CHANGED,
        /** The CA requires an external account binding (key id and HMAC key). */
        EXTERNAL_ACCOUNT_REQUIRED,
        /** The challenge answer was wrong or not found. */
        CHALLENGE_FAILED,
        /** The CA did not finish in the time allowed. */
        TIMEOUT,
        /** The CA could not be reached at all. */
        NETWORK,
        /** Any other problem the CA reported. */
        OTHER
    }

    private final Kind kind;
    private final transient Instant retryAfter;

    /**
     * Creates an exception.
     *
     * @param kind       the cause
     * @param message    what happened and what to do
     * @param retryAfter when a retry may succeed, or {@code null}
     * @param cause      the underlying exception, or {@code null}
     */
    public AcmeProblemException(Kind kind, String message, Instant retryAfter, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.retryAfter = retryAfter;
    }

    /**
     * Returns the cause of the problem.
     *
     * @return the kind
     */
    public Kind kind() {
        return kind;
    }

    /**
     * Returns when the CA said a retry may succeed (rate limits).
     *
     * @return the instant, if the CA gave one
     */
    public Optional<Instant> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
