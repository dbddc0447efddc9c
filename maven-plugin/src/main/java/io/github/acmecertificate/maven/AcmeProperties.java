package io.github.acmecertificate.maven;

import java.util.Map;
import java.util.Set;

import io.github.acmecertificate.core.challenge.dns.DnsProviderOption;
import io.github.acmecertificate.core.challenge.dns.DnsProviders;

/**
 * The user properties the goals read: the plugin's public contract. A core field name maps
 * to {@code acme.<field>} unless listed here.
 */
final class AcmeProperties {

    private static final Map<String, String> SPECIAL = Map.of(
            "eab", "acme.eab.serverId (a settings.xml <server>: username = key id, password = HMAC key)",
            "keystorePassword", "acme.keystore.serverId (a settings.xml <server> whose password is used)");

    /**
     * Every user property of the goals, so that a hint never names one that does not exist
     * (a test compares this with the plugin descriptor).
     */
    static final Set<String> USER_PROPERTIES = Set.of(
            "acme.acceptTermsOfService", "acme.challenge", "acme.csr", "acme.deploy.commandTimeout",
            "acme.deploy.force", "acme.deploy.parallelism", "acme.deploy.verifyTimeout", "acme.deployHook",
            "acme.dns.followCnames", "acme.dns.nameserverPort", "acme.dns.options", "acme.dns.propagationInterval",
            "acme.dns.propagationTimeout", "acme.dns.provider", "acme.dns.queryTimeout", "acme.dns.resolvers",
            "acme.dns.serverId", "acme.dns.skipPropagationCheck", "acme.domains", "acme.dryRun", "acme.eab.serverId",
            "acme.email", "acme.force", "acme.http.address", "acme.http.port", "acme.keyType",
            "acme.keystore.serverId", "acme.name", "acme.preferredChain", "acme.renewBefore", "acme.reuseKey",
            "acme.server", "acme.serverTrust", "acme.sftpWebroot.path", "acme.sftpWebroot.target", "acme.skip",
            "acme.store", "acme.timeout", "acme.webroot");

    private AcmeProperties() {
    }

    static String property(String field) {
        if (SPECIAL.containsKey(field)) {
            return SPECIAL.get(field);
        }
        if (field.startsWith("dns.") && !USER_PROPERTIES.contains("acme." + field)) {
            return providerOption(field.substring("dns.".length()));
        }
        if (field.startsWith("targets.")) {
            return "<targets><target><" + field.substring("targets.".length()) + "> in the POM";
        }
        if (field.startsWith("deploy") && !field.equals("deployHook")) {
            return "acme.deploy." + Character.toLowerCase(field.charAt(6)) + field.substring(7);
        }
        var property = "acme." + field;
        return USER_PROPERTIES.contains(property) ? property : "<" + field + "> in the POM";
    }

    /**
     * A DNS provider's own option has no user property: it goes in {@code acme.dns.options},
     * unless it is a secret, which comes from settings.xml and never from the command line.
     */
    private static String providerOption(String key) {
        boolean secret = DnsProviders.available(AcmeProperties.class.getClassLoader()).stream()
                .flatMap(factory -> factory.options().stream())
                .filter(DnsProviderOption::secret)
                .anyMatch(option -> option.matches(key) || option.matchesFile(key));
        if (secret) {
            return "acme.dns.serverId (a settings.xml <server> whose password is the " + key + "; or "
                    + key + "File=<file> in acme.dns.options)";
        }
        return "acme.dns.options (" + key + "=..., or <dns><options><" + key + "> in the POM)";
    }
}
