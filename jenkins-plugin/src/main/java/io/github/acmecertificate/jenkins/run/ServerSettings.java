package io.github.acmecertificate.jenkins.run;

import java.util.Objects;

/**
 * An ACME server configured by name in the global configuration: where it is, which root to
 * trust for a private CA, and its External Account Binding.
 *
 * @param name             the name steps use in {@code server:}
 * @param directory        an alias or the directory URL
 * @param trustedRootPem   the PEM root certificate(s) to trust for its HTTPS endpoint, or blank
 * @param eabKeyId         the EAB key id, or blank
 * @param eabCredentialsId the id of the secret text credential holding the EAB HMAC key, or blank
 * @since 0.1.0
 */
public record ServerSettings(String name, String directory, String trustedRootPem, String eabKeyId,
        String eabCredentialsId) {

    /**
     * Creates the settings.
     *
     * @param name             the name
     * @param directory        the alias or URL
     * @param trustedRootPem   the root PEM, or {@code null}
     * @param eabKeyId         the EAB key id, or {@code null}
     * @param eabCredentialsId the EAB HMAC credential, or {@code null}
     */
    public ServerSettings {
        name = Objects.requireNonNullElse(name, "").strip();
        directory = Objects.requireNonNullElse(directory, "").strip();
        trustedRootPem = Objects.requireNonNullElse(trustedRootPem, "").strip();
        eabKeyId = Objects.requireNonNullElse(eabKeyId, "").strip();
        eabCredentialsId = Objects.requireNonNullElse(eabCredentialsId, "").strip();
    }

    /**
     * Tells whether an External Account Binding is configured.
     *
     * @return true if a key id or a credential is set
     */
    public boolean hasExternalAccountBinding() {
        return !eabKeyId.isEmpty() || !eabCredentialsId.isEmpty();
    }
}
