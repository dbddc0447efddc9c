package io.github.acmecertificate.core.order;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import io.github.acmecertificate.core.exception.InvalidInputException;

/**
 * Why a certificate is revoked: the RFC 5280 reason codes an ACME CA accepts (Let's Encrypt
 * takes these five).
 *
 * @since 0.1.0
 */
public enum RevocationReason {
    /** No reason given (code 0). */
    UNSPECIFIED("unspecified", 0),
    /** The certificate's private key was lost or disclosed (code 1). */
    KEY_COMPROMISE("keyCompromise", 1),
    /** The names or the organisation changed (code 3). */
    AFFILIATION_CHANGED("affiliationChanged", 3),
    /** A new certificate replaces this one (code 4). */
    SUPERSEDED("superseded", 4),
    /** The names are no longer in use (code 5). */
    CESSATION_OF_OPERATION("cessationOfOperation", 5);

    private final String id;
    private final int code;

    RevocationReason(String id, int code) {
        this.id = id;
        this.code = code;
    }

    /**
     * Returns the reason's name as RFC 5280 writes it.
     *
     * @return e.g. {@code keyCompromise}
     */
    public String id() {
        return id;
    }

    /**
     * Returns the RFC 5280 reason code.
     *
     * @return e.g. 1
     */
    public int code() {
        return code;
    }

    /**
     * Parses a reason by name (any case, with or without hyphens) or by code.
     *
     * @param value e.g. {@code keyCompromise}, {@code key-compromise} or {@code 1}; blank for unspecified
     * @return the reason
     * @throws InvalidInputException naming {@code reason}
     */
    public static RevocationReason parse(String value) throws InvalidInputException {
        if (value == null || value.isBlank()) {
            return UNSPECIFIED;
        }
        var wanted = value.strip().replace("-", "").replace("_", "").toLowerCase(Locale.ROOT);
        for (var reason : values()) {
            if (reason.id.toLowerCase(Locale.ROOT).equals(wanted) || Integer.toString(reason.code).equals(wanted)) {
                return reason;
            }
        }
        throw new InvalidInputException("reason", "'" + value + "' is not a revocation reason. Use one of "
                + Arrays.stream(values()).map(r -> r.id + " (" + r.code + ")").collect(Collectors.joining(", ")));
    }

    org.shredzone.acme4j.RevocationReason toAcme() {
        return org.shredzone.acme4j.RevocationReason.code(code);
    }
}
