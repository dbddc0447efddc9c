package io.github.acmecertificate.core.store.credentials;

/**
 * One credential as the stores of this package see it, whatever keeps it: Jenkins'
 * credentials stores, or an in-memory fake in tests.
 *
 * @since 0.1.0
 */
public sealed interface CredentialEntry permits CertificateEntry, SecretTextEntry, OtherEntry {

    /**
     * Returns the credential's id, which never changes when its content is replaced.
     *
     * @return the id
     */
    String id();

    /**
     * Returns the credential's description, as shown in the credentials list.
     *
     * @return the description, possibly empty
     */
    String description();
}
