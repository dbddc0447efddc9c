package io.github.acmecertificate.jenkins.managed;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeSet;

import io.github.acmecertificate.core.key.KeyType;
import io.github.acmecertificate.core.store.CertificateBundle;
import io.github.acmecertificate.core.store.CertificateMetadata;

/**
 * A certificate credential this plugin manages: where it is kept, the certificate it holds (what
 * it covers, where it comes from, when it is valid, in the core's {@link CertificateMetadata}),
 * how to renew it, and how the last attempt went.
 *
 * <p>Kept as a small properties file per certificate ({@link #toProperties()}), never with a
 * secret in it: the certificate itself lives in the credential, the account key in its own
 * credential.
 *
 * @param context      the credentials store holding the credential: empty for the global store,
 *                     a folder's full name otherwise
 * @param metadata     the certificate: its name (the credential's id), names, CA, key type and
 *                     validity, as the core compares a request with them
 * @param serialNumber the certificate's serial number in hexadecimal
 * @param dueAt        when it becomes due for renewal under the template's rule
 * @param template     how to renew it: what the step last asked for, with the server and defaults resolved
 * @param lastRun      how the last attempt went
 * @since 0.1.0
 */
public record ManagedCertificate(String context, CertificateMetadata metadata, String serialNumber, Instant dueAt,
        CertificateSettings template, LastRun lastRun) {

    /** The version of the properties layout. */
    public static final String FORMAT = "2";

    /**
     * Creates a record, keeping of the metadata what the record stores: the name, names, CA, key
     * type and validity, with the template's profile.
     *
     * @param context      the store
     * @param metadata     the certificate
     * @param serialNumber the serial number
     * @param dueAt        when renewal is due
     * @param template     how to renew
     * @param lastRun      the last attempt
     */
    public ManagedCertificate {
        context = context == null ? "" : context;
        Objects.requireNonNull(template, "template");
        metadata = new CertificateMetadata(metadata.name(), metadata.names(), metadata.ca(), metadata.keyType(),
                Optional.empty(), Optional.empty(), Optional.empty(), metadata.notBefore(), metadata.notBefore(),
                metadata.notAfter(), Optional.of(template.certificate().profile()), Optional.empty());
        Objects.requireNonNull(serialNumber, "serialNumber");
        Objects.requireNonNull(dueAt, "dueAt");
        Objects.requireNonNull(lastRun, "lastRun");
    }

    /**
     * Records a certificate just issued into a credential, or found still valid there.
     *
     * @param context  the store
     * @param bundle   the certificate; a key type it does not record is read from its key
     * @param dueAt    when renewal is due
     * @param template how to renew
     * @param lastRun  the run
     * @return the record
     */
    public static ManagedCertificate of(String context, CertificateBundle bundle, Instant dueAt,
            CertificateSettings template, LastRun lastRun) {
        var metadata = bundle.metadata();
        var keyType = metadata.keyType().or(() -> KeyType.of(bundle.certificate().getPublicKey()).map(KeyType::id));
        return new ManagedCertificate(context, new CertificateMetadata(metadata.name(), metadata.names(),
                metadata.ca(), keyType, Optional.empty(), Optional.empty(), Optional.empty(), metadata.notBefore(),
                metadata.notBefore(), metadata.notAfter()), bundle.serialNumber(), dueAt, template, lastRun);
    }

    /**
     * Returns the certificate credential's id, the certificate's name.
     *
     * @return the id
     */
    public String credentialsId() {
        return metadata.name();
    }

    /**
     * Returns a copy with another last run.
     *
     * @param run the last run
     * @return the new record
     */
    public ManagedCertificate withLastRun(LastRun run) {
        return new ManagedCertificate(context, metadata, serialNumber, dueAt, template, run);
    }

    /**
     * Returns a copy in another store or for another job (after a folder or job was renamed or moved).
     *
     * @param newContext  the store's new key
     * @param newTemplate the template, naming the job's new name
     * @return the new record
     */
    public ManagedCertificate moved(String newContext, CertificateSettings newTemplate) {
        return new ManagedCertificate(newContext, metadata, serialNumber, dueAt, newTemplate, lastRun);
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
        p.setProperty("credentialsId", metadata.name());
        p.setProperty("names", String.join(",", metadata.names()));
        p.setProperty("ca", metadata.ca());
        p.setProperty("keyType", metadata.keyType().orElse(""));
        p.setProperty("serialNumber", serialNumber);
        p.setProperty("notBefore", metadata.notBefore().toString());
        p.setProperty("notAfter", metadata.notAfter().toString());
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
        var keyType = Optional.ofNullable(p.getProperty("keyType")).filter(k -> !k.isEmpty());
        var notBefore = instant(p, "notBefore");
        return new ManagedCertificate(p.getProperty("context", ""), new CertificateMetadata(required(p,
                "credentialsId"), names, required(p, "ca"), keyType, Optional.empty(), Optional.empty(),
                Optional.empty(), notBefore, notBefore, instant(p, "notAfter")), required(p, "serialNumber"),
                instant(p, "dueAt"), template, lastRun);
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
