package io.github.acmecertificate.jenkins.credentials;

import java.util.Optional;

import io.github.acmecertificate.core.exception.StoreException;

/**
 * Reads the credentials a step names by id (an SSH key, a username and password, a secret
 * text), as the build that runs the step may use them: in Jenkins through
 * {@code CredentialsProvider.findCredentialById} for the build, which also records their use
 * ({@code JenkinsCredentialLookup}); for the scheduled renewal, in the context of the job that
 * last ran the step. Tests use an in-memory map.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface CredentialLookup {

    /** A lookup that finds nothing. */
    CredentialLookup NONE = id -> Optional.empty();

    /**
     * Finds a credential.
     *
     * @param id the credential's id
     * @return the credential, or empty when none with this id is visible
     * @throws StoreException if it exists but cannot be read
     */
    Optional<UserCredential> find(String id) throws StoreException;
}
