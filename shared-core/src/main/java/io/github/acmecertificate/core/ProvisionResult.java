package io.github.acmecertificate.core;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import io.github.acmecertificate.core.exception.StoreException;
import io.github.acmecertificate.core.renewal.RenewalDecision;
import io.github.acmecertificate.core.store.CertificateBundle;
import io.github.acmecertificate.core.store.CertificateMetadata;

/**
 * The outcome of one run: what was done, and the certificate that is now current.
 *
 * <p>A run that found its certificate not due from the stored metadata alone has parsed
 * neither the certificate nor its key: {@link #bundle()} then reads them from the store on
 * first use (a deploy needs them, a log line does not), and {@link #metadata()},
 * {@link #names()}, {@link #notAfter()} and {@link #summary()} never do.
 *
 * @since 0.1.0
 */
public final class ProvisionResult {

    /** What a run did. */
    public enum Outcome {
        /** A first certificate was issued under this name. */
        ISSUED,
        /** A stored certificate was replaced by a new one. */
        RENEWED,
        /** The stored certificate is not due: no request was sent to the CA. */
        NOT_DUE
    }

    /** Reads the stored certificate when a caller first needs it. */
    @FunctionalInterface
    interface BundleSource {
        CertificateBundle load() throws StoreException;
    }

    private final Outcome outcome;
    private final CertificateMetadata metadata;
    private final RenewalDecision decision;
    private final String location;
    private BundleSource source;
    private CertificateBundle bundle;

    /**
     * Creates a result.
     *
     * @param outcome  what was done
     * @param bundle   the current certificate
     * @param decision the renewal decision
     * @param location where it is stored
     */
    public ProvisionResult(Outcome outcome, CertificateBundle bundle, RenewalDecision decision, String location) {
        this(outcome, Objects.requireNonNull(bundle, "bundle").metadata(), decision, location, null);
        this.bundle = bundle;
    }

    private ProvisionResult(Outcome outcome, CertificateMetadata metadata, RenewalDecision decision, String location,
            BundleSource source) {
        this.outcome = Objects.requireNonNull(outcome, "outcome");
        this.metadata = Objects.requireNonNull(metadata, "metadata");
        this.decision = Objects.requireNonNull(decision, "decision");
        this.location = Objects.requireNonNull(location, "location");
        this.source = source;
    }

    /** A not-due result whose certificate is read from the store only if a caller asks for it. */
    static ProvisionResult notDue(CertificateMetadata metadata, RenewalDecision decision, String location,
            BundleSource source) {
        return new ProvisionResult(Outcome.NOT_DUE, metadata, decision, location, Objects.requireNonNull(source));
    }

    /**
     * Returns what was done.
     *
     * @return issued, renewed or not due
     */
    public Outcome outcome() {
        return outcome;
    }

    /**
     * Returns the current certificate with its key: the new one, or the stored one when not
     * due (read from the store now if the run did not need to).
     *
     * @return the certificate
     * @throws IllegalStateException if the stored certificate can no longer be read; the
     *                               message names the folder and the fix
     */
    public synchronized CertificateBundle bundle() {
        if (bundle == null) {
            try {
                bundle = source.load();
            } catch (StoreException ex) {
                throw new IllegalStateException(ex.getMessage(), ex);
            }
            source = null;
        }
        return bundle;
    }

    /**
     * Returns what is known about the current certificate, without reading it.
     *
     * @return the metadata
     */
    public CertificateMetadata metadata() {
        return metadata;
    }

    /**
     * Returns the renewal decision that led here.
     *
     * @return the decision
     */
    public RenewalDecision decision() {
        return decision;
    }

    /**
     * Returns where the certificate is stored, for the log.
     *
     * @return e.g. a folder
     */
    public String location() {
        return location;
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
        return metadata.notAfter();
    }

    /**
     * Returns the names covered.
     *
     * @return the names
     */
    public List<String> names() {
        return metadata.names();
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
        return metadata.name() + ": " + what + " for " + String.join(", ", names()) + "; expires "
                + notAfter() + "; stored in " + location;
    }

    @Override
    public String toString() {
        return "ProvisionResult[" + summary() + "]";
    }
}
