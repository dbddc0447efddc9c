package io.github.acmecertificate.maven;

import java.util.Map;

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
        return "acme." + field;
    }
}
