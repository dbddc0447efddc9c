package io.github.acmecertificate.jenkins.run;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The plugin's global configuration as plain values: the named servers, and the defaults for
 * steps that leave {@code server}, {@code keyType} or {@code renewBefore} out.
 *
 * @param servers            the configured servers
 * @param defaultServer      the server used when a step names none: a configured server's name, an
 *                           alias or a URL, or blank
 * @param defaultKeyType     the key type used when a step names none, or blank for {@code ec-p256}
 * @param defaultRenewBefore the renewal margin used when a step gives none, or blank for the
 *                           lifetime rule
 * @since 0.1.0
 */
public record GlobalSettings(List<ServerSettings> servers, String defaultServer, String defaultKeyType,
        String defaultRenewBefore) {

    /** No servers, no defaults. */
    public static final GlobalSettings NONE = new GlobalSettings(List.of(), "", "", "");

    /**
     * Creates the settings.
     *
     * @param servers            the servers
     * @param defaultServer      the default server, or {@code null}
     * @param defaultKeyType     the default key type, or {@code null}
     * @param defaultRenewBefore the default margin, or {@code null}
     */
    public GlobalSettings {
        servers = List.copyOf(servers);
        defaultServer = Objects.requireNonNullElse(defaultServer, "").strip();
        defaultKeyType = Objects.requireNonNullElse(defaultKeyType, "").strip();
        defaultRenewBefore = Objects.requireNonNullElse(defaultRenewBefore, "").strip();
    }

    /**
     * Finds a configured server by name (case-insensitive).
     *
     * @param name the name
     * @return the server, if one has this name
     */
    public Optional<ServerSettings> server(String name) {
        if (name == null || name.isBlank()) {
            return Optional.empty();
        }
        return servers.stream().filter(s -> s.name().equalsIgnoreCase(name.strip())).findFirst();
    }

    /**
     * Resolves what a step gave as {@code server}: a configured server by name, or else an
     * alias or URL on its own; a blank value uses the default.
     *
     * @param server the step's value, possibly blank
     * @return the server settings (unnamed for a plain alias or URL); blank directory when
     *         neither the step nor the configuration names a server
     */
    public ServerSettings resolve(String server) {
        var wanted = server == null || server.isBlank() ? defaultServer : server.strip();
        return server(wanted).orElseGet(() -> new ServerSettings("", wanted, "", "", ""));
    }
}
