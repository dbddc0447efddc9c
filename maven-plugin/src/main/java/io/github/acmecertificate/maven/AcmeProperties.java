package io.github.acmecertificate.maven;

import java.util.Map;

/**
 * The user properties the goals read: the plugin's public contract. A core field name maps
 * to {@code acme.<field>} unless listed here.
 */
final class AcmeProperties {

    private static final Map<String, String> SPECIAL = Map.of(
            "eab", "acme.eab.serverId (a settings.xml <server>: username = key id, password = HMAC key)",
            "keystorePassword", "acme.keystore.serverId (a settings.xml <server> whose password is used)",
            "reason", "acme.revoke.reason",
            "revokeWith", "acme.revoke.with");

    private AcmeProperties() {
    }

    static String property(String field) {
        if (SPECIAL.containsKey(field)) {
            return SPECIAL.get(field);
        }
        if (field.startsWith("targets.")) {
            return "<targets><target><" + field.substring("targets.".length()) + "> in the POM";
        }
        if (field.startsWith("deploy")) {
            return "acme.deploy." + Character.toLowerCase(field.charAt(6)) + field.substring(7);
        }
        return "acme." + field;
    }
}
