package io.github.acmecertificate.jenkins.run;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import io.github.acmecertificate.core.CertificateRollout;

/**
 * What the {@code acmeCertificate} step returns to the pipeline: the core's result of one
 * certificate, as a map of plain values.
 *
 * @param credentialsId the credential holding the certificate
 * @param rollout       the core's result: the certificate's outcome and each target's
 * @since 0.1.0
 */
public record StepResult(String credentialsId, CertificateRollout.Result rollout) {

    /**
     * Creates a result.
     *
     * @param credentialsId the credential id
     * @param rollout       the core's result
     */
    public StepResult {
        Objects.requireNonNull(credentialsId, "credentialsId");
        Objects.requireNonNull(rollout, "rollout");
    }

    /**
     * Tells whether a new certificate was issued into the credential.
     *
     * @return true when issued or renewed
     */
    public boolean renewed() {
        return rollout.certificate().changed();
    }

    /**
     * Returns the certificate's serial number.
     *
     * @return hexadecimal
     */
    public String serialNumber() {
        return rollout.certificate().bundle().serialNumber();
    }

    /**
     * Returns the certificate's end of validity.
     *
     * @return ISO-8601
     */
    public String notAfter() {
        return rollout.certificate().notAfter().toString();
    }

    /**
     * Returns how each deploy target ended.
     *
     * @return target name to {@code DEPLOYED} or {@code UP_TO_DATE}, in the step's order; empty without targets
     */
    public Map<String, String> deployed() {
        var deployed = new LinkedHashMap<String, String>();
        rollout.deployment().results().forEach(r -> deployed.put(r.target(), r.status().name()));
        return deployed;
    }

    /**
     * Returns the map the pipeline receives: {@code renewed}, {@code notAfter},
     * {@code serialNumber}, {@code sha256Fingerprint} ({@code AA:BB:...}), {@code credentialsId}
     * and {@code deployed} (a map of target name to status).
     *
     * @return a serializable, ordered map of strings, a boolean and a map of strings
     */
    public Map<String, Object> toMap() {
        var map = new LinkedHashMap<String, Object>();
        map.put("renewed", renewed());
        map.put("notAfter", notAfter());
        map.put("serialNumber", serialNumber());
        map.put("sha256Fingerprint", rollout.certificate().bundle().sha256Fingerprint());
        map.put("credentialsId", credentialsId);
        map.put("deployed", deployed());
        return map;
    }
}
