package io.github.acmecertificate.core;

import java.util.List;
import java.util.function.Function;

import io.github.acmecertificate.core.ConcurrentRuns.Outcome;
import io.github.acmecertificate.core.exception.AcmeCertificateException;

/**
 * What a run of several certificates did: one outcome per certificate, in the order requested,
 * each the certificate's and its targets' result or why it failed. Both front ends report with
 * it (Maven's {@code acme:issue} with several certificates, Jenkins' {@code acmeCertificate}
 * with a {@code certificates} list), so that their counts and failure lists read the same.
 *
 * <pre>{@code
 * var result = new FleetProvisioner(store).provision(requests, listener);
 * log(result.summary()); // 3 certificates: 1 issued, 1 renewed, 0 not due, 1 failed
 * if (!result.succeeded()) {
 *     throw new Failure(result.failureMessage(Throwable::getMessage));
 * }
 * }</pre>
 *
 * @param certificates the outcome of each certificate, named as requested
 * @since 0.1.0
 */
public record FleetResult(List<Outcome<CertificateRollout.Result>> certificates) {

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
    public List<Outcome<CertificateRollout.Result>> failures() {
        return certificates.stream().filter(Outcome::failed).toList();
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
     * Tells whether any certificate was issued or renewed.
     *
     * @return true when at least one is new
     */
    public boolean changed() {
        return certificates.stream().flatMap(c -> c.result().stream()).anyMatch(r -> r.certificate().changed());
    }

    /**
     * Counts the certificates by outcome, for the end of the log.
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

    /**
     * Words the failure of the run: every failed certificate with its reason.
     *
     * @param wording how the front end words one failure (its own field names, say)
     * @return e.g. {@code 1 of 3 certificates failed (the others were run):} and a line per
     *         failed certificate; blank when none failed
     */
    public String failureMessage(Function<AcmeCertificateException, String> wording) {
        var failures = failures();
        if (failures.isEmpty()) {
            return "";
        }
        var text = new StringBuilder().append(failures.size()).append(" of ").append(certificates.size())
                .append(" certificates failed (the others were run):");
        for (var failure : failures) {
            text.append("\n  - ").append(failure.name()).append(": ")
                    .append(wording.apply(failure.failure().get()).replace("\n", "\n    "));
        }
        return text.toString();
    }

    private long count(ProvisionResult.Outcome outcome) {
        return certificates.stream().flatMap(c -> c.result().stream())
                .filter(r -> r.certificate().outcome() == outcome).count();
    }
}
