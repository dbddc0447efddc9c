package io.github.acmecertificate.jenkins.security;

import java.util.Optional;

import io.github.acmecertificate.core.exception.StoreException;
import io.github.acmecertificate.jenkins.security.BuildAuthorization.Visibility;
import io.github.acmecertificate.core.store.credentials.CredentialEntry;
import io.github.acmecertificate.core.store.credentials.CredentialsBackend;
import io.github.acmecertificate.core.store.credentials.OwnedCredentials;

/**
 * The credentials as one build may use them through this plugin: every read and write of an
 * existing credential is decided by {@link BuildAuthorization} first, and every write is
 * recorded in the ledger of credentials the plugin wrote ({@link OwnedCredentials}).
 *
 * <ul>
 * <li>A <b>certificate</b> credential is GLOBAL-scoped, for other pipelines to bind: the step
 * reads one only when the build could use it itself, and replaces one only when, in addition,
 * the plugin wrote its current content.</li>
 * <li>An <b>account</b> credential is SYSTEM-scoped, the plugin's own: no build can use it
 * directly, and the step reads or replaces one only when the plugin wrote it.</li>
 * </ul>
 *
 * @since 0.1.0
 */
public final class GuardedCredentials implements CredentialsBackend {

    /** What the credentials are for. */
    public enum Purpose {
        /** Certificate credentials, bound by pipelines. */
        CERTIFICATE,
        /** The plugin's own account key credentials. */
        ACCOUNT
    }

    private final CredentialsBackend credentials;
    private final OwnedCredentials owned;
    private final BuildAuthorization rules;
    private final Purpose purpose;

    /**
     * Guards credentials.
     *
     * @param credentials the credentials of the job's folders and the global store
     * @param owned       the ledger of credentials the plugin wrote
     * @param rules       the build's rules
     * @param purpose     what the credentials are for
     */
    public GuardedCredentials(CredentialsBackend credentials, OwnedCredentials owned, BuildAuthorization rules,
            Purpose purpose) {
        this.credentials = credentials;
        this.owned = owned;
        this.rules = rules;
        this.purpose = purpose;
    }

    private Visibility visibility(String id) {
        return credentials.usable(id) ? Visibility.USABLE : Visibility.HIDDEN;
    }

    @Override
    public Optional<CredentialEntry> find(String id) throws StoreException {
        var found = credentials.find(id);
        if (found.isPresent()) {
            var decision = purpose == Purpose.CERTIFICATE ? rules.readCredential(id, visibility(id))
                    : rules.useOwnCredential(id, owned.owns(credentials.contextOf(id), found.get()));
            decision.require();
        }
        return found;
    }

    @Override
    public boolean usable(String id) {
        return credentials.usable(id);
    }

    @Override
    public boolean add(CredentialEntry entry) throws StoreException {
        owned.claim(credentials.contextOf(entry.id()), entry);
        return credentials.add(entry);
    }

    @Override
    public boolean update(CredentialEntry replacement) throws StoreException {
        var id = replacement.id();
        var current = credentials.find(id);
        if (current.isEmpty()) {
            return false;
        }
        checkReplaceable(id, current.get());
        owned.claim(credentials.contextOf(id), replacement);
        return credentials.update(replacement);
    }

    /**
     * Checks, before anything is written, that the existing credential with this id may be
     * replaced: by the rules of this purpose, given whether the build may use it and whether
     * this plugin wrote it.
     *
     * @param id      the credential's id
     * @param current the credential as it is
     * @throws StoreException if it may not be replaced, saying why and what to do
     */
    void checkReplaceable(String id, CredentialEntry current) throws StoreException {
        var mine = owned.owns(credentials.contextOf(id), current);
        var decision = purpose == Purpose.CERTIFICATE ? rules.replaceCredential(id, visibility(id), mine)
                : rules.useOwnCredential(id, mine);
        decision.require();
    }

    @Override
    public String contextOf(String id) throws StoreException {
        return credentials.contextOf(id);
    }

    @Override
    public String describe(String id) {
        return credentials.describe(id);
    }
}
