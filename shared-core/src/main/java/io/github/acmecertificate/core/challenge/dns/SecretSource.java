package io.github.acmecertificate.core.challenge.dns;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import io.github.acmecertificate.core.exception.AcmeCertificateException;

/**
 * Where a front end keeps the secrets of a DNS provider: {@code settings.xml} servers in
 * Maven, credentials in Jenkins. The core asks it for each secret option by key, and for
 * the option bound to a credential's username when the build configuration leaves it out.
 *
 * <p>Implementations return what they hold and nothing else; they must not log the values.
 * Most front ends hold a username and password, or a single secret text, and can use
 * {@link #ofCredential(DnsProviderFactory, String, String)} rather than implementing this.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface SecretSource {

    /** A source that holds nothing: secrets then come from files ({@code <key>File}) only. */
    SecretSource NONE = key -> Optional.empty();

    /**
     * Looks up the value of one option.
     *
     * @param optionKey the option's camelCase key, e.g. {@code tsigSecret}
     * @return the value, if this source holds one
     * @throws AcmeCertificateException if the store cannot be read; the message must not
     *                                  contain a secret
     */
    Optional<String> lookup(String optionKey) throws AcmeCertificateException;

    /**
     * A source over fixed values, keyed by option key.
     *
     * @param values the values, e.g. {@code tsigSecret -> base64}
     * @return the source
     */
    static SecretSource of(Map<String, String> values) {
        var copy = Map.copyOf(values);
        return key -> Optional.ofNullable(copy.get(key)).filter(v -> !v.isEmpty());
    }

    /**
     * A source over one credential: its username fills the provider's option marked
     * {@link DnsProviderOption.Credential#USERNAME}, its password or secret text the option
     * marked {@link DnsProviderOption.Credential#SECRET}. For a Maven server, pass its
     * username and (decrypted) password; for Jenkins secret text, pass {@code null} as the
     * username.
     *
     * @param provider the provider the credential is for
     * @param username the username, or {@code null}
     * @param secret   the password or secret text, or {@code null}
     * @return the source
     */
    static SecretSource ofCredential(DnsProviderFactory provider, String username, String secret) {
        Objects.requireNonNull(provider, "provider");
        return key -> {
            for (var option : provider.options()) {
                if (!option.key().equals(key)) {
                    continue;
                }
                var value = switch (option.credential()) {
                    case USERNAME -> username;
                    case SECRET -> secret;
                    case NONE -> null;
                };
                return Optional.ofNullable(value).filter(v -> !v.isEmpty());
            }
            return Optional.empty();
        };
    }
}
