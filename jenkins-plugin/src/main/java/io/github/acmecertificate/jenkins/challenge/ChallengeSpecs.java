package io.github.acmecertificate.jenkins.challenge;

import java.util.Map;

import io.github.acmecertificate.core.challenge.ChallengeDescription;
import io.github.acmecertificate.core.challenge.ChallengeType;
import io.github.acmecertificate.jenkins.ssh.SshSpec;

/**
 * Reads challenge specs back from managed-certificate records, which hold the core's
 * {@link ChallengeDescription}: its type and options.
 *
 * @since 0.1.0
 */
public final class ChallengeSpecs {

    private ChallengeSpecs() {
    }

    /**
     * Rebuilds a spec from its type and options, as {@link ChallengeSpec#options()} wrote them.
     *
     * @param type    the type name, in any of its spellings
     * @param options the options, named as the core declares them
     * @return the spec
     * @throws IllegalArgumentException if the type is unknown or an option is malformed
     */
    public static ChallengeSpec fromRecord(String type, Map<String, String> options) {
        var challenge = ChallengeType.find(type)
                .orElseThrow(() -> new IllegalArgumentException("unknown challenge type '" + type + "'"));
        return of(new ChallengeDescription(challenge, options));
    }

    /**
     * Turns a core description into the spec of the step's describable.
     *
     * @param d the description
     * @return the spec
     * @throws IllegalArgumentException if a number is malformed
     */
    public static ChallengeSpec of(ChallengeDescription d) {
        return switch (d.type()) {
            case HTTP_01 -> new Http01Spec(d.get("address"), number(d, "port"));
            case HTTP_01_WEBROOT -> new WebrootSpec(d.get("path"));
            case HTTP_01_SFTP -> new SftpWebrootSpec(ssh(d), d.get("path"));
            case DNS_01 -> new Dns01Spec(d.get("provider"), d.get("credential"), d.get("options"),
                    d.get("propagationTimeout"), d.get("propagationInterval"),
                    Boolean.parseBoolean(d.get("skipPropagationCheck")), d.get("resolvers"),
                    number(d, "nameserverPort"), !"false".equals(d.get("followCnames")), d.get("queryTimeout"));
        };
    }

    /**
     * Reads the SSH server of an {@code http-01-sftp} description.
     *
     * @param d the description
     * @return the SSH settings
     */
    static SshSpec ssh(ChallengeDescription d) {
        return new SshSpec(d.get("host"), number(d, "port"), d.get("credential"), d.get("knownHosts"),
                d.get("hostKeyFingerprint"));
    }

    private static int number(ChallengeDescription d, String option) {
        try {
            return Integer.parseInt(d.get(option).strip());
        } catch (NumberFormatException ex) {
            throw new IllegalArgumentException("the " + d.type().symbol() + " " + option + " '" + d.get(option)
                    + "' is not a number", ex);
        }
    }
}
