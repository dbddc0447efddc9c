package io.github.acmecertificate.jenkins.challenge;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import io.github.acmecertificate.core.challenge.ChallengeSolver;
import io.github.acmecertificate.core.challenge.dns.Dns01Solver;
import io.github.acmecertificate.core.challenge.dns.DnsProviderFactory;
import io.github.acmecertificate.core.challenge.dns.DnsProviders;
import io.github.acmecertificate.core.challenge.dns.DnsServer;
import io.github.acmecertificate.core.challenge.dns.DnsSettings;
import io.github.acmecertificate.core.challenge.dns.SecretSource;
import io.github.acmecertificate.core.exception.AcmeCertificateException;
import io.github.acmecertificate.core.exception.InvalidInputException;
import io.github.acmecertificate.core.exception.InvalidInputException.Problem;
import io.github.acmecertificate.jenkins.credentials.UserCredential;

/**
 * DNS-01 through a DNS provider: the TXT records are written through the provider's API (or
 * program), from the controller. The provider's secret comes from a credential the build may
 * use: a "Secret text" credential, or a "Username with password" one whose username fills the
 * provider's username option (a TSIG key name, an AWS access key ID) and whose password its
 * secret option.
 *
 * @param provider             the provider's name, e.g. {@code rfc2136}
 * @param credentialsId        the credential holding the provider's secret, or empty
 * @param providerOptions      the provider's options as {@code key=value} text ({@link DnsOptions}); never secrets
 * @param propagationTimeout   how long to wait for the nameservers, or empty for the provider's default
 * @param propagationInterval  the pause between two rounds of queries, or empty for the provider's default
 * @param skipPropagationCheck whether to ask the CA to validate without checking the nameservers
 * @param resolvers            recursive resolvers, comma-separated, or empty for the system's
 * @param nameserverPort       the port on which authoritative nameservers are asked
 * @param followCnames         whether {@code _acme-challenge} CNAMEs are followed
 * @param queryTimeout         how long one DNS query waits, or empty for the default
 * @since 0.1.0
 */
public record Dns01Spec(String provider, String credentialsId, String providerOptions, String propagationTimeout,
        String propagationInterval, boolean skipPropagationCheck, String resolvers, int nameserverPort,
        boolean followCnames, String queryTimeout) implements ChallengeSpec, java.io.Serializable {

    /** The type name and symbol. */
    public static final String TYPE = "dns01";

    /**
     * Creates the spec.
     *
     * @param provider             the provider
     * @param credentialsId        the credential, or {@code null}
     * @param providerOptions      the options text, or {@code null}
     * @param propagationTimeout   the propagation time-out, or {@code null}
     * @param propagationInterval  the propagation interval, or {@code null}
     * @param skipPropagationCheck whether to skip the check
     * @param resolvers            the resolvers, or {@code null}
     * @param nameserverPort       the nameservers' port
     * @param followCnames         whether to follow CNAMEs
     * @param queryTimeout         the query time-out, or {@code null}
     */
    public Dns01Spec {
        provider = strip(provider);
        credentialsId = strip(credentialsId);
        providerOptions = strip(providerOptions);
        propagationTimeout = strip(propagationTimeout);
        propagationInterval = strip(propagationInterval);
        resolvers = strip(resolvers);
        queryTimeout = strip(queryTimeout);
    }

    /**
     * Creates a spec with the default DNS settings.
     *
     * @param provider      the provider
     * @param credentialsId the credential, or {@code null}
     * @param options       the options text, or {@code null}
     * @return the spec
     */
    public static Dns01Spec of(String provider, String credentialsId, String options) {
        return new Dns01Spec(provider, credentialsId, options, null, null, false, null, DnsServer.DEFAULT_PORT, true,
                null);
    }

    private static String strip(String value) {
        return value == null ? "" : value.strip();
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Map<String, String> options() {
        var map = new LinkedHashMap<String, String>();
        map.put("provider", provider);
        map.put("credentialsId", credentialsId);
        map.put("options", providerOptions);
        map.put("propagationTimeout", propagationTimeout);
        map.put("propagationInterval", propagationInterval);
        map.put("skipPropagationCheck", Boolean.toString(skipPropagationCheck));
        map.put("resolvers", resolvers);
        map.put("nameserverPort", Integer.toString(nameserverPort));
        map.put("followCnames", Boolean.toString(followCnames));
        map.put("queryTimeout", queryTimeout);
        return map;
    }

    /**
     * Reads a spec written by {@link #options()}.
     *
     * @param map the options
     * @return the spec
     * @throws IllegalArgumentException if the port is not a number
     */
    static Dns01Spec fromOptions(Map<String, String> map) {
        var port = map.getOrDefault("nameserverPort", Integer.toString(DnsServer.DEFAULT_PORT));
        try {
            return new Dns01Spec(map.get("provider"), map.get("credentialsId"), map.get("options"),
                    map.get("propagationTimeout"), map.get("propagationInterval"),
                    Boolean.parseBoolean(map.get("skipPropagationCheck")), map.get("resolvers"),
                    Integer.parseInt(port.strip()), !"false".equals(map.get("followCnames")), map.get("queryTimeout"));
        } catch (NumberFormatException ex) {
            throw new IllegalArgumentException("the dns01 nameserverPort '" + port + "' is not a number", ex);
        }
    }

    @Override
    public ChallengeSolver createSolver(SolverContext context) throws AcmeCertificateException {
        var problems = new ArrayList<Problem>();
        Map<String, String> written = Map.of();
        try {
            written = DnsOptions.parse(providerOptions);
        } catch (InvalidInputException ex) {
            problems.addAll(ex.problems());
        }
        DnsSettings settings = DnsSettings.defaults();
        try {
            settings = DnsSettings.builder()
                    .propagationTimeout(blankToNull(propagationTimeout))
                    .propagationInterval(blankToNull(propagationInterval))
                    .skipPropagationCheck(skipPropagationCheck)
                    .resolvers(resolvers)
                    .nameserverPort(nameserverPort)
                    .followCnames(followCnames)
                    .queryTimeout(blankToNull(queryTimeout))
                    .build();
        } catch (InvalidInputException ex) {
            problems.addAll(ex.problems());
        }
        DnsProviderFactory factory = null;
        try {
            factory = DnsProviders.require(provider, context.providers());
        } catch (InvalidInputException ex) {
            problems.addAll(ex.problems());
        }
        var secrets = SecretSource.NONE;
        if (factory != null && !credentialsId.isEmpty()) {
            var found = context.credentials().find(credentialsId);
            if (found.isEmpty()) {
                problems.add(new Problem("dns.credentialsId", "the credential '" + credentialsId + "' is not visible "
                        + "to this job. Add a Secret text (or Username with password) credential with this id to the "
                        + "job's folder or the global credentials"));
            } else if (found.get() instanceof UserCredential.SecretText text) {
                secrets = SecretSource.ofCredential(factory, null, text.secret());
            } else if (found.get() instanceof UserCredential.UsernamePassword login) {
                secrets = SecretSource.ofCredential(factory, login.username(), login.password());
            } else {
                problems.add(new Problem("dns.credentialsId", "the credential '" + credentialsId + "' is "
                        + found.get().kind() + ". Give a Secret text credential, or a Username with password one"));
            }
        }
        if (factory == null) {
            throw new InvalidInputException(problems);
        }
        try {
            var solver = Dns01Solver.create(factory.name(), written, secrets, settings, context.providers());
            if (problems.isEmpty()) {
                return solver;
            }
            solver.close();
        } catch (InvalidInputException ex) {
            problems.addAll(ex.problems());
        }
        throw new InvalidInputException(problems);
    }

    private static String blankToNull(String value) {
        return value.isEmpty() ? null : value;
    }

    /** What the provider would use of the controller itself: a program, a file, its cloud identity. */
    @Override
    public Optional<String> controllerAccess() {
        Map<String, String> written;
        try {
            written = DnsOptions.parse(providerOptions);
        } catch (InvalidInputException ex) {
            return Optional.empty(); // The run refuses the options anyway.
        }
        return DnsProviders.find(provider, Dns01Solver.class.getClassLoader())
                .flatMap(factory -> factory.hostAccess(written, !credentialsId.isEmpty()))
                .map(use -> use.replace("this machine", "the controller"));
    }

    @Override
    public boolean answerableFromController() {
        return true;
    }

    /**
     * Describes the challenge for the log, as a step argument would read, with the option
     * names but not their values (a secret written there by mistake must not reach the log).
     *
     * @return e.g. {@code dns01(provider: 'rfc2136', credentialsId: 'tsig', options: 'nameserver=...')}
     */
    @Override
    public String describe() {
        String keys;
        try {
            keys = DnsOptions.parse(providerOptions).keySet().stream().map(k -> k + "=...")
                    .collect(Collectors.joining(", "));
        } catch (InvalidInputException ex) {
            keys = "...";
        }
        return TYPE + "(provider: '" + provider + "'" + (credentialsId.isEmpty() ? "" : ", credentialsId: '"
                + credentialsId + "'") + (keys.isEmpty() ? "" : ", options: '" + keys + "'") + ")";
    }
}
