package io.github.acmecertificate.jenkins.managed;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeSet;

import io.github.acmecertificate.core.store.CertificateMetadata;

/**
 * A certificate credential this plugin manages: where it is kept, what it covers, where it
 * comes from, until when it is valid, how to renew it, and how the last attempt went.
 *
 * <p>Kept as a small properties file per certificate ({@link #toProperties()}), never with a
 * secret in it: the certificate itself lives in the credential, the account key in its own
 * credential.
 *
 * @param context       the credentials store holding the credential: empty for the global store,
 *                      a folder's full name otherwise
 * @param credentialsId the certificate credential's id
 * @param names         the names covered, normalized
 * @param ca            the CA's directory URL
 * @param keyType       the key type id
 * @param serialNumber  the certificate's serial number in hexadecimal
 * @param notBefore     its start of validity
 * @param notAfter      its end of validity
 * @param dueAt         when it becomes due for renewal under the template's rule
 * @param template      how to renew it: what the step last asked for, with the server and defaults resolved
 * @param lastRun       how the last attempt went
 * @since 0.1.0
 */
public record ManagedCertificate(String context, String credentialsId, List<String> names, String ca,
        String keyType, String serialNumber, Instant notBefore, Instant notAfter, Instant dueAt,
        CertificateSettings template, LastRun lastRun) {

    /** The version of the properties layout. */
    public static final String FORMAT = "2";

    /**
     * Creates a record.
     *
     * @param context       the store
     * @param credentialsId the credential's id
     * @param names         the names
     * @param ca            the CA's directory URL
     * @param keyType       the key type
     * @param serialNumber  the serial number
     * @param notBefore     start of validity
     * @param notAfter      end of validity
     * @param dueAt         when renewal is due
     * @param template      how to renew
     * @param lastRun       the last attempt
     */
    public ManagedCertificate {
        context = context == null ? "" : context;
        Objects.requireNonNull(credentialsId, "credentialsId");
        names = List.copyOf(names);
        Objects.requireNonNull(ca, "ca");
        keyType = keyType == null ? "" : keyType;
        Objects.requireNonNull(serialNumber, "serialNumber");
        Objects.requireNonNull(notBefore, "notBefore");
        Objects.requireNonNull(notAfter, "notAfter");
        Objects.requireNonNull(dueAt, "dueAt");
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(lastRun, "lastRun");
    }

    /**
     * Returns a copy with another last run.
     *
     * @param run the last run
     * @return the new record
     */
    public ManagedCertificate withLastRun(LastRun run) {
        return new ManagedCertificate(context, credentialsId, names, ca, keyType, serialNumber, notBefore, notAfter,
                dueAt, template, run);
    }

    /**
     * Returns a copy in another store or for another job (after a folder or job was renamed or moved).
     *
     * @param newContext  the store's new key
     * @param newTemplate the template, naming the job's new name
     * @return the new record
     */
    public ManagedCertificate moved(String newContext, CertificateSettings newTemplate) {
        return new ManagedCertificate(newContext, credentialsId, names, ca, keyType, serialNumber, notBefore,
                notAfter, dueAt, newTemplate, lastRun);
    }

    /**
     * Returns the metadata the core compares a request with.
     *
     * @return the metadata of the recorded certificate
     */
    public CertificateMetadata metadata() {
        return new CertificateMetadata(credentialsId, names, ca, keyType.isEmpty() ? Optional.empty()
                : Optional.of(keyType), Optional.empty(), Optional.empty(), Optional.empty(), notBefore, notBefore,
                notAfter, Optional.of(template.certificate().profile()), Optional.empty());
    }

    /**
     * Writes the record as properties.
     *
     * @return the properties
     */
    public Properties toProperties() {
        var p = new Properties();
        p.setProperty("format", FORMAT);
        p.setProperty("context", context);
        p.setProperty("credentialsId", credentialsId);
        p.setProperty("names", String.join(",", names));
        p.setProperty("ca", ca);
        p.setProperty("keyType", keyType);
        p.setProperty("serialNumber", serialNumber);
        p.setProperty("notBefore", notBefore.toString());
        p.setProperty("notAfter", notAfter.toString());
        p.setProperty("dueAt", dueAt.toString());
        template.toRecord().forEach((k, v) -> p.setProperty("template." + k, v));
        p.setProperty("lastRun.at", lastRun.at().toString());
        p.setProperty("lastRun.by", lastRun.by());
        p.setProperty("lastRun.failed", Boolean.toString(lastRun.failed()));
        p.setProperty("lastRun.message", lastRun.message());
        return p;
    }

    /**
     * Reads a record written by {@link #toProperties()}.
     *
     * @param p the properties
     * @return the record
     * @throws IllegalArgumentException if a field is missing or malformed
     */
    public static ManagedCertificate fromProperties(Properties p) {
        if (!FORMAT.equals(p.getProperty("format"))) {
            throw new IllegalArgumentException("unknown record format '" + p.getProperty("format") + "'");
        }
        var template = CertificateSettings.fromRecord(withPrefix(p, "template."));
        var names = new ArrayList<String>();
        for (var name : required(p, "names").split(",")) {
            if (!name.isBlank()) {
                names.add(name.strip());
            }
        }
        var lastRun = new LastRun(instant(p, "lastRun.at"), p.getProperty("lastRun.by"),
                Boolean.parseBoolean(p.getProperty("lastRun.failed")), p.getProperty("lastRun.message"));
        return new ManagedCertificate(p.getProperty("context", ""), required(p, "credentialsId"), names,
                required(p, "ca"), p.getProperty("keyType"), required(p, "serialNumber"), instant(p, "notBefore"),
                instant(p, "notAfter"), instant(p, "dueAt"), template, lastRun);
    }

    /** The properties under a prefix, with the prefix removed. */
    private static Map<String, String> withPrefix(Properties p, String prefix) {
        var options = new LinkedHashMap<String, String>();
        for (var key : new TreeSet<>(p.stringPropertyNames())) {
            if (key.startsWith(prefix)) {
                options.put(key.substring(prefix.length()), p.getProperty(key));
            }
        }
        return options;
    }

    private static String required(Properties p, String key) {
        var value = p.getProperty(key);
        if (value == null) {
            throw new IllegalArgumentException("the record has no " + key);
        }
        return value;
    }

    private static Instant instant(Properties p, String key) {
        try {
            return Instant.parse(required(p, key));
        } catch (DateTimeParseException ex) {
            throw new IllegalArgumentException(key + " is not an instant: " + p.getProperty(key), ex);
        }
    }
}
