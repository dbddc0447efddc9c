package io.github.acmecertificate.core;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import io.github.acmecertificate.core.renewal.RenewalDecision;
import io.github.acmecertificate.core.store.CertificateBundle;

/**
 * The outcome of one run: what was done, and the certificate that is now current.
 *
 * @param outcome  issued, renewed or not due
 * @param bundle   the current certificate (new, or the stored one when not due)
 * @param decision the renewal decision that led here
 * @param location where the certificate is stored, for the log
 * @since 0.1.0
 */
public record ProvisionResult(Outcome outcome, CertificateBundle bundle, RenewalDecision decision, String location) {

    /** What a run did. */
    public enum Outcome {
        /** A first certificate was issued under this name. */
        ISSUED,
        /** A stored certificate was replaced by a new one. */
        RENEWED,
        /** The stored certificate is not due: no request was sent to the CA. */
        NOT_DUE
    }

    /**
     * Creates a result.
     *
     * @param outcome  what was done
     * @param bundle   the current certificate
     * @param decision the renewal decision
     * @param location where it is stored
     */
    public ProvisionResult {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(bundle, "bundle");
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(location, "location");
    }

    /**
     * Tells whether a new certificate was obtained.
     *
     * @return true when issued or renewed
     */
    public boolean changed() {
        return outcome != Outcome.NOT_DUE;
    }

    /**
     * Returns the certificate's end of validity.
     *
     * @return the expiry
     */
    public Instant notAfter() {
        return bundle.metadata().notAfter();
    }

    /**
     * Returns the names covered.
     *
     * @return the names
     */
    public List<String> names() {
        return bundle.metadata().names();
    }

    /**
     * Formats the one-line summary every front end ends its log with.
     *
     * @return e.g. {@code example.com: issued for example.com, www.example.com; expires 2027-02-23T10:00:00Z; stored in /home/ci/.acme/certificates/example.com}
     */
    public String summary() {
        var what = switch (outcome) {
            case ISSUED -> "issued";
            case RENEWED -> "renewed";
            case NOT_DUE -> "not due (renewal from " + decision.dueAt().map(Instant::toString).orElse("?") + ")";
        };
        return bundle.metadata().name() + ": " + what + " for " + String.join(", ", names()) + "; expires "
                + notAfter() + "; stored in " + location;
    }
}
