package io.github.acmecertificate.jenkins.challenge;

import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import io.github.acmecertificate.core.challenge.ChallengeDescription;
import io.github.acmecertificate.core.challenge.ChallengeType;
import io.github.acmecertificate.core.challenge.dns.Dns01Solver;
import io.github.acmecertificate.core.challenge.dns.DnsProviders;
import io.github.acmecertificate.core.challenge.dns.DnsServer;
import io.github.acmecertificate.core.exception.InvalidInputException;

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
        boolean followCnames, String queryTimeout) implements ChallengeSpec {

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
    public ChallengeDescription description() {
        return ChallengeDescription.builder(ChallengeType.DNS_01).option("provider", provider)
                .option("credential", credentialsId).option("options", providerOptions)
                .option("propagationTimeout", propagationTimeout).option("propagationInterval", propagationInterval)
                .option("skipPropagationCheck", skipPropagationCheck).option("resolvers", resolvers)
                .option("nameserverPort", nameserverPort).option("followCnames", followCnames)
                .option("queryTimeout", queryTimeout).build();
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
