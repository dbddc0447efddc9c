package io.github.acmecertificate.jenkins.deploy;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.acmecertificate.core.deploy.DeployException;
import io.github.acmecertificate.core.deploy.DeployOptions;
import io.github.acmecertificate.core.deploy.DeployPlan;
import io.github.acmecertificate.core.deploy.DeployReport;
import io.github.acmecertificate.core.deploy.DeployTarget;
import io.github.acmecertificate.core.deploy.Deployer;
import io.github.acmecertificate.core.event.ProgressListener;
import io.github.acmecertificate.core.exception.InvalidInputException;
import io.github.acmecertificate.core.store.CertificateBundle;

/**
 * The checked deploy of one run, ready once the certificate is stored: {@link DeploySpec#prepare}
 * builds it before anything is ordered, {@link #deploy} runs it after.
 *
 * @since 0.1.0
 */
public final class Deployment {

    private final List<DeployTarget> targets;
    private final int parallelism;
    private final boolean force;
    private final Duration commandTimeout;
    private final Duration verifyTimeout;
    private final String keystorePassword;

    Deployment(List<DeployTarget> targets, int parallelism, boolean force, Duration commandTimeout,
            Duration verifyTimeout, String keystorePassword) {
        this.targets = List.copyOf(targets);
        this.parallelism = parallelism;
        this.force = force;
        this.commandTimeout = commandTimeout;
        this.verifyTimeout = verifyTimeout;
        this.keystorePassword = keystorePassword;
    }

    /**
     * Tells whether there is nothing to deploy to.
     *
     * @return true without targets
     */
    public boolean isEmpty() {
        return targets.isEmpty();
    }

    /**
     * Returns how long a reload command may run.
     *
     * @return the time-out
     */
    public Duration commandTimeout() {
        return commandTimeout;
    }

    /**
     * Returns how long the TLS check waits.
     *
     * @return the time-out
     */
    public Duration verifyTimeout() {
        return verifyTimeout;
    }

    /**
     * Returns the targets.
     *
     * @return the core's targets, in the step's order
     */
    public List<DeployTarget> targets() {
        return targets;
    }

    /**
     * Returns the core's deploy plan: the targets and options, with the key store password of
     * {@code keystorePasswordCredentialsId} when it names one (otherwise the certificate
     * credential's own, which the store supplies).
     *
     * @return the plan
     * @throws InvalidInputException if the options are out of range
     */
    public DeployPlan plan() throws InvalidInputException {
        var options = DeployOptions.builder().parallelism(parallelism).force(force).commandTimeout(commandTimeout)
                .verifyTimeout(verifyTimeout)
                .keystorePassword(keystorePassword == null ? null : keystorePassword.toCharArray()).build();
        return new DeployPlan(targets, options);
    }

    /**
     * Returns each target's status for the step's result.
     *
     * @param report the report
     * @return target name to {@code DEPLOYED}, {@code UP_TO_DATE} or {@code FAILED}, in target order
     */
    public static Map<String, String> statuses(DeployReport report) {
        var map = new LinkedHashMap<String, String>();
        report.results().forEach(r -> map.put(r.target(), r.status().name()));
        return map;
    }
}
