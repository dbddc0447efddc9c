package io.github.acmecertificate.jenkins.challenge;

import java.util.Optional;

import io.github.acmecertificate.core.exception.StoreException;

/**
 * Reads secret text credentials by id from the global configuration's credentials: the HMAC
 * key of an External Account Binding. In Jenkins it looks in the global credentials as the
 * system, where the administrator who configured the server put them. (What a step names,
 * such as a DNS provider's token, is read as the build would, through
 * {@link io.github.acmecertificate.jenkins.credentials.CredentialLookup}.)
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface SecretLookup {

    /** A lookup that finds nothing. */
    SecretLookup NONE = id -> Optional.empty();

    /**
     * Reads a secret text credential.
     *
     * @param credentialsId the credential's id
     * @return the secret, or empty if there is no secret text with this id
     * @throws StoreException if it exists but cannot be read
     */
    Optional<String> secretText(String credentialsId) throws StoreException;
}
