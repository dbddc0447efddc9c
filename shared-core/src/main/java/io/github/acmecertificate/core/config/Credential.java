package io.github.acmecertificate.core.config;

/**
 * A username and a secret read from a credential a front end keeps (a settings.xml server, a
 * Jenkins credential), for a challenge or a deploy target that refers to it by name.
 *
 * @param username the username, or {@code null}
 * @param secret   the secret, or {@code null}
 * @since 0.1.0
 */
public record Credential(String username, String secret) {
    @Override
    public String toString() {
        return "Credential[username=" + username + ", secret=" + (secret == null ? "none" : "****") + "]";
    }
}
