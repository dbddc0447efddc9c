package io.github.acmecertificate.core.deploy;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The results of one deploy run, one per target, in the order the targets were given.
 *
 * @param results the results
 * @since 0.1.0
 */
public record DeployReport(List<DeployResult> results) {

    /**
     * Creates a report.
     *
     * @param results the results, in target order
     */
    public DeployReport {
        results = List.copyOf(results);
    }

    /**
     * Returns the failed targets' results.
     *
     * @return the failures, possibly none
     */
    public List<DeployResult> failures() {
        return results.stream().filter(DeployResult::failed).toList();
    }

    /**
     * Counts the targets with a status.
     *
     * @param status the status
     * @return how many targets ended so
     */
    public long count(DeployResult.Status status) {
        return results.stream().filter(r -> r.status() == status).count();
    }

    /**
     * Formats one line per target.
     *
     * @return the lines
     */
    public String summary() {
        return results.stream().map(DeployResult::summary).collect(Collectors.joining("\n"));
    }
}
