package io.github.acmecertificate.maven;

import java.util.Map;
import java.util.Set;

import io.github.acmecertificate.core.challenge.ChallengeType;
import io.github.acmecertificate.core.challenge.dns.DnsProviderOption;
import io.github.acmecertificate.core.challenge.dns.DnsProviders;

/**
 * The one table from the core's neutral field names to what a Maven user writes: the user
 * property, or where in the POM or settings.xml the field lives. A field not listed here is
 * {@code acme.<field>}.
 */
final class AcmeProperties {

    /** Core fields that Maven spells differently: the user property, and what it holds. */
    private static final Map<String, String[]> FIELDS = Map.ofEntries(
            Map.entry("eab", new String[] {"acme.eab.serverId",
                "a settings.xml <server>: username = key id, password = HMAC key"}),
            Map.entry("keystorePassword", new String[] {"acme.keystore.serverId",
                "a settings.xml <server> whose password is used"}),
            Map.entry("deployParallelism", new String[] {"acme.deploy.parallelism"}),
            Map.entry("deployForce", new String[] {"acme.deploy.force"}),
            Map.entry("deployCommandTimeout", new String[] {"acme.deploy.commandTimeout"}),
            Map.entry("deployVerifyTimeout", new String[] {"acme.deploy.verifyTimeout"}),
            Map.entry("dns.credential", new String[] {"acme.dns.serverId",
                "a settings.xml <server>: username and password"}),
            Map.entry("sftpWebroot.server", new String[] {"acme.sftpWebroot.target", "the <name> of an sftp target"}),
            Map.entry("sftpWebroot.credential", new String[] {"acme.sftpWebroot.target",
                "the <serverId> of that sftp target"}),
            Map.entry("webroot", new String[] {"acme.webroot"}),
            Map.entry("reason", new String[] {"acme.revoke.reason"}),
            Map.entry("revokeWith", new String[] {"acme.revoke.with"}));

    /** Core field prefixes and the POM element that holds them. */
    private static final Map<String, String> BLOCKS = Map.of(
            "targets.files.", "<targets><target><files><file><%s> in the POM",
            "targets.", "<targets><target><%s> in the POM");

    /**
     * The user properties the goals declare as parameters (a test compares them with the plugin
     * descriptor); the dns-01 options are read by the names {@link #name(String)} gives the core's
     * options.
     */
    static final Set<String> DECLARED = Set.of(
            "acme.acceptTermsOfService", "acme.account.action", "acme.challenge", "acme.concurrency", "acme.csr",
            "acme.deploy.commandTimeout", "acme.deploy.force", "acme.deploy.parallelism",
            "acme.deploy.verifyTimeout", "acme.deployHook", "acme.domains", "acme.dryRun",
            "acme.eab.serverId", "acme.email", "acme.force", "acme.http.address", "acme.http.port",
            "acme.keyType", "acme.keystore.serverId", "acme.name", "acme.preferredChain", "acme.profile",
            "acme.renewBefore", "acme.reuseKey", "acme.revoke.reason", "acme.revoke.with", "acme.server",
            "acme.serverTrust", "acme.sftpWebroot.path", "acme.sftpWebroot.target", "acme.skip",
            "acme.status.threshold", "acme.store", "acme.timeout", "acme.webroot");

    /**
     * Tells whether a user property exists, so that a hint never names one that does not.
     *
     * @param property e.g. {@code acme.dns.propagationTimeout}
     * @return true for a declared parameter's property or a dns-01 option's
     */
    static boolean exists(String property) {
        return DECLARED.contains(property) || ChallengeType.DNS_01.options().stream()
                .anyMatch(option -> name(option.field()).equals(property));
    }

    private AcmeProperties() {
    }

    /**
     * Returns the user property that sets a core field.
     *
     * @param field the core's neutral field name
     * @return e.g. {@code acme.dns.serverId} for {@code dns.credential}
     */
    static String name(String field) {
        return FIELDS.containsKey(field) ? FIELDS.get(field)[0] : "acme." + field;
    }

    /**
     * Says where a core field is set, for messages.
     *
     * @param field the core's neutral field name
     * @return the user property with what it holds, or the POM element
     */
    static String property(String field) {
        if ("targets".equals(field)) {
            return "<targets> in the POM";
        }
        if (FIELDS.containsKey(field)) {
            var entry = FIELDS.get(field);
            return entry.length == 1 ? entry[0] : entry[0] + " (" + entry[1] + ")";
        }
        for (var prefix : new String[] {"targets.files.", "targets."}) {
            if (field.startsWith(prefix)) {
                return String.format(BLOCKS.get(prefix), field.substring(prefix.length()));
            }
        }
        if (field.startsWith("dns.") && !exists("acme." + field)) {
            return providerOption(field.substring("dns.".length()));
        }
        var property = "acme." + field;
        return exists(property) ? property : "<" + field + "> in the POM";
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
