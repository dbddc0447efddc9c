package io.github.acmecertificate.core.deploy;

import java.util.stream.Collectors;

import io.github.acmecertificate.core.exception.AcmeCertificateException;

/**
 * One or more targets failed. The message lists each failed target and why; the
 * {@link #report() report} has every target's result, including those that succeeded.
 *
 * <p>A failed deploy never touches the stored certificate: running again deploys it
 * without ordering a new one, and skips the targets that already hold it.
 *
 * @since 0.1.0
 */
public class DeployException extends AcmeCertificateException {

    private static final long serialVersionUID = 1L;

    private final transient DeployReport report;

    /**
     * Creates an exception for a run with failures.
     *
     * @param report every target's result, at least one failed
     */
    public DeployException(DeployReport report) {
        super(format(report));
        this.report = report;
    }

    /**
     * Returns every target's result.
     *
     * @return the report
     */
    public DeployReport report() {
        return report;
    }

    private static String format(DeployReport report) {
        var failures = report.failures();
        return "Deploy failed for " + failures.size() + " of " + report.results().size() + " target"
                + (report.results().size() == 1 ? "" : "s") + ":"
                + failures.stream().map(r -> "\n  - " + r.summary()).collect(Collectors.joining())
                + "\nThe certificate itself is kept in the store; run again to deploy it to these targets "
                + "(no new certificate is ordered, and targets that hold it are skipped)";
    }
}
