package io.github.acmecertificate.jenkins.managed;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.acmecertificate.core.CertificateDescription;

/**
 * What an {@code acmeCertificate} step asked for: the core's {@link CertificateDescription}
 * (its {@code name} is the certificate credential's id, its references are credential ids), and
 * the job that ran it, so that the scheduled renewal reads the credentials that job reads. The
 * managed-certificate record keeps it.
 *
 * @param certificate the certificate, as the core describes it
 * @param job         the full name of the job that runs the step, or blank
 * @since 0.1.0
 */
public record CertificateSettings(CertificateDescription certificate, String job) {

    /** The keys that records written before the core's description spelled like the step's parameters. */
    private static final Map<String, String> OLD_KEYS = Map.of("credentialsId", "name", "accountCredentialsId",
            "account", "keystorePasswordCredentialsId", "keystorePassword", "deploy", "targets");

    /**
     * Creates the settings.
     *
     * @param certificate the certificate
     * @param job         the job, or {@code null}
     */
    public CertificateSettings {
        job = job == null ? "" : job.strip();
    }

    /**
     * Returns the id of the certificate credential.
     *
     * @return the description's name
     */
    public String credentialsId() {
        return certificate.name();
    }

    /**
     * Returns these settings run by another job.
     *
     * @param newJob the job's full name
     * @return the settings
     */
    public CertificateSettings withJob(String newJob) {
        return new CertificateSettings(certificate, newJob);
    }

    /**
     * Writes the settings as strings for the record: the description's record and {@code job}.
     *
     * @return the strings; never secrets, only credential ids
     */
    public Map<String, String> toRecord() {
        var map = new LinkedHashMap<>(certificate.toRecord());
        map.put("job", job);
        return map;
    }

    /**
     * Reads settings written by {@link #toRecord()}, or by earlier versions, which named the
     * certificate {@code credentialsId} and the targets {@code deploy}.
     *
     * @param map the strings
     * @return the settings
     * @throws IllegalArgumentException if the challenge or a number is malformed
     */
    public static CertificateSettings fromRecord(Map<String, String> map) {
        var current = new LinkedHashMap<String, String>();
        map.forEach((k, v) -> {
            var dot = k.indexOf('.');
            var head = dot < 0 ? k : k.substring(0, dot);
            current.putIfAbsent(OLD_KEYS.getOrDefault(head, head) + (dot < 0 ? "" : k.substring(dot)), v);
        });
        return new CertificateSettings(CertificateDescription.fromRecord(current), map.get("job"));
    }
}
