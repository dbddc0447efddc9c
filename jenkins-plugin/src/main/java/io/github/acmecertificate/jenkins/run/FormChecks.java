package io.github.acmecertificate.jenkins.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.acmecertificate.core.FleetProvisioner;
import io.github.acmecertificate.core.ca.CertificateAuthority;
import io.github.acmecertificate.core.challenge.ChallengeDescription;
import io.github.acmecertificate.core.challenge.ChallengeType;
import io.github.acmecertificate.core.challenge.dns.DnsProviders;
import io.github.acmecertificate.core.config.Values;
import io.github.acmecertificate.core.deploy.CertificateFile;
import io.github.acmecertificate.core.deploy.DeployOptions;
import io.github.acmecertificate.core.deploy.DeployTargets;
import io.github.acmecertificate.core.deploy.LocalTarget;
import io.github.acmecertificate.core.deploy.TlsCheck;
import io.github.acmecertificate.core.exception.InvalidInputException;
import io.github.acmecertificate.core.exception.InvalidInputException.Problem;
import io.github.acmecertificate.core.key.Pem;
import io.github.acmecertificate.core.name.SubjectNames;
import io.github.acmecertificate.core.ssh.SshEndpoint;

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

    /** The target types that write on the machine running the step: the controller. The step refuses them. */
    public static final Set<String> CONTROLLER_TARGETS = Set.of("local");

    private FormChecks() {
    }

    private static Check of(List<Problem> problems) {
        return problems.isEmpty() ? Check.ok() : Check.error(problems.get(0).problem());
    }

    /**
     * Checks one option of a challenge with the core's declaration of it (a duration, a port, a
     * boolean, key=value pairs), as a run would read it.
     *
     * @param type  the challenge type
     * @param name  the option's declared name
     * @param value the value as the form sends it
     * @return the outcome
     */
    public static Check option(ChallengeType type, String name, Object value) {
        return of(ChallengeDescription.builder(type).option(name, value).build().check());
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
     * Checks a renewal margin.
     *
     * @param renewBefore a duration ({@code P30D}, {@code 30d}, seconds), possibly blank
     * @return the outcome
     */
    public static Check renewBefore(String renewBefore) {
        var problems = new ArrayList<Problem>();
        Values.duration("renewBefore", renewBefore, problems);
        return of(problems);
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
        return isValidCredentialsId(id.strip()) ? Check.ok() : Check.error("Use letters, digits, '.', '-' and '_'");
    }

    /**
     * Checks that a value is a valid credential id.
     *
     * @param value the value
     * @return true if Jenkins accepts it as a credential id
     */
    public static boolean isValidCredentialsId(String value) {
        return value != null && value.matches("[A-Za-z0-9_.-]+");
    }

    /**
     * Lists the deploy target types this plugin finds, but those that write on the controller.
     *
     * @return each type's name and one-line description, sorted by name
     */
    public static List<Map.Entry<String, String>> targetTypes() {
        return DeployTargets.available(FormChecks.class.getClassLoader()).stream()
                .filter(f -> !CONTROLLER_TARGETS.contains(f.name())).map(f -> Map.entry(f.name(), f.description()))
                .toList();
    }

    /**
     * Checks a {@code deployTarget}'s options: that they parse and that its type declares them.
     *
     * @param type    the target type
     * @param options {@code key=value} pairs
     * @return the outcome
     */
    public static Check targetOptions(String type, String options) {
        if (type != null && CONTROLLER_TARGETS.contains(type.strip())) {
            return Check.error(type + " targets write on the controller: deploy over SSH with sftp(...)");
        }
        Map<String, String> written;
        try {
            written = Values.keyValues("targets.options", options);
        } catch (InvalidInputException ex) {
            return Check.error(ex.problems().get(0).problem());
        }
        var factory = DeployTargets.find(type, FormChecks.class.getClassLoader());
        return factory.isEmpty() ? Check.ok() : of(DeployTargets.check(factory.get(), written));
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

    /**
     * Lists the DNS providers this plugin has, for the provider dropdown.
     *
     * @return each provider's name and one-line description, sorted by name
     */
    public static List<Map.Entry<String, String>> dnsProviders() {
        return DnsProviders.available(FormChecks.class.getClassLoader()).stream()
                .map(f -> Map.entry(f.name(), f.description())).toList();
    }

    /**
     * Checks a DNS provider's options as {@code dns01(options: ...)} gives them, with the core's
     * check ({@link DnsProviders#check}): that they parse, that the provider has them, that no
     * secret is written there, and that the required ones are given. Options naming a secret's
     * file get a warning: the file is read on the controller.
     *
     * @param provider the provider's name
     * @param options  {@code key=value} pairs
     * @return the outcome
     */
    public static Check dnsOptions(String provider, String options) {
        Map<String, String> written;
        try {
            written = Values.keyValues("dns.options", options);
        } catch (InvalidInputException ex) {
            return Check.error(ex.problems().get(0).problem());
        }
        var factory = DnsProviders.find(provider, FormChecks.class.getClassLoader());
        if (factory.isEmpty()) {
            return Check.ok();
        }
        var problems = DnsProviders.check(factory.get(), written);
        if (!problems.isEmpty()) {
            var first = problems.get(0);
            return Check.error(first.field().substring("dns.".length()) + " " + first.problem());
        }
        var files = written.keySet().stream()
                .filter(key -> factory.get().options().stream().anyMatch(o -> o.secret() && o.matchesFile(key)))
                .toList();
        return files.isEmpty() ? Check.ok() : Check.warning(String.join(", ", files) + " reads a file on the "
                + "controller: only builds running as an administrator may use it. Prefer credentialsId");
    }

    /**
     * Checks a time-out or interval with the core's parser.
     *
     * @param value a duration ({@code PT2M}, {@code 2m}, seconds), possibly blank
     * @return the outcome
     */
    public static Check duration(String value) {
        return renewBefore(value);
    }

    /**
     * Checks how many targets are deployed at once, as the core's deploy options do.
     *
     * @param parallelism the number
     * @return the outcome
     */
    public static Check parallelism(int parallelism) {
        try {
            DeployOptions.builder().parallelism(parallelism).build();
            return Check.ok();
        } catch (InvalidInputException ex) {
            return of(ex.problems());
        }
    }

    /**
     * Checks how many certificates run at once, with the core's parser.
     *
     * @param concurrency the number
     * @return the outcome
     */
    public static Check concurrency(int concurrency) {
        try {
            FleetProvisioner.concurrency("concurrency", Integer.toString(concurrency));
            return Check.ok();
        } catch (InvalidInputException ex) {
            return of(ex.problems());
        }
    }

    /**
     * Checks a TCP port with the core's parser.
     *
     * @param port the port
     * @return the outcome
     */
    public static Check port(int port) {
        var problems = new ArrayList<Problem>();
        Values.port("port", Integer.toString(port), problems);
        return of(problems);
    }

    /**
     * Checks an SSH host.
     *
     * @param host the host
     * @return the outcome
     */
    public static Check host(String host) {
        return ssh("host", host, PINNED);
    }

    /** A well-formed fingerprint, so that a form's check of the host asks for no known_hosts file. */
    private static final String PINNED = "SHA256:" + "A".repeat(43);

    /** The core's problem with one field of an SSH server's settings, the others being fine. */
    private static Check ssh(String field, String host, String fingerprints) {
        try {
            SshEndpoint.builder().fieldPrefix("").host(host).port(SshEndpoint.DEFAULT_PORT).user("form")
                    .password(new char[] {'-'}).hostKeyFingerprint(fingerprints).build();
            return Check.ok();
        } catch (InvalidInputException ex) {
            return of(ex.problems().stream().filter(p -> p.field().equals(field)).toList());
        }
    }

    /**
     * Checks how a host key is verified: the fingerprints' form, and that there is a way.
     *
     * @param fingerprints {@code SHA256:...} values, comma-separated, possibly blank
     * @param knownHosts   known_hosts lines, possibly blank
     * @return the outcome
     */
    public static Check hostKey(String fingerprints, String knownHosts) {
        if (fingerprints != null && !fingerprints.isBlank()) {
            return ssh("hostKeyFingerprint", "localhost", fingerprints);
        }
        if (knownHosts == null || knownHosts.isBlank()) {
            return Check.warning("Neither a fingerprint nor known_hosts lines: the host key is checked against the "
                    + "controller's ~/.ssh/known_hosts, which must then list this host");
        }
        return Check.ok();
    }

    /**
     * Checks an absolute path on a server.
     *
     * @param path     the path, possibly blank
     * @param required whether it must be given
     * @param hint     what to say when it is missing
     * @return the outcome
     */
    public static Check absolutePath(String path, boolean required, String hint) {
        if (path == null || path.isBlank()) {
            return required ? Check.error(hint) : Check.ok();
        }
        return path.strip().startsWith("/") ? Check.ok() : Check.error("Give an absolute path on the server");
    }

    /**
     * Checks a TLS check's address.
     *
     * @param value    {@code host:port} or a port, possibly blank
     * @param sshHost  the SSH host, for a bare port
     * @return the outcome
     */
    public static Check verifyTls(String value, String sshHost) {
        if (value == null || value.isBlank()) {
            return Check.ok();
        }
        try {
            var check = TlsCheck.parse(value, sshHost == null || sshHost.isBlank() ? "localhost" : sshHost.strip(),
                    "verifyTls");
            return Check.ok("Checks " + check);
        } catch (InvalidInputException ex) {
            return Check.error(ex.problems().get(0).problem());
        }
    }

    /**
     * Checks a file mode.
     *
     * @param mode octal permissions, possibly blank
     * @return the outcome
     */
    public static Check mode(String mode) {
        try {
            LocalTarget.builder().file(CertificateFile.CERT.fileName(), null, mode, null, null).build();
            return Check.ok();
        } catch (InvalidInputException ex) {
            return of(ex.problems().stream().filter(p -> p.field().equals("targets.files.mode")).toList());
        }
    }
}
