package io.github.acmecertificate.jenkins.run;

import java.util.Collections;
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
 * @param deployed          each deploy target's name and how it ended ({@code DEPLOYED} or
 *                          {@code UP_TO_DATE}), in the step's order; empty without targets
 * @since 0.1.0
 */
public record StepResult(boolean renewed, String notAfter, String serialNumber, String sha256Fingerprint,
        String credentialsId, Map<String, String> deployed) {

    /**
     * Creates a result.
     *
     * @param renewed           whether a new certificate was issued
     * @param notAfter          end of validity
     * @param serialNumber      serial number
     * @param sha256Fingerprint fingerprint
     * @param credentialsId     credential id
     * @param deployed          the deploy targets' statuses, or {@code null} for none
     */
    public StepResult {
        Objects.requireNonNull(notAfter, "notAfter");
        Objects.requireNonNull(serialNumber, "serialNumber");
        Objects.requireNonNull(sha256Fingerprint, "sha256Fingerprint");
        Objects.requireNonNull(credentialsId, "credentialsId");
        deployed = deployed == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(deployed));
    }

    /**
     * Builds the result of a provisioning run.
     *
     * @param result        the core's result
     * @param credentialsId the credential
     * @param deployed      the deploy targets' statuses
     * @return the step's result
     */
    public static StepResult of(ProvisionResult result, String credentialsId, Map<String, String> deployed) {
        var bundle = result.bundle();
        return new StepResult(result.changed(), result.notAfter().toString(), bundle.serialNumber(),
                bundle.sha256Fingerprint(), credentialsId, deployed);
    }

    /**
     * Returns the map the pipeline receives: {@code renewed}, {@code notAfter},
     * {@code serialNumber}, {@code sha256Fingerprint}, {@code credentialsId} and
     * {@code deployed} (a map of target name to status).
     *
     * @return a serializable, ordered map of strings, a boolean and a map of strings
     */
    public Map<String, Object> toMap() {
        var map = new LinkedHashMap<String, Object>();
        map.put("renewed", renewed);
        map.put("notAfter", notAfter);
        map.put("serialNumber", serialNumber);
        map.put("sha256Fingerprint", sha256Fingerprint);
        map.put("credentialsId", credentialsId);
        map.put("deployed", new LinkedHashMap<>(deployed));
        return map;
    }
}
