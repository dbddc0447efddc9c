package io.github.acmecertificate.core.challenge.dns;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One option of a DNS provider, as front ends list it and the documentation shows it.
 *
 * <p>Options are written in camelCase ({@code tsigKeyName}); front ends may also accept
 * {@code tsig-key-name} or {@code TSIG_KEY_NAME}, which {@link #matches(String)} treats as
 * the same key. A secret option is never read from the build configuration: it comes from
 * the front end's credential store (a {@link SecretSource}) or from the file named by the
 * option {@link #fileKey()} ({@code tsigSecretFile}), as lego reads {@code <KEY>_FILE}.
 *
 * <p>An option may also be bound to a credential: front ends that hold a username and
 * password (a Maven {@code settings.xml} server, a Jenkins username/password credential)
 * give the username to the option marked {@link Credential#USERNAME} and the password to the
 * one marked {@link Credential#SECRET}; a single secret (Jenkins secret text) goes to the
 * {@link Credential#SECRET} option.
 *
 * @since 0.1.0
 */
public final class DnsProviderOption {

    /** Which part of a credential, if any, fills this option. */
    public enum Credential {
        /** Not part of a credential. */
        NONE,
        /** Filled by a credential's username when the option itself is not set. */
        USERNAME,
        /** Filled by a credential's password or secret text. */
        SECRET
    }

    private final String key;
    private final String description;
    private final boolean required;
    private final boolean secret;
    private final String defaultValue;
    private final Credential credential;

    private DnsProviderOption(String key, String description, boolean required, boolean secret, String defaultValue,
            Credential credential) {
        if (!key.matches("[a-z][A-Za-z0-9]*")) {
            throw new IllegalArgumentException("option keys are camelCase letters and digits: " + key);
        }
        this.key = key;
        this.description = Objects.requireNonNull(description, "description");
        this.required = required;
        this.secret = secret;
        this.defaultValue = defaultValue;
        this.credential = Objects.requireNonNull(credential, "credential");
    }

    /**
     * Declares an option that must be set.
     *
     * @param key         the camelCase key, e.g. {@code nameserver}
     * @param description one sentence for the documentation and the front ends' help
     * @return the option
     */
    public static DnsProviderOption required(String key, String description) {
        return new DnsProviderOption(key, description, true, false, null, Credential.NONE);
    }

    /**
     * Declares an option that may be left out.
     *
     * @param key          the camelCase key
     * @param description  one sentence for the documentation
     * @param defaultValue the value used when the option is not set, or {@code null} for none
     * @return the option
     */
    public static DnsProviderOption optional(String key, String description, String defaultValue) {
        return new DnsProviderOption(key, description, false, false, defaultValue, Credential.NONE);
    }

    /**
     * Declares a secret option: read from the credential store or from {@code <key>File},
     * never from the build configuration; bound to a credential's secret.
     *
     * @param key         the camelCase key, e.g. {@code tsigSecret}
     * @param description one sentence for the documentation
     * @param required    whether the provider cannot work without it
     * @return the option
     */
    public static DnsProviderOption secret(String key, String description, boolean required) {
        return new DnsProviderOption(key, description, required, true, null, Credential.SECRET);
    }

    /**
     * Returns a copy of this (non-secret) option that a credential's username fills when the
     * option itself is not set.
     *
     * @return the copy
     */
    public DnsProviderOption fromCredentialUsername() {
        if (secret) {
            throw new IllegalStateException("a secret option is a credential's secret, not its username: " + key);
        }
        return new DnsProviderOption(key, description, required, false, defaultValue, Credential.USERNAME);
    }

    /**
     * Returns the key.
     *
     * @return the camelCase key, e.g. {@code tsigKeyName}
     */
    public String key() {
        return key;
    }

    /**
     * Returns the key of the option that names a file holding this secret.
     *
     * @return {@code <key>File}, e.g. {@code tsigSecretFile}
     */
    public String fileKey() {
        return key + "File";
    }

    /**
     * Returns what the option does.
     *
     * @return one or two sentences
     */
    public String description() {
        return description;
    }

    /**
     * Tells whether the provider cannot work without this option.
     *
     * @return true if required
     */
    public boolean required() {
        return required;
    }

    /**
     * Tells whether the value is a secret, kept out of the build configuration and of every
     * message.
     *
     * @return true for a secret
     */
    public boolean secret() {
        return secret;
    }

    /**
     * Returns the value used when the option is not set.
     *
     * @return the default, if there is one
     */
    public Optional<String> defaultValue() {
        return Optional.ofNullable(defaultValue);
    }

    /**
     * Returns which part of a credential fills this option.
     *
     * @return the credential part, or {@link Credential#NONE}
     */
    public Credential credential() {
        return credential;
    }

    /**
     * Tells whether a key as a user wrote it names this option, ignoring case, hyphens,
     * underscores and dots ({@code tsig-key-name}, {@code TSIG_KEY_NAME}).
     *
     * @param written the key as written
     * @return true if it names this option
     */
    public boolean matches(String written) {
        return normalize(written).equals(normalize(key));
    }

    /**
     * Tells whether a key as a user wrote it names this option's file ({@code tsigSecretFile},
     * {@code TSIG_SECRET_FILE}).
     *
     * @param written the key as written
     * @return true if it names {@link #fileKey()}
     */
    public boolean matchesFile(String written) {
        return normalize(written).equals(normalize(fileKey()));
    }

    static String normalize(String key) {
        return key == null ? "" : key.replaceAll("[-_.\\s]", "").toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return key + (required ? " (required)" : "") + (secret ? " (secret)" : "");
    }
}
