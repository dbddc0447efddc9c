package io.github.acmecertificate.jenkins.run;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;

import io.github.acmecertificate.core.ca.CertificateAuthority;
import io.github.acmecertificate.core.exception.InvalidInputException;
import io.github.acmecertificate.core.key.KeyType;
import io.github.acmecertificate.core.key.Pem;
import io.github.acmecertificate.core.order.SubjectNames;

/**
 * The form validation of the step and the global configuration, with the core's own parsing,
 * so that the form says what a run would say. The Jenkins descriptors turn each {@link Check}
 * into a {@code FormValidation}.
 *
 * @since 0.1.0
 */
public final class FormChecks {

    /** How bad a value is. */
    public enum Kind {
        /** Fine. */
        OK,
        /** Works, but deserves a look. */
        WARNING,
        /** Will not work. */
        ERROR
    }

    /**
     * The outcome of one check.
     *
     * @param kind    how bad
     * @param message what to tell, or empty
     */
    public record Check(Kind kind, String message) {
        static Check ok() {
            return new Check(Kind.OK, "");
        }

        static Check ok(String message) {
            return new Check(Kind.OK, message);
        }

        static Check warning(String message) {
            return new Check(Kind.WARNING, message);
        }

        static Check error(String message) {
            return new Check(Kind.ERROR, message);
        }
    }

    private FormChecks() {
    }

    /**
     * Checks the names a certificate covers.
     *
     * @param domains comma- or line-separated names
     * @return an error naming every invalid name, or OK with the normalized names
     */
    public static Check domains(String domains) {
        var items = SubjectNames.split(domains);
        if (items.isEmpty()) {
            return Check.error("Give the names the certificate covers, comma-separated, e.g. example.com,www.example.com");
        }
        try {
            var names = SubjectNames.parse(items);
            if (names.size() > 100) {
                return Check.error(names.size() + " names: CAs accept at most 100 per certificate");
            }
            return Check.ok("Covers " + SubjectNames.format(names));
        } catch (IllegalArgumentException ex) {
            return Check.error(ex.getMessage());
        }
    }

    /**
     * Checks a step's server: a configured server's name, an alias, or a directory URL.
     *
     * @param server   the value, possibly blank
     * @param settings the global configuration
     * @return the outcome
     */
    public static Check server(String server, GlobalSettings settings) {
        if (server == null || server.isBlank()) {
            return settings.defaultServer().isEmpty()
                    ? Check.error("Give a server: no default server is configured under Manage Jenkins > System")
                    : Check.ok("Uses the default server, " + settings.defaultServer());
        }
        if (settings.server(server).isPresent()) {
            return Check.ok("The configured server " + settings.server(server).get().name());
        }
        return directory(server);
    }

    /**
     * Checks an ACME directory: an alias or an https URL.
     *
     * @param directory the value
     * @return the outcome, with the resolved directory URL when fine
     */
    public static Check directory(String directory) {
        try {
            var ca = CertificateAuthority.of(directory, null);
            return Check.ok(ca.toString());
        } catch (InvalidInputException ex) {
            return Check.error(ex.problems().get(0).problem());
        }
    }

    /**
     * Checks a key type.
     *
     * @param keyType the id, possibly blank
     * @return the outcome
     */
    public static Check keyType(String keyType) {
        if (keyType == null || keyType.isBlank() || KeyType.fromId(keyType).isPresent()) {
            return Check.ok();
        }
        return Check.error("'" + keyType + "' is not a known key type. Use one of " + KeyType.ids());
    }

    /**
     * Checks a renewal margin.
     *
     * @param renewBefore an ISO-8601 duration, possibly blank
     * @return the outcome
     */
    public static Check renewBefore(String renewBefore) {
        if (renewBefore == null || renewBefore.isBlank()) {
            return Check.ok();
        }
        try {
            var duration = Duration.parse(renewBefore.strip().toUpperCase(Locale.ROOT));
            if (duration.isNegative() || duration.isZero()) {
                return Check.error("Must be positive, e.g. P30D");
            }
            return Check.ok();
        } catch (DateTimeParseException ex) {
            return Check.error("Not an ISO-8601 duration. Write e.g. P30D for 30 days or PT12H for 12 hours");
        }
    }

    /**
     * Checks a credential id.
     *
     * @param id       the id
     * @param required whether it must be given
     * @return the outcome
     */
    public static Check credentialsId(String id, boolean required) {
        if (id == null || id.isBlank()) {
            return required ? Check.error("Give the id of the certificate credential to create or update")
                    : Check.ok();
        }
        return StepParameters.isValidCredentialsId(id.strip()) ? Check.ok()
                : Check.error("Use letters, digits, '.', '-' and '_'");
    }

    /**
     * Checks a trusted root PEM.
     *
     * @param pem the PEM text, possibly blank
     * @return the outcome
     */
    public static Check trustedRootPem(String pem) {
        if (pem == null || pem.isBlank()) {
            return Check.ok();
        }
        try {
            var certificates = Pem.readCertificates(pem.strip() + "\n");
            if (certificates.isEmpty()) {
                return Check.error("No PEM certificate found. Paste the CA's root certificate, -----BEGIN CERTIFICATE-----...");
            }
            return Check.ok(certificates.size() == 1 ? "Trusts " + certificates.get(0).getSubjectX500Principal().getName()
                    : "Trusts " + certificates.size() + " certificates");
        } catch (java.io.IOException ex) {
            return Check.error(ex.getMessage());
        }
    }
}
