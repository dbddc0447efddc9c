package io.github.acmecertificate.jenkins.security;

import java.util.Optional;

/**
 * A way the step's work can act on the machine it runs on, beyond the network. On an agent
 * (inside a {@code node} block) any pipeline author can already do as much with {@code sh};
 * on the controller it needs an administrator: a build running as one, or an administrator's
 * switch in the global configuration, one per kind.
 *
 * @since 0.1.0
 */
public enum ControllerUse {

    /** The {@code exec} DNS provider: runs a program. */
    EXEC("runs a program", "Allow the exec DNS provider on the controller", true),

    /** {@code webroot}: writes token files into a folder. */
    WEBROOT("writes files", "Allow webroot on the controller", true),

    /** {@code http01}: opens a listening port for the built-in HTTP server. */
    HTTP01("opens a listening port", "Allow http01 on the controller", true),

    /** DNS options that name a file ({@code tsigSecretFile}, {@code apiTokenFile}, ...): reads it. */
    FILES("reads a file named in the step", "Allow DNS options that name files on the controller", true),

    /** A cloud provider's default credential chain or profile (Route 53 without a credential). */
    CLOUD_IDENTITY("uses the machine's own cloud credentials",
            "Allow DNS providers to use the controller's own cloud credentials", true);

    private final String action;
    private final String switchTitle;
    private final boolean agentReady;

    ControllerUse(String action, String switchTitle, boolean agentReady) {
        this.action = action;
        this.switchTitle = switchTitle;
        this.agentReady = agentReady;
    }

    /**
     * Tells whether the step does this kind of work on the agent of an enclosing {@code node}
     * block (all do: the challenge's solver is built and run there), so that a refusal on the
     * controller may send the user to a {@code node} block.
     *
     * @return true when the step runs it on the agent inside {@code node}
     */
    public boolean agentReady() {
        return agentReady;
    }

    /**
     * Says what the work does, as a verb phrase.
     *
     * @return e.g. {@code runs a program}
     */
    public String action() {
        return action;
    }

    /**
     * Returns the title of the administrator's switch that allows it on the controller, as the
     * global configuration shows it.
     *
     * @return e.g. {@code Allow the exec DNS provider on the controller}
     */
    public String switchTitle() {
        return switchTitle;
    }

    /**
     * Says how a challenge uses the machine it is answered on.
     *
     * @param type       the challenge's symbol: {@code http01}, {@code webroot}, {@code dns01}, ...
     * @param hostAccess for {@code dns01}, what the DNS provider says it uses of the machine, if anything
     * @return the kind of use, or empty when the challenge only talks to the network
     */
    public static Optional<ControllerUse> ofChallenge(String type, Optional<String> hostAccess) {
        return switch (type) {
            case "http01" -> Optional.of(HTTP01);
            case "webroot" -> Optional.of(WEBROOT);
            default -> hostAccess.map(ControllerUse::ofDnsHostAccess);
        };
    }

    /**
     * Classifies what a DNS provider says it uses of the machine it runs on (the core's
     * {@code DnsProviderFactory.hostAccess} phrase).
     *
     * @param hostAccess the provider's phrase, e.g. {@code runs a program on this machine}
     * @return the kind: a program, a file, or otherwise the machine's own cloud identity
     */
    public static ControllerUse ofDnsHostAccess(String hostAccess) {
        if (hostAccess.contains("runs a program")) {
            return EXEC;
        }
        if (hostAccess.contains("reads the file")) {
            return FILES;
        }
        // What remains are the machine's own identities: default credential chains, profiles.
        return CLOUD_IDENTITY;
    }
}
