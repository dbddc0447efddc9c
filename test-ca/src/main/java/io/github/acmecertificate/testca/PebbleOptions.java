package io.github.acmecertificate.testca;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Immutable options for {@link Pebble#start(PebbleOptions)}.
 *
 * <p>Start from {@link #defaults()} and derive variants; every {@code withX} method returns a new
 * copy and leaves the receiver unchanged, so one base configuration can be shared between tests:
 *
 * <pre>{@code
 * PebbleOptions shortLived = PebbleOptions.defaults().withCertificateValidity(Duration.ofHours(1));
 * try (Pebble pebble = Pebble.start(shortLived)) { ... }
 * }</pre>
 *
 * <p>The defaults differ from Pebble's own on purpose: no nonce is rejected and no authorization
 * is reused, so a test sees exactly the requests it caused and every order is really validated.
 * Tests that want Pebble's adversarial behaviour opt in with {@link #withNonceRejectPercent(int)}
 * and {@link #withAuthzReusePercent(int)}.
 *
 * @since 0.1.0
 */
public final class PebbleOptions {

    private static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(30);

    private final Integer httpPort;
    private final Integer tlsPort;
    private final int nonceRejectPercent;
    private final int authzReusePercent;
    private final Duration certificateValidity;
    private final Map<String, String> externalAccountKeys;
    private final List<String> blockedDomains;
    private final int alternateRoots;
    private final Integer chainLength;
    private final String dnsServer;
    private final Path workDirectory;
    private final Duration startTimeout;

    private PebbleOptions(Builder b) {
        this.httpPort = b.httpPort;
        this.tlsPort = b.tlsPort;
        this.nonceRejectPercent = b.nonceRejectPercent;
        this.authzReusePercent = b.authzReusePercent;
        this.certificateValidity = b.certificateValidity;
        this.externalAccountKeys = Collections.unmodifiableMap(new LinkedHashMap<>(b.externalAccountKeys));
        this.blockedDomains = List.copyOf(b.blockedDomains);
        this.alternateRoots = b.alternateRoots;
        this.chainLength = b.chainLength;
        this.dnsServer = b.dnsServer;
        this.workDirectory = b.workDirectory;
        this.startTimeout = b.startTimeout;
    }

    /**
     * Returns the default options: free ports, no nonce rejection, no authorization reuse,
     * Pebble's default certificate validity (five years), no external account binding, no blocked
     * domains, one root with one intermediate, the bundled mock DNS, and a temporary work directory
     * that is deleted on {@link Pebble#close()}.
     *
     * @return the default options
     */
    public static PebbleOptions defaults() {
        return new Builder().build();
    }

    /**
     * Sets the port on which Pebble connects to validate HTTP-01 challenges; the client under test
     * must serve {@code /.well-known/acme-challenge/} there. Pebble does not listen on this port.
     *
     * @param port a TCP port, 1 to 65535; by default a free port is picked at start
     * @return a copy with the port set
     */
    public PebbleOptions withHttpPort(int port) {
        return copy(b -> b.httpPort = requirePort(port));
    }

    /**
     * Sets the port on which Pebble connects to validate TLS-ALPN-01 challenges. Pebble does not
     * listen on this port.
     *
     * @param port a TCP port, 1 to 65535; by default a free port is picked at start
     * @return a copy with the port set
     */
    public PebbleOptions withTlsPort(int port) {
        return copy(b -> b.tlsPort = requirePort(port));
    }

    /**
     * Sets the share of valid nonces that Pebble rejects with {@code badNonce}
     * ({@code PEBBLE_WFE_NONCEREJECT}), to test a client's retry.
     *
     * @param percent 0 to 100; the default is 0
     * @return a copy with the share set
     */
    public PebbleOptions withNonceRejectPercent(int percent) {
        return copy(b -> b.nonceRejectPercent = requirePercent(percent, "nonce reject"));
    }

    /**
     * Sets the share of new orders for which Pebble reuses an earlier valid authorization
     * ({@code PEBBLE_AUTHZREUSE}).
     *
     * @param percent 0 to 100; the default is 0, so every order is validated again
     * @return a copy with the share set
     */
    public PebbleOptions withAuthzReusePercent(int percent) {
        return copy(b -> b.authzReusePercent = requirePercent(percent, "authorization reuse"));
    }

    /**
     * Sets how long the certificates Pebble issues are valid ({@code certificateValidityPeriod}).
     * A short period is how renewal rules are tested against a real CA.
     *
     * @param validity at least one second; sub-second parts are dropped. By default Pebble's
     *     own default applies (five years)
     * @return a copy with the validity set
     */
    public PebbleOptions withCertificateValidity(Duration validity) {
        Objects.requireNonNull(validity, "validity");
        if (validity.getSeconds() < 1) {
            throw new IllegalArgumentException("certificate validity must be at least 1 second: " + validity);
        }
        return copy(b -> b.certificateValidity = validity);
    }

    /**
     * Adds an external account binding key and makes Pebble require external account binding for
     * every new account. May be called several times to add several keys.
     *
     * @param keyId the key identifier the client sends
     * @param base64UrlHmacKey the HMAC key, base64url encoded; trailing {@code =} padding is
     *     accepted and removed, because Pebble only decodes unpadded base64url
     * @return a copy with the key added
     */
    public PebbleOptions withExternalAccountBinding(String keyId, String base64UrlHmacKey) {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(base64UrlHmacKey, "base64UrlHmacKey");
        if (keyId.isBlank()) {
            throw new IllegalArgumentException("external account key id must not be blank");
        }
        String unpadded = base64UrlHmacKey.replaceAll("=+$", "");
        if (unpadded.isEmpty()) {
            throw new IllegalArgumentException("external account HMAC key for '" + keyId + "' is empty");
        }
        try {
            Base64.getUrlDecoder().decode(unpadded);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "external account HMAC key for '" + keyId + "' is not base64url: " + e.getMessage(), e);
        }
        return copy(b -> b.externalAccountKeys.put(keyId, unpadded));
    }

    /**
     * Adds a domain that Pebble refuses to issue for ({@code domainBlocklist}), to test how a
     * client handles a {@code rejectedIdentifier} error. May be called several times.
     *
     * @param domain a domain name such as {@code blocked.example.test}
     * @return a copy with the domain added
     */
    public PebbleOptions withBlockedDomain(String domain) {
        Objects.requireNonNull(domain, "domain");
        if (domain.isBlank()) {
            throw new IllegalArgumentException("blocked domain must not be blank");
        }
        return copy(b -> b.blockedDomains.add(domain));
    }

    /**
     * Sets how many alternate roots (and chains) Pebble generates besides the default one
     * ({@code PEBBLE_ALTERNATE_ROOTS}), to test preferred-chain selection.
     *
     * @param count 0 or more; the default is 0
     * @return a copy with the count set
     */
    public PebbleOptions withAlternateRoots(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("alternate roots must not be negative: " + count);
        }
        return copy(b -> b.alternateRoots = count);
    }

    /**
     * Sets the length of Pebble's issuance chains ({@code PEBBLE_CHAIN_LENGTH}). With Pebble 2.4.0
     * the value is the number of intermediates between the root and the issued certificate:
     * 1 (Pebble's default) gives root &rarr; intermediate, 2 gives root &rarr; intermediate
     * &rarr; intermediate.
     *
     * @param length 1 or more; by default Pebble's default applies
     * @return a copy with the length set
     */
    public PebbleOptions withChainLength(int length) {
        if (length < 1) {
            throw new IllegalArgumentException("chain length must be at least 1: " + length);
        }
        return copy(b -> b.chainLength = length);
    }

    /**
     * Makes Pebble resolve challenge names with this DNS server instead of starting
     * {@code pebble-challtestsrv}, for example a BIND on {@code 127.0.0.1:<port>} that a DNS-01
     * test updates for real. {@link Pebble#setTxtRecord(String, String)} is then unavailable.
     *
     * @param hostPort the resolver as {@code host:port}, for example {@code 127.0.0.1:5353}
     * @return a copy using that resolver
     */
    public PebbleOptions withDnsServer(String hostPort) {
        Objects.requireNonNull(hostPort, "hostPort");
        int colon = hostPort.lastIndexOf(':');
        if (colon <= 0 || colon == hostPort.length() - 1) {
            throw new IllegalArgumentException("DNS server must be host:port: " + hostPort);
        }
        try {
            requirePort(Integer.parseInt(hostPort.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("DNS server must be host:port: " + hostPort, e);
        }
        return copy(b -> b.dnsServer = hostPort);
    }

    /**
     * Sets the directory for the generated configuration, certificates, keys and logs. The
     * directory is created if needed and kept on {@link Pebble#close()}, so its logs can be
     * inspected after a failed test.
     *
     * @param directory the work directory; by default a new temporary directory is created and
     *     deleted on close
     * @return a copy using that directory
     */
    public PebbleOptions withWorkDirectory(Path directory) {
        Objects.requireNonNull(directory, "directory");
        return copy(b -> b.workDirectory = directory);
    }

    /**
     * Sets how long {@link Pebble#start(PebbleOptions)} waits for Pebble and its mock DNS to
     * answer. Start-up usually takes well under a second; many alternate roots or a long chain
     * take longer, because Pebble generates an RSA key for every certificate.
     *
     * @param timeout a positive duration; the default is 30 seconds, room for a loaded build machine
     * @return a copy with the timeout set
     */
    public PebbleOptions withStartTimeout(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("start timeout must be positive: " + timeout);
        }
        return copy(b -> b.startTimeout = timeout);
    }

    Integer httpPort() {
        return httpPort;
    }

    Integer tlsPort() {
        return tlsPort;
    }

    int nonceRejectPercent() {
        return nonceRejectPercent;
    }

    int authzReusePercent() {
        return authzReusePercent;
    }

    Duration certificateValidity() {
        return certificateValidity;
    }

    Map<String, String> externalAccountKeys() {
        return externalAccountKeys;
    }

    List<String> blockedDomains() {
        return blockedDomains;
    }

    int alternateRoots() {
        return alternateRoots;
    }

    Integer chainLength() {
        return chainLength;
    }

    String dnsServer() {
        return dnsServer;
    }

    Path workDirectory() {
        return workDirectory;
    }

    Duration startTimeout() {
        return startTimeout;
    }

    /**
     * Describes the options that differ from the defaults, without the HMAC keys.
     *
     * @return a readable description
     */
    @Override
    public String toString() {
        // HMAC keys are secrets: name only the key ids.
        return "PebbleOptions[httpPort=" + httpPort + ", tlsPort=" + tlsPort
                + ", nonceRejectPercent=" + nonceRejectPercent + ", authzReusePercent=" + authzReusePercent
                + ", certificateValidity=" + certificateValidity
                + ", externalAccountKeyIds=" + externalAccountKeys.keySet()
                + ", blockedDomains=" + blockedDomains + ", alternateRoots=" + alternateRoots
                + ", chainLength=" + chainLength + ", dnsServer=" + dnsServer
                + ", workDirectory=" + workDirectory + ", startTimeout=" + startTimeout + "]";
    }

    private PebbleOptions copy(java.util.function.Consumer<Builder> change) {
        Builder b = new Builder(this);
        change.accept(b);
        return b.build();
    }

    private static int requirePort(int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1 to 65535: " + port);
        }
        return port;
    }

    private static int requirePercent(int percent, String what) {
        if (percent < 0 || percent > 100) {
            throw new IllegalArgumentException(what + " percentage must be 0 to 100: " + percent);
        }
        return percent;
    }

    /** Mutable twin used only to derive the next immutable copy. */
    private static final class Builder {
        Integer httpPort;
        Integer tlsPort;
        int nonceRejectPercent;
        int authzReusePercent;
        Duration certificateValidity;
        Map<String, String> externalAccountKeys = new LinkedHashMap<>();
        List<String> blockedDomains = new ArrayList<>();
        int alternateRoots;
        Integer chainLength;
        String dnsServer;
        Path workDirectory;
        Duration startTimeout = DEFAULT_START_TIMEOUT;

        Builder() {
        }

        Builder(PebbleOptions o) {
            httpPort = o.httpPort;
            tlsPort = o.tlsPort;
            nonceRejectPercent = o.nonceRejectPercent;
            authzReusePercent = o.authzReusePercent;
            certificateValidity = o.certificateValidity;
            externalAccountKeys.putAll(o.externalAccountKeys);
            blockedDomains.addAll(o.blockedDomains);
            alternateRoots = o.alternateRoots;
            chainLength = o.chainLength;
            dnsServer = o.dnsServer;
            workDirectory = o.workDirectory;
            startTimeout = o.startTimeout;
        }

        PebbleOptions build() {
            return new PebbleOptions(this);
        }
    }
}
