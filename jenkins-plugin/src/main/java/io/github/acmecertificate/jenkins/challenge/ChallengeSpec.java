package io.github.acmecertificate.jenkins.challenge;

import java.util.ArrayList;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

import io.github.acmecertificate.core.challenge.ChallengeDescription;
import io.github.acmecertificate.core.challenge.ChallengeSolver;
import io.github.acmecertificate.core.challenge.ChallengeType;
import io.github.acmecertificate.core.challenge.Http01SftpSolver;
import io.github.acmecertificate.core.challenge.dns.Dns01Solver;
import io.github.acmecertificate.core.challenge.dns.DnsProviders;
import io.github.acmecertificate.core.config.Values;
import io.github.acmecertificate.core.exception.AcmeCertificateException;
import io.github.acmecertificate.core.exception.InvalidInputException;
import io.github.acmecertificate.core.exception.InvalidInputException.Problem;
import io.github.acmecertificate.core.ssh.SshEndpoint;
import io.github.acmecertificate.jenkins.ssh.SshSpec;

/**
 * The step's challenge: the core's {@link ChallengeDescription}, which the describables build
 * directly and the managed-certificate record keeps, with what only Jenkins asks of it: how it
 * reads in a Jenkinsfile, and whether it uses the controller itself.
 *
 * @param description the core's description
 * @since 0.1.0
 */
public record ChallengeSpec(ChallengeDescription description) {

    /** How the core names the SFTP web root's SSH fields in errors. */
    public static final String SFTP_FIELD_PREFIX = "sftpWebroot.";

    /**
     * Creates the spec.
     *
     * @param description the description
     */
    public ChallengeSpec {
        Objects.requireNonNull(description, "description");
    }

    /**
     * Returns HTTP-01 on port 80 of every interface, the step's default.
     *
     * @return the spec
     */
    public static ChallengeSpec defaults() {
        return new ChallengeSpec(ChallengeDescription.builder(ChallengeType.HTTP_01).option("port", 80).build());
    }

    /**
     * Starts a description of the type a describable's symbol names.
     *
     * @param type e.g. {@code dns01}
     * @return the core's builder
     */
    public static ChallengeDescription.Builder builder(ChallengeType type) {
        return ChallengeDescription.builder(type);
    }

    /**
     * Describes HTTP-01 answered by the built-in server.
     *
     * @param address the address, or {@code null} for every interface
     * @param port    the port
     * @return the spec
     */
    public static ChallengeSpec http01(String address, int port) {
        return new ChallengeSpec(builder(ChallengeType.HTTP_01).option("address", blankToNull(address))
                .option("port", port).build());
    }

    /**
     * Describes HTTP-01 answered by files in a folder of the controller.
     *
     * @param path the document root
     * @return the spec
     */
    public static ChallengeSpec webroot(String path) {
        return new ChallengeSpec(builder(ChallengeType.HTTP_01_WEBROOT).option("path", path).build());
    }

    /**
     * Describes DNS-01 with the default DNS settings.
     *
     * @param provider      the DNS provider
     * @param credentialsId the credential holding its secret, or {@code null}
     * @param options       its options as {@code key=value} text, or {@code null}
     * @return the spec
     */
    public static ChallengeSpec dns01(String provider, String credentialsId, String options) {
        return new ChallengeSpec(builder(ChallengeType.DNS_01).option("provider", provider)
                .option("credential", credentialsId).option("options", options).build());
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /**
     * Describes an SFTP web root.
     *
     * @param ssh  the web server and how to log in
     * @param path its document root
     * @return the spec
     */
    public static ChallengeSpec sftpWebroot(SshSpec ssh, String path) {
        return new ChallengeSpec(builder(ChallengeType.HTTP_01_SFTP).option("host", ssh.host())
                .option("port", ssh.port()).option("credential", ssh.credentialsId())
                .option("knownHosts", ssh.knownHosts()).option("hostKeyFingerprint", ssh.hostKeyFingerprint())
                .option("path", path).build());
    }

    /**
     * Rebuilds a spec from a record.
     *
     * @param type    the type, in any spelling
     * @param options the options, named as the core declares them
     * @return the spec
     * @throws IllegalArgumentException if the type is unknown or a number is malformed
     */
    public static ChallengeSpec fromRecord(String type, Map<String, String> options) {
        var challenge = ChallengeType.find(type)
                .orElseThrow(() -> new IllegalArgumentException("unknown challenge type '" + type + "'"));
        var spec = new ChallengeSpec(new ChallengeDescription(challenge, options));
        for (var option : challenge.options()) {
            var problems = new ArrayList<Problem>();
            if (option.kind() == io.github.acmecertificate.core.config.Option.Kind.PORT
                    && options.containsKey(option.name()) && !options.get(option.name()).isBlank()) {
                Values.port(option.field(), options.get(option.name()), problems);
            }
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException("the " + challenge.symbol() + " " + option.name() + " '"
                        + options.get(option.name()) + "' is not a number");
            }
        }
        return spec;
    }

    /**
     * Returns the type as the step's symbol names it.
     *
     * @return e.g. {@code dns01}
     */
    public String type() {
        return description.type().symbol();
    }

    /**
     * Returns the options kept in the record: the description's.
     *
     * @return the options; never secrets, only credential ids
     */
    public Map<String, String> options() {
        return description.options();
    }

    /**
     * Returns the SSH server of an SFTP web root.
     *
     * @return the SSH settings
     */
    public SshSpec ssh() {
        var d = description;
        return new SshSpec(d.get("host"), Integer.parseInt(d.get("port")), d.get("credential"), d.get("knownHosts"),
                d.get("hostKeyFingerprint"));
    }

    /**
     * Builds the solver through the core's mapping. Nothing is started and nothing is contacted.
     * For an SFTP web root, the SSH and the path problems are reported together.
     *
     * @param context the credentials the build may use
     * @return a new solver
     * @throws InvalidInputException    naming every option that is wrong
     * @throws AcmeCertificateException if a credential cannot be read
     */
    public ChallengeSolver createSolver(SolverContext context) throws AcmeCertificateException {
        if (description.type() != ChallengeType.HTTP_01_SFTP) {
            return description.createSolver(context);
        }
        var problems = new ArrayList<Problem>();
        SshEndpoint endpoint = null;
        try {
            endpoint = context.sshEndpoint(description);
        } catch (InvalidInputException ex) {
            problems.addAll(ex.problems());
        }
        var path = description.get("path");
        if (path.isEmpty() || !path.startsWith("/")) {
            var host = description.get("host");
            problems.add(new Problem(SFTP_FIELD_PREFIX + "path", "give the web server's document root as an absolute "
                    + "path on " + (host.isEmpty() ? "the SSH server" : host) + " (e.g. /var/www/html), not '"
                    + path + "'"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return new Http01SftpSolver(endpoint, path);
    }

    /**
     * Tells whether the controller can answer this challenge outside a build (the scheduled
     * renewal): every challenge the step offers can.
     *
     * @return true
     */
    public boolean answerableFromController() {
        return true;
    }

    /**
     * Says how answering uses the controller itself on a build's behalf (its file system, its
     * processes, its own cloud identity), which only a build running as an administrator may do.
     *
     * @return e.g. {@code writes files on the controller}, or empty when it does not
     */
    public Optional<String> controllerAccess() {
        switch (description.type()) {
            case HTTP_01_WEBROOT:
                return Optional.of("writes files on the controller");
            case DNS_01:
                Map<String, String> written;
                try {
                    written = Values.keyValues("dns.options", description.get("options"));
                } catch (InvalidInputException ex) {
                    return Optional.empty(); // The run refuses the options anyway.
                }
                var hasCredential = !description.get("credential").isEmpty();
                return DnsProviders.find(description.get("provider"), Dns01Solver.class.getClassLoader())
                        .flatMap(factory -> factory.hostAccess(written, hasCredential))
                        .map(use -> use.replace("this machine", "the controller"));
            default:
                return Optional.empty();
        }
    }

    /**
     * Tells whether only a build running as an administrator may use this challenge.
     *
     * @return true when {@link #controllerAccess()} says how it uses the controller
     */
    public boolean requiresAdministrator() {
        return controllerAccess().isPresent();
    }

    /**
     * Describes the challenge for the log, as a step argument would read, with option names
     * but never a DNS option's value (a secret written there by mistake must not reach the log).
     *
     * @return e.g. {@code dns01(provider: 'rfc2136', credentialsId: 'tsig', options: 'nameserver=...')}
     */
    public String describe() {
        var d = description;
        return switch (d.type()) {
            case HTTP_01 -> "http01(" + (d.get("address").isEmpty() ? "" : "address: '" + d.get("address") + "', ")
                    + "port: " + d.get("port") + ")";
            case HTTP_01_WEBROOT -> "webroot(path: '" + d.get("path") + "')";
            case HTTP_01_SFTP -> "sftpWebroot(" + ssh().describe() + ", path: '" + d.get("path") + "')";
            case DNS_01 -> {
                String keys;
                try {
                    keys = Values.keyValues("dns.options", d.get("options")).keySet().stream().map(k -> k + "=...")
                            .collect(Collectors.joining(", "));
                } catch (InvalidInputException ex) {
                    keys = "...";
                }
                var credential = d.get("credential");
                yield "dns01(provider: '" + d.get("provider") + "'" + (credential.isEmpty() ? ""
                        : ", credentialsId: '" + credential + "'") + (keys.isEmpty() ? "" : ", options: '" + keys
                        + "'") + ")";
            }
        };
    }
}
