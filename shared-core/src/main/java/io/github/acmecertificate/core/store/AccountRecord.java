package io.github.acmecertificate.core.store;

import java.net.URL;
import java.security.KeyPair;
import java.util.Objects;
import java.util.Optional;

/**
 * An ACME account as stored: its key pair and, once registered, its location at the CA.
 *
 * <p>{@link #toString()} never shows the key.
 *
 * @since 0.1.0
 */
public final class AccountRecord {

    private final KeyPair keyPair;
    private final URL location;

    /**
     * Creates a record.
     *
     * @param keyPair  the account key pair
     * @param location the account's URL at the CA, or {@code null} before registration
     */
    public AccountRecord(KeyPair keyPair, URL location) {
        this.keyPair = Objects.requireNonNull(keyPair, "keyPair");
        this.location = location;
    }

    /**
     * Returns the account key pair.
     *
     * @return the key pair
     */
    public KeyPair keyPair() {
        return keyPair;
    }

    /**
     * Returns the account's location at the CA.
     *
     * @return the URL, or empty before registration
     */
    public Optional<URL> location() {
        return Optional.ofNullable(location);
    }

    @Override
    public String toString() {
        return "AccountRecord[" + (location == null ? "not registered" : location) + "]";
    }
}
