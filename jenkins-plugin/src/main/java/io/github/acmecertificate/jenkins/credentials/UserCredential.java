package io.github.acmecertificate.jenkins.credentials;

import java.util.List;
import java.util.Objects;

/**
 * A credential as a run uses it, whatever kind Jenkins keeps it as. {@link #toString()} never
 * shows a secret.
 *
 * @since 0.1.0
 */
public sealed interface UserCredential extends java.io.Serializable {

    /**
     * Returns the credential's id.
     *
     * @return the id
     */
    String id();

    /**
     * Names the kind of credential, for messages.
     *
     * @return e.g. {@code a Secret text credential}
     */
    String kind();

    /**
     * A "Username with password" credential ({@code StandardUsernamePasswordCredentials}).
     *
     * @param id       the id
     * @param username the username
     * @param password the password
     */
    record UsernamePassword(String id, String username, String password) implements UserCredential {
        /**
         * Creates the credential.
         *
         * @param id       the id
         * @param username the username
         * @param password the password
         */
        public UsernamePassword {
            Objects.requireNonNull(id, "id");
            username = username == null ? "" : username;
            password = password == null ? "" : password;
        }

        @Override
        public String kind() {
            return "a Username with password credential";
        }

        @Override
        public String toString() {
            return "UsernamePassword[" + id + ", " + username + ", ****]";
        }
    }

    /**
     * A "Secret text" credential ({@code StringCredentials}).
     *
     * @param id     the id
     * @param secret the secret
     */
    record SecretText(String id, String secret) implements UserCredential {
        /**
         * Creates the credential.
         *
         * @param id     the id
         * @param secret the secret
         */
        public SecretText {
            Objects.requireNonNull(id, "id");
            secret = secret == null ? "" : secret;
        }

        @Override
        public String kind() {
            return "a Secret text credential";
        }

        @Override
        public String toString() {
            return "SecretText[" + id + ", ****]";
        }
    }

    /**
     * An "SSH Username with private key" credential ({@code SSHUserPrivateKey}).
     *
     * @param id          the id
     * @param username    the login
     * @param privateKeys the private keys, in OpenSSH or PEM form, tried in order
     * @param passphrase  the keys' passphrase, or {@code null}
     */
    record SshPrivateKey(String id, String username, List<String> privateKeys, String passphrase)
            implements UserCredential {
        /**
         * Creates the credential.
         *
         * @param id          the id
         * @param username    the login
         * @param privateKeys the private keys
         * @param passphrase  the passphrase, or {@code null} (or empty) for unencrypted keys
         */
        public SshPrivateKey {
            Objects.requireNonNull(id, "id");
            username = username == null ? "" : username;
            privateKeys = List.copyOf(privateKeys);
            passphrase = passphrase == null || passphrase.isEmpty() ? null : passphrase;
        }

        @Override
        public String kind() {
            return "an SSH Username with private key credential";
        }

        @Override
        public String toString() {
            return "SshPrivateKey[" + id + ", " + username + ", " + privateKeys.size() + " key(s), ****]";
        }
    }

    /**
     * A credential of a kind no part of a run reads (a certificate, a file...).
     *
     * @param id   the id
     * @param kind what it is, e.g. {@code a Certificate credential}
     */
    record Other(String id, String kind) implements UserCredential {
        /**
         * Creates the credential.
         *
         * @param id   the id
         * @param kind what it is
         */
        public Other {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(kind, "kind");
        }
    }
}
