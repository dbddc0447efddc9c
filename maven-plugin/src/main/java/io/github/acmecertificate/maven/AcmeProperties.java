package io.github.acmecertificate.maven;

import java.util.Map;

/**
 * The one table from the core's neutral field names to what a Maven user writes: the user
 * property, or where in the POM or settings.xml the field lives. A field not listed here is
 * {@code acme.<field>}.
 */
final class AcmeProperties {

    /** Core fields that Maven spells differently. */
    private static final Map<String, String> FIELDS = Map.ofEntries(
            Map.entry("eab", "acme.eab.serverId (a settings.xml <server>: username = key id, password = HMAC key)"),
            Map.entry("keystorePassword", "acme.keystore.serverId (a settings.xml <server> whose password is used)"),
            Map.entry("deployParallelism", "acme.deploy.parallelism"),
            Map.entry("deployForce", "acme.deploy.force"),
            Map.entry("deployCommandTimeout", "acme.deploy.commandTimeout"),
            Map.entry("deployVerifyTimeout", "acme.deploy.verifyTimeout"),
            Map.entry("dns.credential", "acme.dns.serverId (a settings.xml <server>: username and password)"),
            Map.entry("sftpWebroot.server", "acme.sftpWebroot.target (the <name> of an sftp target)"),
            Map.entry("targets", "<targets> in the POM"));

    /** Core field prefixes and the POM element that holds them. */
    private static final Map<String, String> BLOCKS = Map.of(
            "targets.files.", "<targets><target><files><file><%s> in the POM",
            "targets.", "<targets><target><%s> in the POM");

    private AcmeProperties() {
    }

    static String property(String field) {
        if (FIELDS.containsKey(field)) {
            return FIELDS.get(field);
        }
        for (var prefix : new String[] {"targets.files.", "targets."}) {
            if (field.startsWith(prefix)) {
                return String.format(BLOCKS.get(prefix), field.substring(prefix.length()));
            }
        }
        return "acme." + field;
    }
}
