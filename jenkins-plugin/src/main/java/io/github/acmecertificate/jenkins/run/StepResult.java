package io.github.acmecertificate.jenkins.run;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import io.github.acmecertificate.core.ProvisionResult;

/**
 * What the {@code acmeCertificate} step returns to the pipeline, as a map of plain values.
 *
 * @param renewed           true when a new certificate was issued into the credential
 * @param notAfter          the certificate's end of validity (ISO-8601)
 * @param serialNumber      its serial number in hexadecimal
 * @param sha256Fingerprint its SHA-256 fingerprint, {@code AA:BB:...}
 * @param credentialsId     the credential holding it
 * @since 0.1.0
 */
public record StepResult(boolean renewed, String notAfter, String serialNumber, String sha256Fingerprint,
        String credentialsId) {

    /**
     * Creates a result.
     *
     * @param renewed           whether a new certificate was issued
     * @param notAfter          end of validity
     * @param serialNumber      serial number
     * @param sha256Fingerprint fingerprint
     * @param credentialsId     credential id
     */
    public StepResult {
        Objects.requireNonNull(notAfter, "notAfter");
        Objects.requireNonNull(serialNumber, "serialNumber");
        Objects.requireNonNull(sha256Fingerprint, "sha256Fingerprint");
        Objects.requireNonNull(credentialsId, "credentialsId");
    }

    /**
     * Builds the result of a provisioning run.
     *
     * @param result        the core's result
     * @param credentialsId the credential
     * @return the step's result
     */
    public static StepResult of(ProvisionResult result, String credentialsId) {
        var bundle = result.bundle();
        return new StepResult(result.changed(), result.notAfter().toString(), bundle.serialNumber(),
                bundle.sha256Fingerprint(), credentialsId);
    }

    /**
     * Returns the map the pipeline receives: {@code renewed}, {@code notAfter},
     * {@code serialNumber}, {@code sha256Fingerprint}, {@code credentialsId}.
     *
     * @return a serializable, ordered map of strings and a boolean
     */
    public Map<String, Object> toMap() {
        var map = new LinkedHashMap<String, Object>();
        map.put("renewed", renewed);
        map.put("notAfter", notAfter);
        map.put("serialNumber", serialNumber);
        map.put("sha256Fingerprint", sha256Fingerprint);
        map.put("credentialsId", credentialsId);
        return map;
    }
}
