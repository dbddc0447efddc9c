package io.github.acmecertificate.core.store.credentials;

import java.util.Optional;

import io.github.acmecertificate.core.exception.StoreException;

/**
 * The credentials layer as the stores of this package use it: find a credential by id, add one,
 * replace one in place. In Jenkins it is backed by the credentials stores of a job's folders
 * and the global store ({@code JenkinsCredentialsBackend}); tests use an in-memory fake that
 * keeps the same rules.
 *
 * <p>The rules every implementation keeps, as Jenkins' {@code CredentialsStore} does:
 * {@link #add} returns false and changes nothing when the id exists; {@link #update} keeps the
 * id (so every binding of it keeps working) and returns false when the id does not exist.
 * Writes are checked against the permissions of whoever runs the build before they are made.
 *
 * @since 0.1.0
 */
public interface CredentialsBackend {

    /**
     * Finds a credential by id, nearest store first.
     *
     * @param id the id
     * @return the credential, or empty if no store holds one with this id
     * @throws StoreException if it exists but cannot be read
     */
    Optional<CredentialEntry> find(String id) throws StoreException;

    /**
     * Tells whether the build (or, for the scheduled renewal, the job's authentication) could
     * use the existing credential with this id itself, as {@code withCredentials} would: never a
     * SYSTEM-scoped credential, nor one outside what the job may use.
     *
     * @param id the id of an existing credential
     * @return true if the build may use it; by default true (stores without scopes)
     */
    default boolean usable(String id) {
        return true;
    }

    /**
     * Adds a credential where new credentials go.
     *
     * @param entry the credential
     * @return true if added; false if a credential with this id already exists
     * @throws StoreException if the store refuses it (permission, invalid content) or cannot save
     */
    boolean add(CredentialEntry entry) throws StoreException;

    /**
     * Replaces the content of the credential with the entry's id, where it is kept, keeping the id.
     *
     * @param replacement the new content, with the id of the credential to replace
     * @return true if replaced; false if no credential with this id exists
     * @throws StoreException if the store refuses it (permission, invalid content) or cannot save
     */
    boolean update(CredentialEntry replacement) throws StoreException;

    /**
     * Names the store that holds the credential with this id, or that would receive it, as a
     * stable key: the empty string for the global store, a folder's full name otherwise.
     *
     * @param id the id
     * @return the store's key
     * @throws StoreException if no store is usable
     */
    String contextOf(String id) throws StoreException;

    /**
     * Describes, for the build log, where the credential with this id is kept or would be kept.
     *
     * @param id the id
     * @return e.g. {@code credential 'web-tls' in the global credentials}
     */
    String describe(String id);

    /**
     * Adds the credential, or replaces the content of the one with the same id: what a store
     * write is, whether or not the id exists yet, also when another build creates or removes
     * it at the same time.
     *
     * @param entry the credential
     * @throws StoreException if it cannot be written
     */
    default void put(CredentialEntry entry) throws StoreException {
        for (int attempt = 0; attempt < 3; attempt++) {
            if (find(entry.id()).isPresent() ? update(entry) : add(entry)) {
                return;
            }
        }
        throw new StoreException("Could not write " + describe(entry.id()) + ": it was created or removed by "
                + "someone else at the same time, three times in a row. Run again", null);
    }
}
