package io.github.acmecertificate.core.deploy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Optional;

import io.github.acmecertificate.core.exception.InvalidInputException;
import io.github.acmecertificate.core.exception.InvalidInputException.Problem;

/**
 * How a deploy run behaves as a whole: how many targets at once, the PKCS#12 password,
 * whether to write targets that already hold the certificate, and time limits.
 *
 * <p>{@link #toString()} never shows the password.
 *
 * @since 0.1.0
 */
public final class DeployOptions {

    /** How many targets are deployed at once by default. */
    public static final int DEFAULT_PARALLELISM = 4;
    /** The most targets deployed at once. */
    public static final int MAX_PARALLELISM = 32;
    /** How long a reload command may run by default. */
    public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofMinutes(2);
    /** How long the TLS check waits for the server to serve the new certificate by default. */
    public static final Duration DEFAULT_VERIFY_TIMEOUT = Duration.ofSeconds(30);

    private final int parallelism;
    private final char[] keystorePassword;
    private final boolean force;
    private final Duration commandTimeout;
    private final Duration verifyTimeout;

    private DeployOptions(Builder b) {
        this.parallelism = b.parallelism;
        this.keystorePassword = b.keystorePassword == null ? null : b.keystorePassword.clone();
        this.force = b.force;
        this.commandTimeout = b.commandTimeout;
        this.verifyTimeout = b.verifyTimeout;
    }

    /**
     * Returns the defaults: four targets at once, no key store password, targets that hold
     * the certificate are skipped, two minutes per command, thirty seconds for the TLS check.
     *
     * @return the defaults
     */
    public static DeployOptions defaults() {
        return new DeployOptions(new Builder());
    }

    /**
     * Starts a builder with the defaults.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns how many targets are deployed at once.
     *
     * @return 1 to {@link #MAX_PARALLELISM}
     */
    public int parallelism() {
        return parallelism;
    }

    /**
     * Returns a copy of the PKCS#12 password, which {@code keystore.p12} needs.
     *
     * @return the password, or empty when none was given
     */
    public Optional<char[]> keystorePassword() {
        return Optional.ofNullable(keystorePassword).map(char[]::clone);
    }

    boolean hasKeystorePassword() {
        return keystorePassword != null;
    }

    /**
     * Tells whether targets that already hold the certificate are written anyway.
     *
     * @return true to write every target
     */
    public boolean force() {
        return force;
    }

    /**
     * Returns how long a reload command may run.
     *
     * @return the time-out
     */
    public Duration commandTimeout() {
        return commandTimeout;
    }

    /**
     * Returns how long the TLS check waits for the server to serve the new certificate.
     *
     * @return the time-out
     */
    public Duration verifyTimeout() {
        return verifyTimeout;
    }

    @Override
    public String toString() {
        return "DeployOptions[parallelism=" + parallelism + ", keystorePassword="
                + (keystorePassword == null ? "none" : "set") + ", force=" + force + ", commandTimeout="
                + commandTimeout + ", verifyTimeout=" + verifyTimeout + "]";
    }

    /**
     * Builds {@link DeployOptions}.
     *
     * @since 0.1.0
     */
    public static final class Builder {

        private int parallelism = DEFAULT_PARALLELISM;
        private char[] keystorePassword;
        private boolean force;
        private Duration commandTimeout = DEFAULT_COMMAND_TIMEOUT;
        private Duration verifyTimeout = DEFAULT_VERIFY_TIMEOUT;

        private Builder() {
        }

        /**
         * Sets how many targets are deployed at once.
         *
         * @param parallelism 1 to {@link #MAX_PARALLELISM}
         * @return this
         */
        public Builder parallelism(int parallelism) {
            this.parallelism = parallelism;
            return this;
        }

        /**
         * Sets the PKCS#12 password for {@code keystore.p12} (a file store keeps one per
         * certificate: {@code FileStore#keystorePassword(name)}). The array is copied.
         *
         * @param password the password, or {@code null}
         * @return this
         */
        public Builder keystorePassword(char[] password) {
            this.keystorePassword = password == null ? null : password.clone();
            return this;
        }

        /**
         * Writes targets even when they already hold the certificate.
         *
         * @param force true to write every target
         * @return this
         */
        public Builder force(boolean force) {
            this.force = force;
            return this;
        }

        /**
         * Sets how long a reload command may run.
         *
         * @param timeout a positive duration
         * @return this
         */
        public Builder commandTimeout(Duration timeout) {
            this.commandTimeout = timeout;
            return this;
        }

        /**
         * Sets how long the TLS check waits for the server to serve the new certificate.
         *
         * @param timeout a positive duration
         * @return this
         */
        public Builder verifyTimeout(Duration timeout) {
            this.verifyTimeout = timeout;
            return this;
        }

        /**
         * Checks the values.
         *
         * @return the options
         * @throws InvalidInputException naming each wrong field
         */
        public DeployOptions build() throws InvalidInputException {
            var problems = new ArrayList<Problem>();
            if (parallelism < 1 || parallelism > MAX_PARALLELISM) {
                problems.add(new Problem("deployParallelism", parallelism + " targets at once is out of range. "
                        + "Give 1 to " + MAX_PARALLELISM));
            }
            if (commandTimeout == null || commandTimeout.isNegative() || commandTimeout.isZero()) {
                problems.add(new Problem("deployCommandTimeout", "the reload command needs a positive time-out"));
            }
            if (verifyTimeout == null || verifyTimeout.isNegative() || verifyTimeout.isZero()) {
                problems.add(new Problem("deployVerifyTimeout", "the TLS check needs a positive time-out"));
            }
            if (!problems.isEmpty()) {
                throw new InvalidInputException(problems);
            }
            return new DeployOptions(this);
        }
    }
}
