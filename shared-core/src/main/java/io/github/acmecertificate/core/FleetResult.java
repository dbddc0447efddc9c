package io.github.acmecertificate.core;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.github.acmecertificate.core.exception.AcmeCertificateException;

/**
 * What a fleet run did: one entry per requested certificate, in the order requested.
 *
 * @param certificates the outcome of each certificate
 * @since 0.1.0
 */
public record FleetResult(List<Certificate> certificates) {

    /**
     * The outcome of one certificate: its result, or why it failed.
     *
     * @param name    the certificate's name
     * @param result  what was done, when it succeeded
     * @param failure why it failed, when it did
     */
    public record Certificate(String name, Optional<ProvisionResult> result,
            Optional<AcmeCertificateException> failure) {

        /**
         * Creates an outcome; exactly one of result and failure is present.
         *
         * @param name    the certificate's name
         * @param result  the result
         * @param failure the failure
         */
        public Certificate {
            Objects.requireNonNull(name, "name");
            if (result.isPresent() == failure.isPresent()) {
                throw new IllegalArgumentException("exactly one of result and failure is present");
            }
        }

        /**
         * Tells whether this certificate failed.
         *
         * @return true on failure
         */
        public boolean failed() {
            return failure.isPresent();
        }

        /**
         * One line for the build log.
         *
         * @return the result's summary, or the failure's message
         */
        public String summary() {
            return result.map(ProvisionResult::summary).orElseGet(() -> name + ": FAILED: "
                    + failure.get().getMessage());
        }
    }

    /**
     * Creates a result.
     *
     * @param certificates the outcomes, in the order requested
     */
    public FleetResult {
        certificates = List.copyOf(certificates);
    }

    /**
     * Returns the certificates that failed.
     *
     * @return the failures, in order
     */
    public List<Certificate> failures() {
        return certificates.stream().filter(Certificate::failed).toList();
    }

    /**
     * Tells whether every certificate succeeded (issued, renewed or not due).
     *
     * @return true when none failed
     */
    public boolean succeeded() {
        return failures().isEmpty();
    }

    /**
     * Counts the certificates by outcome, for the end of the build log.
     *
     * @return e.g. {@code 100 certificates: 98 issued, 0 renewed, 1 not due, 1 failed}
     */
    public String summary() {
        long issued = count(ProvisionResult.Outcome.ISSUED);
        long renewed = count(ProvisionResult.Outcome.RENEWED);
        long notDue = count(ProvisionResult.Outcome.NOT_DUE);
        return certificates.size() + " certificate" + (certificates.size() == 1 ? "" : "s") + ": " + issued
                + " issued, " + renewed + " renewed, " + notDue + " not due, " + failures().size() + " failed";
    }

    private long count(ProvisionResult.Outcome outcome) {
        return certificates.stream().flatMap(c -> c.result().stream()).filter(r -> r.outcome() == outcome).count();
    }
}
