package io.github.acmecertificate.core.store.credentials;

import java.util.Objects;

/**
 * A secret text credential (in Jenkins a {@code StringCredentialsImpl}): here it holds ACME
 * account keys, or the HMAC key of an External Account Binding.
 *
 * <p>{@link #toString()} never shows the secret.
 *
 * @param id          the credential's id
 * @param description its description
 * @param secret      the secret text
 * @since 0.1.0
 */
public record SecretTextEntry(String id, String description, String secret) implements CredentialEntry {

    /**
     * Creates an entry.
     *
     * @param id          the credential's id
     * @param description its description
     * @param secret      the secret text
     */
    public SecretTextEntry {
        Objects.requireNonNull(id, "id");
        description = description == null ? "" : description;
        Objects.requireNonNull(secret, "secret");
    }

    @Override
    public String toString() {
        return "SecretTextEntry[" + id + ", ****]";
    }
}
