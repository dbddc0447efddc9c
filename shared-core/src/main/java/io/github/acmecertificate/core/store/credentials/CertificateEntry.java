package io.github.acmecertificate.core.store.credentials;

import java.util.Objects;

/**
 * A certificate credential: a key store and the password that opens it. In Jenkins this is
 * a {@code CertificateCredentialsImpl}, which {@code withCredentials([certificate(...)])} binds.
 *
 * <p>{@link #toString()} never shows the password.
 *
 * @param id          the credential's id
 * @param description its description
 * @param password    the key store and key password
 * @param content     the key store
 * @since 0.1.0
 */
public record CertificateEntry(String id, String description, String password, KeyStoreContent content)
        implements CredentialEntry {

    /**
     * Creates an entry.
     *
     * @param id          the credential's id
     * @param description its description
     * @param password    the key store and key password
     * @param content     the key store
     */
    public CertificateEntry {
        Objects.requireNonNull(id, "id");
        description = description == null ? "" : description;
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(content, "content");
    }

    @Override
    public String toString() {
        return "CertificateEntry[" + id + ", " + content + "]";
    }
}
