package io.github.acmecertificate.core.ssh;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import io.github.acmecertificate.core.exception.InvalidInputException.Problem;
import io.github.acmecertificate.core.exception.InvalidInputException;
import org.apache.sshd.client.config.hosts.KnownHostEntry;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.digest.BuiltinDigests;
import org.apache.sshd.common.util.security.SecurityUtils;

/**
 * An SSH server and how to log in to it: host, port, user, a private key or a password, and
 * how its host key is checked (a known_hosts file or pinned fingerprints; never "accept
 * any"). Used by {@link SftpTarget} and by the HTTP-01 solver that works over SFTP.
 *
 * <p>Everything is checked when the endpoint is built, before any connection: the key is
 * parsed (with its passphrase), the known_hosts file read. {@link #toString()} shows no
 * secret.
 *
 * <pre>{@code
 * SshEndpoint web = SshEndpoint.builder()
 *         .host("web1.example.com").user("deploy")
 *         .privateKey(pemText)                       // or privateKeyFile(path), or password(chars)
 *         .hostKeyFingerprint("SHA256:k0lP...")      // or knownHosts(path)
 *         .build();
 * }</pre>
 *
 * @since 0.1.0
 */
public final class SshEndpoint {

    /** The default SSH port. */
    public static final int DEFAULT_PORT = 22;
    /** The default time allowed to connect and log in. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(30);

    private static final Pattern HOST = Pattern.compile("[0-9A-Za-z.:%_-]{1,253}");
    private static final Pattern FINGERPRINT = Pattern.compile("SHA256:([A-Za-z0-9+/]{43})=?");

    private final String host;
    private final int port;
    private final String user;
    private final List<KeyPair> keys;
    private final char[] password;
    private final Path knownHosts;
    private final List<String> fingerprints;
    private final Duration connectTimeout;

    static {
        MinaSecurity.configure();
    }

    private SshEndpoint(Builder b, List<KeyPair> keys, Path knownHosts, List<String> fingerprints) {
        this.host = b.host.strip();
        this.port = b.port;
        this.user = b.user.strip();
        this.keys = List.copyOf(keys);
        this.password = b.password == null ? null : b.password.clone();
        this.knownHosts = knownHosts;
        this.fingerprints = List.copyOf(fingerprints);
        this.connectTimeout = b.connectTimeout;
    }

    /**
     * Starts a builder.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the host.
     *
     * @return a name or address
     */
    public String host() {
        return host;
    }

    /**
     * Returns the port.
     *
     * @return the TCP port
     */
    public int port() {
        return port;
    }

    /**
     * Returns the login.
     *
     * @return the user name
     */
    public String user() {
        return user;
    }

    /**
     * Returns the known_hosts file the host key is checked against.
     *
     * @return the file, or empty when fingerprints are pinned instead
     */
    public Optional<Path> knownHosts() {
        return Optional.ofNullable(knownHosts);
    }

    /**
     * Returns the pinned host key fingerprints.
     *
     * @return {@code SHA256:...} values, or empty when a known_hosts file is used
     */
    public List<String> hostKeyFingerprints() {
        return fingerprints;
    }

    /**
     * Returns the time allowed to connect and log in.
     *
     * @return the time-out
     */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /**
     * Describes the endpoint for the log.
     *
     * @return e.g. {@code deploy@web1.example.com:22}
     */
    public String describe() {
        return user + "@" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    List<KeyPair> keys() {
        return keys;
    }

    /** A copy of the password, or {@code null}; the caller clears it after use. */
    char[] password() {
        return password == null ? null : password.clone();
    }

    /** Describes how the login is proven, without the secret: key fingerprints or "password". */
    String describeCredentials() {
        var parts = new ArrayList<String>();
        for (var key : keys) {
            parts.add(KeyUtils.getKeyType(key) + " key " + KeyUtils.getFingerPrint(BuiltinDigests.sha256,
                    key.getPublic()));
        }
        if (password != null) {
            parts.add("password");
        }
        return String.join(", then ", parts);
    }

    @Override
    public String toString() {
        return "SshEndpoint[" + describe() + ", " + describeCredentials() + ", host key "
                + (knownHosts != null ? "from " + knownHosts : "pinned " + String.join(",", fingerprints)) + "]";
    }

    /**
     * Builds an {@link SshEndpoint} from plain values, as front ends read them.
     *
     * @since 0.1.0
     */
    public static final class Builder {

        private String fieldPrefix = "targets.";
        private String host;
        private int port = DEFAULT_PORT;
        private String user;
        private String privateKey;
        private Path privateKeyFile;
        private char[] passphrase;
        private char[] password;
        private Path knownHosts;
        private String fingerprints;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;

        private Builder() {
        }

        /**
         * Sets how configuration fields are named in errors: the default {@code targets.}
         * gives {@code targets.host}; the HTTP-01 solver's settings use {@code sftpWebroot.}.
         *
         * @param prefix the prefix, possibly empty
         * @return this
         */
        public Builder fieldPrefix(String prefix) {
            this.fieldPrefix = prefix == null ? "" : prefix;
            return this;
        }

        /**
         * Sets the host.
         *
         * @param host a DNS name or IP address
         * @return this
         */
        public Builder host(String host) {
            this.host = host;
            return this;
        }

        /**
         * Sets the port.
         *
         * @param port 1 to 65535; {@link #DEFAULT_PORT} by default
         * @return this
         */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /**
         * Sets the login.
         *
         * @param user the user name
         * @return this
         */
        public Builder user(String user) {
            this.user = user;
            return this;
        }

        /**
         * Sets the private key, as the text of an OpenSSH or PEM key file (what a Jenkins
         * "SSH username with private key" credential holds).
         *
         * @param pem the key text, or {@code null}
         * @return this
         */
        public Builder privateKey(String pem) {
            this.privateKey = pem;
            return this;
        }

        /**
         * Sets a file to read the private key from (what a settings.xml server's
         * {@code <privateKey>} names).
         *
         * @param file the key file, or {@code null}
         * @return this
         */
        public Builder privateKeyFile(Path file) {
            this.privateKeyFile = file;
            return this;
        }

        /**
         * Sets the private key's passphrase. The array is copied; clear yours after building.
         *
         * @param passphrase the passphrase, or {@code null} for an unencrypted key
         * @return this
         */
        public Builder passphrase(char[] passphrase) {
            this.passphrase = passphrase == null ? null : passphrase.clone();
            return this;
        }

        /**
         * Sets a password to log in with (tried after the key, if both are given). The array is
         * copied; clear yours after building.
         *
         * @param password the password, or {@code null}
         * @return this
         */
        public Builder password(char[] password) {
            this.password = password == null ? null : password.clone();
            return this;
        }

        /**
         * Sets the known_hosts file to check the host key against ({@code ssh-keyscan -p PORT
         * HOST >> known_hosts} makes one; hashed entries are understood). By default, when no
         * fingerprint is pinned either, {@code ~/.ssh/known_hosts}.
         *
         * @param file the file, or {@code null}
         * @return this
         */
        public Builder knownHosts(Path file) {
            this.knownHosts = file;
            return this;
        }

        /**
         * Pins the host key: one or more {@code SHA256:...} fingerprints, separated by commas,
         * as {@code ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub} prints them. The host
         * must present a key with one of them; with {@link #knownHosts} set as well, the key
         * must also be in that file: both checks apply.
         *
         * @param fingerprints the fingerprints, or {@code null}
         * @return this
         */
        public Builder hostKeyFingerprint(String fingerprints) {
            this.fingerprints = fingerprints;
            return this;
        }

        /**
         * Sets the time allowed to connect and log in.
         *
         * @param timeout the time-out; {@link #DEFAULT_CONNECT_TIMEOUT} by default
         * @return this
         */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = timeout;
            return this;
        }

        /**
         * Checks every value and reads the key and the known_hosts file.
         *
         * @return the endpoint
         * @throws InvalidInputException listing every problem found, each naming its field
         */
        public SshEndpoint build() throws InvalidInputException {
            var problems = new ArrayList<Problem>();
            var label = "SSH target " + (host == null || host.isBlank() ? "" : host.strip() + " ");
            if (host == null || host.isBlank()) {
                problems.add(new Problem(fieldPrefix + "host", "the SSH host is required"));
            } else if (!HOST.matcher(host.strip()).matches()) {
                problems.add(new Problem(fieldPrefix + "host", "'" + host + "' is not a host name or IP address"));
            }
            if (port < 1 || port > 65535) {
                problems.add(new Problem(fieldPrefix + "port", label + "has port " + port
                        + ", which is not a TCP port (1 to 65535; SSH uses 22)"));
            }
            if (user == null || user.isBlank()) {
                problems.add(new Problem(fieldPrefix + "user", label + "needs the user to log in as"));
            } else if (!user.strip().matches("[^\\s:@/\\\\]{1,64}")) {
                problems.add(new Problem(fieldPrefix + "user", label + "has an invalid user name"));
            }
            if (connectTimeout == null || connectTimeout.isNegative() || connectTimeout.isZero()) {
                problems.add(new Problem(fieldPrefix + "connectTimeout", label + "needs a positive time-out"));
            }
            var keys = readKeys(label, problems);
            if (keys.isEmpty() && password == null && noKeyGiven()) {
                problems.add(new Problem(fieldPrefix + "privateKey", label + "needs a private key or a password "
                        + "to log in with"));
            }
            var pinned = parseFingerprints(label, problems);
            var knownHostsFile = knownHosts;
            if (knownHostsFile == null && pinned.isEmpty()) {
                var standard = Path.of(System.getProperty("user.home"), ".ssh", "known_hosts");
                if (Files.isReadable(standard)) {
                    knownHostsFile = standard;
                } else {
                    problems.add(new Problem(fieldPrefix + "hostKeyFingerprint", label + "needs its host key "
                            + "checked, and there is no " + standard + ". Set hostKeyFingerprint to the output of "
                            + "`ssh-keyscan -p " + port + " " + (host == null ? "HOST" : host.strip())
                            + " | ssh-keygen -lf -` (verify it on the server with `ssh-keygen -lf "
                            + "/etc/ssh/ssh_host_ed25519_key.pub`), or knownHosts to a known_hosts file"));
                }
            }
            if (knownHostsFile != null) {
                checkKnownHosts(knownHostsFile, label, problems);
            }
            if (!problems.isEmpty()) {
                throw new InvalidInputException(problems);
            }
            return new SshEndpoint(this, keys, knownHostsFile, pinned);
        }

        private boolean noKeyGiven() {
            return (privateKey == null || privateKey.isBlank()) && privateKeyFile == null;
        }

        private List<KeyPair> readKeys(String label, List<Problem> problems) {
            var keys = new ArrayList<KeyPair>();
            String text = null;
            String source = "privateKey";
            if (privateKey != null && !privateKey.isBlank()) {
                text = privateKey;
            } else if (privateKeyFile != null) {
                source = "privateKeyFile";
                try {
                    text = Files.readString(privateKeyFile, StandardCharsets.US_ASCII);
                } catch (IOException | RuntimeException ex) {
                    problems.add(new Problem(fieldPrefix + "privateKeyFile", label + "cannot read the key file "
                            + privateKeyFile + ": " + ex.getMessage()));
                    return keys;
                }
            }
            if (text == null) {
                return keys;
            }
            var secret = passphrase == null ? null : new String(passphrase);
            try {
                var provider = secret == null ? FilePasswordProvider.EMPTY : FilePasswordProvider.of(secret);
                var loaded = SecurityUtils.loadKeyPairIdentities(null, NamedResource.ofName(source),
                        new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII)), provider);
                if (loaded != null) {
                    loaded.forEach(keys::add);
                }
                if (keys.isEmpty()) {
                    problems.add(new Problem(fieldPrefix + source, label + "was given a private key that holds no "
                            + "key. Give an OpenSSH (BEGIN OPENSSH PRIVATE KEY) or PEM private key"));
                }
            } catch (IOException | GeneralSecurityException | RuntimeException ex) {
                if (secret == null && text.contains("-----BEGIN")) {
                    try {
                        keys.add(PrivateKeys.fromPem(text));
                        return keys;
                    } catch (IOException | GeneralSecurityException | RuntimeException again) {
                        // Not a plain PEM key either: report the SSH library's reason.
                    }
                }
                // The parser's message names the format problem, never the key material.
                problems.add(new Problem(fieldPrefix + source, label + "cannot read the private key ("
                        + ex.getClass().getSimpleName() + (ex.getMessage() == null ? "" : ": " + ex.getMessage())
                        + "). Give an unencrypted OpenSSH or PEM key, or an encrypted one with its passphrase"));
            }
            return keys;
        }

        private List<String> parseFingerprints(String label, List<Problem> problems) {
            var result = new ArrayList<String>();
            if (fingerprints == null || fingerprints.isBlank()) {
                return result;
            }
            for (var part : fingerprints.split("[,\\s]+")) {
                if (part.isEmpty()) {
                    continue;
                }
                var matcher = FINGERPRINT.matcher(part);
                if (matcher.matches()) {
                    result.add("SHA256:" + matcher.group(1));
                } else {
                    problems.add(new Problem(fieldPrefix + "hostKeyFingerprint", label + "has '" + part
                            + "', which is not a SHA256 host key fingerprint. Give it as `ssh-keygen -lf` prints "
                            + "it, e.g. SHA256:uNiVztksCsDhcc0u9e8BujQXVUpKZIDTMczCvj3tD2s"));
                }
            }
            return result;
        }

        private void checkKnownHosts(Path file, String label, List<Problem> problems) {
            try {
                KnownHostEntry.readKnownHostEntries(file);
            } catch (IOException | RuntimeException ex) {
                problems.add(new Problem(fieldPrefix + "knownHosts", label + "cannot read the known_hosts file "
                        + file + ": " + ex.getMessage()));
            }
        }
    }
}
