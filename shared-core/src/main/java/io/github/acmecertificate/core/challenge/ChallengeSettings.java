package io.github.acmecertificate.core.challenge;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.github.acmecertificate.core.challenge.dns.Dns01Solver;
import io.github.acmecertificate.core.challenge.dns.DnsProviders;
import io.github.acmecertificate.core.challenge.dns.DnsSettings;
import io.github.acmecertificate.core.challenge.dns.SecretSource;
import io.github.acmecertificate.core.exception.AcmeCertificateException;
import io.github.acmecertificate.core.exception.InvalidInputException;
import io.github.acmecertificate.core.ssh.SshEndpoint;

/**
 * The challenge settings as front ends receive them (a type name and its options), turned
 * into a {@link ChallengeSolver}. Keeping this mapping here gives every front end the same
 * names and the same error messages.
 *
 * @since 0.1.0
 */
public final class ChallengeSettings {

    /** HTTP-01 answered by the built-in server. */
    public static final String HTTP_01 = "http-01";
    /** HTTP-01 answered by token files in a web server's document root. */
    public static final String HTTP_01_WEBROOT = "http-01-webroot";

    /** HTTP-01 answered by token files uploaded over SFTP into a remote web server's document root. */
    public static final String HTTP_01_SFTP = "http-01-sftp";
    /** DNS-01 through a DNS provider. */
    public static final String DNS_01 = Dns01Solver.TYPE;

    private static final List<String> TYPES = List.of(HTTP_01, HTTP_01_WEBROOT, HTTP_01_SFTP, DNS_01);

    private String type = HTTP_01;
    private String httpAddress;
    private int httpPort = Http01StandaloneSolver.DEFAULT_PORT;
    private Path webroot;
    private SshEndpoint sftpEndpoint;
    private String sftpWebroot;
    private String dnsProvider;
    private Map<String, String> dnsOptions = Map.of();
    private String dnsUsername;
    private String dnsSecret;
    private DnsSettings dnsSettings;

    /**
     * Sets the challenge type.
     *
     * @param type {@code http-01} (default) or {@code http-01-webroot}
     * @return this
     */
    public ChallengeSettings type(String type) {
        this.type = type;
        return this;
    }

    /**
     * Sets the address the built-in HTTP-01 server listens on.
     *
     * @param address an address, or {@code null} for every interface
     * @return this
     */
    public ChallengeSettings httpAddress(String address) {
        this.httpAddress = address;
        return this;
    }

    /**
     * Sets the port the built-in HTTP-01 server listens on.
     *
     * @param port the port (default 80)
     * @return this
     */
    public ChallengeSettings httpPort(int port) {
        this.httpPort = port;
        return this;
    }

    /**
     * Sets the document root for {@code http-01-webroot}.
     *
     * @param webroot the folder served at {@code http://<name>/}
     * @return this
     */
    public ChallengeSettings webroot(Path webroot) {
        this.webroot = webroot;
        return this;
    }

    /**
     * Sets the SSH server whose web root receives the tokens, for {@code http-01-sftp}.
     *
     * @param endpoint the SSH endpoint (often a deploy target's)
     * @return this
     */
    public ChallengeSettings sftpEndpoint(SshEndpoint endpoint) {
        this.sftpEndpoint = endpoint;
        return this;
    }

    /**
     * Sets the remote document root, for {@code http-01-sftp}.
     *
     * @param path the folder served at {@code http://<name>/} on the SSH server
     * @return this
     */
    public ChallengeSettings sftpWebroot(String path) {
        this.sftpWebroot = path;
        return this;
    }

    /**
     * Sets the DNS provider for {@code dns-01}.
     *
     * @param provider a provider name such as {@code rfc2136}
     * @return this
     */
    public ChallengeSettings dnsProvider(String provider) {
        this.dnsProvider = provider;
        return this;
    }

    /**
     * Sets the DNS provider's options (never secrets).
     *
     * @param options option keys and values
     * @return this
     */
    public ChallengeSettings dnsOptions(Map<String, String> options) {
        this.dnsOptions = options == null ? Map.of() : new LinkedHashMap<>(options);
        return this;
    }

    /**
     * Sets the DNS provider's credential, as front ends keep it (a settings.xml server, a
     * Jenkins credential): the username fills the provider's username option (a TSIG key
     * name, an access key id), the secret its secret option (a TSIG secret, an API token).
     *
     * @param username the username, or {@code null}
     * @param secret   the secret, or {@code null}
     * @return this
     */
    public ChallengeSettings dnsCredential(String username, String secret) {
        this.dnsUsername = username;
        this.dnsSecret = secret;
        return this;
    }

    /**
     * Sets the DNS propagation and look-up settings.
     *
     * @param settings the settings, or {@code null} for the defaults
     * @return this
     */
    public ChallengeSettings dnsSettings(DnsSettings settings) {
        this.dnsSettings = settings;
        return this;
    }

    /**
     * Lists the accepted type names, for messages.
     *
     * @return the names
     */
    public static List<String> types() {
        return TYPES;
    }

    /**
     * Builds the solver these settings describe. Nothing is started.
     *
     * @return a new solver
     * @throws InvalidInputException    naming the field that is wrong
     * @throws AcmeCertificateException if a secret cannot be read from its source
     */
    public ChallengeSolver createSolver() throws AcmeCertificateException {
        var name = type == null || type.isBlank() ? HTTP_01 : type.strip().toLowerCase(Locale.ROOT);
        switch (name) {
            case HTTP_01:
                return new Http01StandaloneSolver(httpAddress, httpPort);
            case HTTP_01_WEBROOT:
                return new Http01WebrootSolver(webroot);
            case HTTP_01_SFTP:
                if (sftpEndpoint == null) {
                    throw new InvalidInputException("sftpWebroot.server", "the http-01-sftp challenge needs the SSH "
                            + "server that hosts the web root: name an sftp target or give its SSH settings");
                }
                return new Http01SftpSolver(sftpEndpoint, sftpWebroot);
            case DNS_01:
                if (dnsProvider == null || dnsProvider.isBlank()) {
                    throw new InvalidInputException("dns.provider", "the dns-01 challenge needs a DNS provider. "
                            + "Set dns.provider to one of the providers in the documentation, e.g. rfc2136");
                }
                var loader = Dns01Solver.class.getClassLoader();
                var secrets = dnsUsername == null && dnsSecret == null ? SecretSource.NONE
                        : SecretSource.ofCredential(DnsProviders.require(dnsProvider.strip(), loader),
                                dnsUsername, dnsSecret);
                return Dns01Solver.create(dnsProvider.strip(), dnsOptions, secrets,
                        dnsSettings == null ? DnsSettings.defaults() : dnsSettings, loader);
            default:
                throw new InvalidInputException("challenge", "'" + type + "' is not a known challenge. Use one of "
                        + String.join(", ", TYPES));
        }
    }
}
