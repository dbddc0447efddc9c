package io.github.acmecertificate.core.store.credentials;

import java.util.Objects;

/**
 * A credential of a kind this plugin neither reads nor writes (a username and password, an
 * SSH key...). Found under an id the plugin was asked to use, it stops the run with a message
 * rather than being overwritten.
 *
 * @param id          the credential's id
 * @param description its description
 * @param kind        what kind of credential it is, for messages
 * @since 0.1.0
 */
public record OtherEntry(String id, String description, String kind) implements CredentialEntry {

    /**
     * Creates an entry.
     *
     * @param id          the credential's id
     * @param description its description
     * @param kind        what kind of credential it is
     */
    public OtherEntry {
        Objects.requireNonNull(id, "id");
        description = description == null ? "" : description;
        Objects.requireNonNull(kind, "kind");
    }
}
