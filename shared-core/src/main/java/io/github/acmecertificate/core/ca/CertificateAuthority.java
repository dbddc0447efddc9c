package io.github.acmecertificate.core.ca;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import io.github.acmecertificate.core.exception.InvalidInputException;
import io.github.acmecertificate.core.key.PemCertificates;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.provider.AcmeProvider;
import org.shredzone.acme4j.provider.GenericAcmeProvider;
import org.shredzone.acme4j.provider.actalis.ActalisAcmeProvider;
import org.shredzone.acme4j.provider.google.GoogleAcmeProvider;
import org.shredzone.acme4j.provider.letsencrypt.LetsEncryptAcmeProvider;
import org.shredzone.acme4j.provider.sslcom.SslComAcmeProvider;
import org.shredzone.acme4j.provider.zerossl.ZeroSSLAcmeProvider;

/**
 * The ACME CA to talk to: a well-known alias or any directory URL, and optionally a
 * trust anchor for a private CA.
 *
 * <p>The trust anchor applies to this CA's connection only. Nothing JVM-wide is changed,
 * and certificate verification is never switched off: the given roots replace the
 * default ones for this connection.
 *
 * @since 0.1.0
 */
public final class CertificateAuthority {

    /** A CA known by a short name, and the acme4j provider that knows its quirks. */
    private record Alias(String uri, String description, Supplier<AcmeProvider> provider) {
    }

    private static final Map<String, Alias> ALIASES = new LinkedHashMap<>();

    // Lambdas rather than constructor references: a reference resolves (and loads) every
    // provider class when this class initializes, a lambda only the one a run uses.
    static {
        ALIASES.put("letsencrypt", new Alias("acme://letsencrypt.org",
                "Let's Encrypt", () -> new LetsEncryptAcmeProvider()));
        ALIASES.put("letsencrypt-staging", new Alias("acme://letsencrypt.org/staging",
                "Let's Encrypt staging", () -> new LetsEncryptAcmeProvider()));
        ALIASES.put("zerossl", new Alias("acme://zerossl.com",
                "ZeroSSL", () -> new ZeroSSLAcmeProvider()));
        ALIASES.put("google", new Alias("acme://pki.goog",
                "Google Trust Services", () -> new GoogleAcmeProvider()));
        ALIASES.put("google-staging", new Alias("acme://pki.goog/staging",
                "Google Trust Services staging", () -> new GoogleAcmeProvider()));
        ALIASES.put("sslcom", new Alias("acme://ssl.com",
                "SSL.com", () -> new SslComAcmeProvider()));
        ALIASES.put("actalis", new Alias("acme://actalis.com",
                "Actalis", () -> new ActalisAcmeProvider()));
    }

    private final String name;
    private final URI sessionUri;
    private final URL directoryUrl;
    private final Supplier<AcmeProvider> providerFactory;
    /** The trusted roots as parsed; the KeyStore and trust manager are built only when a session opens. */
    private final List<X509Certificate> trustAnchors;
    private final Path trustFile;

    private CertificateAuthority(String name, URI sessionUri, URL directoryUrl,
            Supplier<AcmeProvider> providerFactory, List<X509Certificate> trustAnchors, Path trustFile) {
        this.name = name;
        this.sessionUri = sessionUri;
        this.directoryUrl = directoryUrl;
        this.providerFactory = providerFactory;
        this.trustAnchors = trustAnchors;
        this.trustFile = trustFile;
    }

    /**
     * Tells which sessions may be shared: two CAs with the same key reach the same directory
     * through the same trust anchors, so one session (its HTTPS connection, directory and
     * nonce) serves both.
     *
     * @return the directory URL, with a digest of the trusted roots when there are any
     * @since 0.1.0
     */
    public String sessionKey() {
        if (trustAnchors == null) {
            return directoryUrl.toString();
        }
        try {
            var digest = MessageDigest.getInstance("SHA-256");
            int i = 0;
            for (var certificate : trustAnchors) {
                digest.update(("anchor-" + i++).getBytes(StandardCharsets.UTF_8));
                digest.update(certificate.getEncoded());
            }
            return directoryUrl + " " + HexFormat.of().formatHex(digest.digest());
        } catch (GeneralSecurityException ex) {
            // Not shared then: a session of its own is always correct.
            return directoryUrl + " " + System.identityHashCode(this);
        }
    }

    /**
     * Resolves a CA from what a user wrote, without any network call.
     *
     * @param server    an alias ({@code letsencrypt}, {@code letsencrypt-staging}, {@code zerossl},
     *                  {@code google}, {@code google-staging}, {@code sslcom}, {@code actalis})
     *                  or an {@code https} directory URL
     * @param trustFile a PEM file of root certificates to trust for this CA's HTTPS endpoint,
     *                  or {@code null} to use the JVM's default trust store
     * @return the CA
     * @throws InvalidInputException naming {@code server} or {@code serverTrust}
     */
    public static CertificateAuthority of(String server, Path trustFile) throws InvalidInputException {
        return of(server, trustFile == null ? null : loadTrust(trustFile), trustFile);
    }

    /**
     * Resolves a CA whose trust anchors are given as PEM text (kept in a Jenkins
     * configuration, say) rather than as a file.
     *
     * @param server    an alias or an https directory URL, as for {@link #of(String, Path)}
     * @param trustPem  PEM text of root certificates to trust for this CA's HTTPS endpoint, or
     *                  {@code null} (or blank) for the JVM's default trust store
     * @return the CA
     * @throws InvalidInputException naming {@code server} or {@code serverTrust}
     */
    public static CertificateAuthority ofPem(String server, String trustPem) throws InvalidInputException {
        var anchors = trustPem == null || trustPem.isBlank() ? null : trust(trustPem, "the trusted root");
        return of(server, anchors, null);
    }

    private static CertificateAuthority of(String server, List<X509Certificate> anchors, Path trustFile)
            throws InvalidInputException {
        if (server == null || server.isBlank()) {
            throw new InvalidInputException("server", "no ACME server was given. Use one of "
                    + aliases() + ", or the https URL of a CA's ACME directory");
        }
        var value = server.strip();
        var alias = ALIASES.get(value.toLowerCase(Locale.ROOT));
        if (alias != null) {
            var uri = URI.create(alias.uri());
            var provider = alias.provider().get();
            return new CertificateAuthority(value.toLowerCase(Locale.ROOT), uri, provider.resolve(uri),
                    alias.provider(), anchors, trustFile);
        }
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException ex) {
            uri = null;
        }
        if (uri == null || uri.getScheme() == null) {
            throw new InvalidInputException("server", "'" + value + "' is neither a known CA nor a URL. Use one of "
                    + aliases() + ", or the https URL of a CA's ACME directory");
        }
        if (!"https".equalsIgnoreCase(uri.getScheme())) {
            throw new InvalidInputException("server", "'" + value + "' must use https: ACME (RFC 8555) "
                    + "requires TLS. For a private CA with its own root, give that root in serverTrust");
        }
        if (uri.getHost() == null) {
            throw new InvalidInputException("server", "'" + value + "' has no host name");
        }
        try {
            return new CertificateAuthority(value, uri, uri.toURL(), () -> new GenericAcmeProvider(), anchors, trustFile);
        } catch (IOException | IllegalArgumentException ex) {
            throw new InvalidInputException("server", "'" + value + "' is not a valid URL: " + ex.getMessage());
        }
    }

    /**
     * Lists the known aliases, for messages and documentation.
     *
     * @return e.g. {@code letsencrypt, letsencrypt-staging, ...}
     */
    public static String aliases() {
        return String.join(", ", ALIASES.keySet());
    }

    private static List<X509Certificate> loadTrust(Path file) throws InvalidInputException {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new InvalidInputException("serverTrust", "cannot read the file " + file
                    + ". Give a readable PEM file with the root certificate(s) of your CA");
        }
        try {
            return trust(Files.readString(file), file.toString());
        } catch (IOException ex) {
            throw new InvalidInputException("serverTrust", "cannot read the file " + file + ": " + ex.getMessage());
        }
    }

    /*
     * Parsing the certificates is the whole input check: it refuses what a trust store would
     * refuse. The KeyStore itself waits for openSession, because creating one makes the JDK
     * instantiate every security provider, which a run that sends nothing does not need.
     */
    private static List<X509Certificate> trust(String pem, String source) throws InvalidInputException {
        try {
            var certificates = PemCertificates.read(pem);
            if (certificates.isEmpty()) {
                throw new InvalidInputException("serverTrust", source
                        + " holds no PEM certificate. Give the CA's root certificate in PEM form");
            }
            return List.copyOf(certificates);
        } catch (IOException ex) {
            throw new InvalidInputException("serverTrust", source + " is not valid PEM certificate text: "
                    + ex.getMessage());
        }
    }

    /**
     * Returns the name as the user gave it: an alias or the URL.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * Returns the ACME directory URL this CA resolves to (no network call).
     *
     * @return the directory URL
     */
    public URL directoryUrl() {
        return directoryUrl;
    }

    /** Store keys that are used as they are: what every store accepts as a name. */
    private static final String READABLE_KEY = "[A-Za-z0-9][A-Za-z0-9._-]*";
    private static final int MAX_READABLE_KEY = 100;

    /**
     * Returns a stable identifier for stores: accounts are kept per CA under this key.
     *
     * @return e.g. {@code acme-v02.api.letsencrypt.org_directory}; for an IPv6 literal or a
     *         path of more than about 100 characters, a readable start and a digest of the
     *         URL; always 1 to 100 letters, digits, dots, hyphens or underscores
     */
    public String storeKey() {
        var host = directoryUrl.getHost().toLowerCase(Locale.ROOT);
        var port = directoryUrl.getPort() > 0 ? "_" + directoryUrl.getPort() : "";
        var path = directoryUrl.getPath().replaceAll("[^A-Za-z0-9.-]+", "_").replaceAll("^_+|_+$", "");
        var key = host + port + (path.isEmpty() ? "" : "_" + path);
        if (key.length() <= MAX_READABLE_KEY && key.matches(READABLE_KEY)) {
            return key;
        }
        // An IPv6 literal, a very long path or unusual characters: a readable start, then a
        // digest of the whole URL, so that every URL still gets its own, valid folder name.
        var readable = key.replaceAll("[^A-Za-z0-9.-]+", "_").replaceAll("^[^A-Za-z0-9]+", "");
        readable = readable.substring(0, Math.min(readable.length(), 60));
        try {
            var digest = MessageDigest.getInstance("SHA-256")
                    .digest(directoryUrl.toString().getBytes(StandardCharsets.UTF_8));
            return (readable.isEmpty() ? "ca" : readable) + "_" + HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", ex);
        }
    }

    /**
     * Returns the trust anchor file, if one was given.
     *
     * @return the PEM file
     */
    public Optional<Path> trustFile() {
        return Optional.ofNullable(trustFile);
    }

    /**
     * Opens an acme4j session to this CA. No request is sent until the session is used.
     *
     * @param timeout the network time-out for each request
     * @return a new session
     */
    public Session openSession(Duration timeout) {
        var provider = providerFactory.get();
        var session = new Session(sessionUri, new DirectoryCachingProvider(
                trustAnchors == null ? provider : new TrustingProvider(provider, sslContext())));
        session.networkSettings().setTimeout(timeout);
        return session;
    }

    /**
     * Releases a session's HTTP client once a run is done with it. On Java 21 and later the
     * client is closed, which ends its selector thread at once instead of when the client is
     * garbage-collected; on Java 17 there is nothing to close and its threads are daemons.
     *
     * @param session a session from {@link #openSession(Duration)} that sent requests
     */
    public static void release(Session session) {
        if (session.getHttpClient() instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception ex) {
                // Closing only speeds up the end of its threads; they end in any case.
            }
        }
    }

    private SSLContext sslContext() {
        try {
            var store = KeyStore.getInstance(KeyStore.getDefaultType());
            try {
                store.load(null, null);
            } catch (IOException ex) {
                throw new IllegalStateException("Could not set up TLS trust for " + name, ex);
            }
            int i = 0;
            for (var certificate : trustAnchors) {
                store.setCertificateEntry("anchor-" + i++, certificate);
            }
            var factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            var context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException ex) {
            throw new IllegalStateException("Could not set up TLS trust for " + name, ex);
        }
    }

    @Override
    public String toString() {
        var alias = ALIASES.get(name);
        return alias != null ? alias.description() + " (" + directoryUrl + ")" : directoryUrl.toString();
    }
}
