package io.github.acmecertificate.core.renewal;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One managed certificate as a status report shows it: what it covers, where it came from,
 * when it expires and will be renewed, how the last run went, and what needs attention.
 *
 * @param name       the certificate's name in the store
 * @param names      the names it covers (empty when it could not be read)
 * @param ca         the CA's directory URL (empty when it could not be read)
 * @param notAfter   when it expires
 * @param renewAt    when it is due for renewal (the CA's chosen time, the lifetime rule, or the back-off)
 * @param lastRun    when a run last decided about it
 * @param lastResult what that run did
 * @param lastError  why the last attempt failed
 * @param problems   what needs attention; empty when all is well
 * @since 0.1.0
 */
public record CertificateStatus(String name, List<String> names, String ca, Optional<Instant> notAfter,
        Optional<Instant> renewAt, Optional<Instant> lastRun, Optional<String> lastResult, Optional<String> lastError,
        List<String> problems) {

    /**
     * Creates a status.
     *
     * @param name       the certificate's name
     * @param names      the names it covers
     * @param ca         the CA
     * @param notAfter   when it expires
     * @param renewAt    when it is due
     * @param lastRun    the last run
     * @param lastResult what it did
     * @param lastError  why it failed
     * @param problems   what needs attention
     */
    public CertificateStatus {
        Objects.requireNonNull(name, "name");
        names = List.copyOf(names);
        Objects.requireNonNull(ca, "ca");
        Objects.requireNonNull(notAfter, "notAfter");
        Objects.requireNonNull(renewAt, "renewAt");
        Objects.requireNonNull(lastRun, "lastRun");
        Objects.requireNonNull(lastResult, "lastResult");
        Objects.requireNonNull(lastError, "lastError");
        problems = List.copyOf(problems);
    }

    /**
     * Tells whether nothing needs attention.
     *
     * @return true when there are no problems
     */
    public boolean healthy() {
        return problems.isEmpty();
    }

    /**
     * Formats the status as one line.
     *
     * @return e.g. {@code example.com [example.com, www.example.com] from https://... expires ...; renewal from ...; last run ...: not-due}
     */
    public String line() {
        var text = new StringBuilder(name);
        if (!names.isEmpty()) {
            text.append(" [").append(String.join(", ", names)).append("]");
        }
        if (!ca.isEmpty()) {
            text.append(" from ").append(ca);
        }
        notAfter.ifPresent(t -> text.append("; expires ").append(t));
        renewAt.ifPresent(t -> text.append("; renewal from ").append(t));
        if (lastRun.isPresent() || lastResult.isPresent()) {
            text.append("; last run");
            lastRun.ifPresent(t -> text.append(" ").append(t));
            lastResult.ifPresent(r -> text.append(": ").append(r));
        }
        if (!problems.isEmpty()) {
            text.append(" -- ").append(String.join("; ", problems));
        }
        return text.toString();
    }
}
