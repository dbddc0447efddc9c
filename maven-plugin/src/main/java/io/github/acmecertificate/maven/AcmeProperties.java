package io.github.acmecertificate.maven;

import java.util.Map;

/**
 * The user properties the goals read: the plugin's public contract. A core field name maps
 * to {@code acme.<field>} unless listed here.
 */
final class AcmeProperties {

    private static final Map<String, String> SPECIAL = Map.of(
            "eab", "acme.eab.serverId (a settings.xml <server>: username = key id, password = HMAC key)",
            "keystorePassword", "acme.keystore.serverId (a settings.xml <server> whose password is used)");

    private AcmeProperties() {
    }

    static String property(String field) {
        return SPECIAL.getOrDefault(field, "acme." + field);
    }
}
