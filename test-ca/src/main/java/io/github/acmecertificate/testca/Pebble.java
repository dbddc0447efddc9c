package io.github.acmecertificate.testca;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;

/**
 * A local <a href="https://github.com/letsencrypt/pebble">Pebble</a> ACME test CA, with
 * {@code pebble-challtestsrv} as its mock DNS, running on free loopback ports.
 *
 * <pre>{@code
 * try (Pebble pebble = Pebble.start()) {
 *     URI directory = pebble.directoryUri();   // https://localhost:<port>/dir
 *     Path trust = pebble.trustRootPem();      // what the ACME client must trust
 *     // serve HTTP-01 on 127.0.0.1:pebble.httpPort(), order a certificate for any *.example.test
 *     assertEquals(1, pebble.requestCount("POST /order-plz"));
 * }
 * }</pre>
 *
 * <p>Each instance generates its own HTTPS root, configuration and logs in a work directory,
 * listens on 127.0.0.1 only, and validates HTTP-01 on its own {@link #httpPort()}, so several
 * instances can run at once. The mock DNS answers every A query with 127.0.0.1, so challenges for
 * any name are validated against the client under test on this machine.
 *
 * <p>The processes are stopped by {@link #close()}, and by a JVM shutdown hook should the JVM
 * end first. Needs the {@code pebble} and {@code pebble-challtestsrv} binaries on {@code PATH}
 * (Debian's {@code pebble} package); Pebble 2.4.0 is the version this class is tested with.
 *
 * @since 0.1.0
 */
public final class Pebble implements AutoCloseable {

    /**
     * What to do when the binaries are missing; part of the message of the exception that
     * {@link #start(PebbleOptions)} throws then, and handy for a test's assumption message.
     */
    public static final String INSTALL_HINT =
            "Install Debian's `pebble` package (apt-get install -y pebble), which provides pebble and pebble-challtestsrv.";

    private static final Duration MANAGEMENT_TIMEOUT = Duration.ofSeconds(10);
    // Pebble 2.4.0 logs every ACME request as "Pebble <date> <time> POST /order-plz -> calling handler()".
    private static final Pattern REQUEST_LINE = Pattern.compile("([A-Z]+ /\\S*) -> calling handler\\(\\)\\s*$");

    private final PebbleOptions options;
    private final Path workDirectory;
    private final boolean ownsWorkDirectory;
    private final HttpsCertificates certificates;
    private final SSLContext sslContext;
    private final HttpClient http;
    private final Ports ports;
    private final ProcessGroup processes;
    private final ManagedProcess pebble;
    private final ChallTestSrv challTestSrv;
    private boolean closed;
    private String finalPebbleLog;
    private String finalChallTestSrvLog;

    Pebble(PebbleOptions options, Path workDirectory, boolean ownsWorkDirectory, HttpsCertificates certificates,
            SSLContext sslContext, HttpClient http, Launcher.Servers servers) {
        this.options = options;
        this.workDirectory = workDirectory;
        this.ownsWorkDirectory = ownsWorkDirectory;
        this.certificates = certificates;
        this.sslContext = sslContext;
        this.http = http;
        this.ports = servers.ports();
        this.processes = servers.processes();
        this.pebble = servers.pebble();
        this.challTestSrv = servers.challTestSrv();
    }

    /**
     * Starts Pebble with {@link PebbleOptions#defaults()}.
     *
     * @return the running CA; close it when done
     * @throws IOException if the binaries are missing, or the CA does not become ready in time
     *     (the message then ends with the tail of the logs)
     */
    public static Pebble start() throws IOException {
        return start(PebbleOptions.defaults());
    }

    /**
     * Starts Pebble, and {@code pebble-challtestsrv} unless {@link PebbleOptions#withDnsServer}
     * names another resolver, and waits until both answer.
     *
     * @param options the options
     * @return the running CA; close it when done
     * @throws IOException if the binaries are missing (the message says how to install them), or
     *     the CA does not become ready in time (the message then ends with the tail of the logs)
     */
    public static Pebble start(PebbleOptions options) throws IOException {
        return Launcher.start(options, Executables.fromEnvironment(), Ports::pick);
    }

    /**
     * Whether {@code pebble} and {@code pebble-challtestsrv} are both on {@code PATH}, as
     * {@link #start()} needs.
     *
     * @return true if both binaries were found
     */
    public static boolean isInstalled() {
        return isInstalled(PebbleOptions.defaults());
    }

    /**
     * Whether the binaries that {@link #start(PebbleOptions)} needs with these options are on
     * {@code PATH}: {@code pebble} alone when {@link PebbleOptions#withDnsServer} is set, otherwise
     * {@code pebble-challtestsrv} as well.
     *
     * @param options the options a test will start Pebble with
     * @return true if the needed binaries were found
     */
    public static boolean isInstalled(PebbleOptions options) {
        Executables executables = Executables.fromEnvironment();
        return executables.find(Executables.PEBBLE).isPresent()
                && (options.dnsServer() != null || executables.find(Executables.CHALLTESTSRV).isPresent());
    }

    /**
     * The ACME directory, {@code https://localhost:<port>/dir}. The host is {@code localhost}
     * because that is the name Pebble's HTTPS certificate is issued for.
     *
     * @return the directory URL to give an ACME client
     */
    public URI directoryUri() {
        return ports.directoryUri();
    }

    /**
     * The PEM file of the root that signed Pebble's own HTTPS ({@code localhost}) certificate:
     * what an ACME client must trust to talk to this CA. It is not the root of the certificates
     * Pebble issues; see {@link #issuingRoots()} for those.
     *
     * @return the path of the PEM file in the work directory
     */
    public Path trustRootPem() {
        return certificates.rootPem();
    }

    /**
     * A TLS context that trusts {@link #trustRootPem()} and nothing else, for clients that take
     * an {@link SSLContext} rather than a PEM file.
     *
     * @return the context
     */
    public SSLContext sslContext() {
        return sslContext;
    }

    /**
     * The port on which Pebble validates HTTP-01 challenges: serve
     * {@code /.well-known/acme-challenge/} on {@code 127.0.0.1} at this port.
     *
     * @return the port
     */
    public int httpPort() {
        return ports.http();
    }

    /**
     * The port on which Pebble validates TLS-ALPN-01 challenges.
     *
     * @return the port
     */
    public int tlsPort() {
        return ports.tls();
    }

    /**
     * The port of Pebble's management API ({@code https://localhost:<port>/roots/0} and so on).
     *
     * @return the port
     */
    public int managementPort() {
        return ports.management();
    }

    /**
     * The UDP and TCP port of the mock DNS server, when this instance started one.
     *
     * @return the port, or empty when {@link PebbleOptions#withDnsServer} named another resolver
     */
    public Optional<Integer> challengeDnsPort() {
        return Optional.ofNullable(challTestSrv).map(ChallTestSrv::dnsPort);
    }

    /**
     * The HTTP management port of the mock DNS server ({@code /set-txt}, {@code /clear-txt}),
     * for scripts that publish TXT records the way a DNS provider would.
     *
     * @return the port, or empty when {@link PebbleOptions#withDnsServer} named another resolver
     */
    public Optional<Integer> challengeManagementPort() {
        return Optional.ofNullable(challTestSrv).map(ChallTestSrv::managementPort);
    }

    /**
     * The directory holding the generated configuration, certificates, keys and logs. A temporary
     * directory is deleted on {@link #close()}; one set with {@link PebbleOptions#withWorkDirectory}
     * is kept.
     *
     * @return the work directory
     */
    public Path workDirectory() {
        return workDirectory;
    }

    /**
     * The roots of the certificates Pebble issues: its default root first, then one per
     * {@link PebbleOptions#withAlternateRoots alternate root}. Pebble generates them anew at
     * every start. Fetched from the management API over HTTPS that trusts
     * {@link #trustRootPem()} only.
     *
     * @return the issuing roots, self-signed
     * @throws IOException if the management API cannot be reached or answers with an error
     */
    public List<X509Certificate> issuingRoots() throws IOException {
        return fetchPerChain("/roots/");
    }

    /**
     * The intermediates that sign the certificates Pebble issues, one per chain, in the order of
     * {@link #issuingRoots()}. With a {@link PebbleOptions#withChainLength chain length} above 1,
     * each is the intermediate closest to the issued certificate.
     *
     * @return the issuing intermediates
     * @throws IOException if the management API cannot be reached or answers with an error
     */
    public List<X509Certificate> intermediates() throws IOException {
        return fetchPerChain("/intermediates/");
    }

    /**
     * Pebble's combined standard output and error so far. Still available after {@link #close()},
     * even when the work directory was deleted.
     *
     * @return the log text
     */
    public synchronized String log() {
        return closed ? finalPebbleLog : pebble.output();
    }

    /**
     * The combined output of {@code pebble-challtestsrv} so far, which records every TXT record
     * set; empty when no mock DNS was started.
     *
     * @return the log text
     */
    public synchronized String challengeServerLog() {
        if (challTestSrv == null) {
            return "";
        }
        return closed ? finalChallTestSrvLog : challTestSrv.process().output();
    }

    /**
     * Counts the ACME requests Pebble logged whose method and path start with the argument, for
     * example {@code requestCount("POST /order-plz")} to prove that a run ordered nothing, or
     * {@code requestCount("POST /finalize-order/")}. The count includes the {@code GET /dir}
     * with which {@link #start} checked that Pebble was ready. Management API calls are not
     * logged by Pebble and never counted.
     *
     * @param methodAndPathPrefix a method, one space and the start of a path
     * @return the number of matching requests so far
     */
    public long requestCount(String methodAndPathPrefix) {
        Objects.requireNonNull(methodAndPathPrefix, "methodAndPathPrefix");
        return log().lines()
                .map(REQUEST_LINE::matcher)
                .filter(Matcher::find)
                .filter(m -> m.group(1).startsWith(methodAndPathPrefix))
                .count();
    }

    /**
     * Adds a TXT record to the mock DNS, for DNS-01 tests without a real DNS server. Values for
     * the same name accumulate, as several pending challenges for one name need.
     *
     * @param host the record name, such as {@code _acme-challenge.www.example.test}; a trailing
     *     dot is added if missing, because the mock DNS only serves fully qualified names
     * @param value the TXT value
     * @throws IOException if the mock DNS's management API fails
     * @throws IllegalStateException if no mock DNS was started, or this instance is closed
     */
    public void setTxtRecord(String host, String value) throws IOException {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(value, "value");
        requireChallTestSrv().setTxt(host, value);
    }

    /**
     * Removes every TXT value of a name from the mock DNS.
     *
     * @param host the record name, with or without the trailing dot
     * @throws IOException if the mock DNS's management API fails
     * @throws IllegalStateException if no mock DNS was started, or this instance is closed
     */
    public void clearTxtRecord(String host) throws IOException {
        Objects.requireNonNull(host, "host");
        requireChallTestSrv().clearTxt(host);
    }

    /**
     * Stops Pebble and the mock DNS (asking first, then killing after a grace period), removes
     * the shutdown hook, and deletes the work directory if it was a temporary one. Safe to call
     * more than once; never throws.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        processes.close();
        // Read after the processes stopped, so the final lines are included.
        finalPebbleLog = pebble.output();
        finalChallTestSrvLog = challTestSrv == null ? "" : challTestSrv.process().output();
        closed = true;
        if (ownsWorkDirectory) {
            Directories.deleteRecursively(workDirectory);
        }
    }

    /**
     * Describes the endpoints of this instance.
     *
     * @return a readable description
     */
    @Override
    public String toString() {
        return "Pebble[directory=" + directoryUri() + ", management=" + managementPort()
                + ", http=" + httpPort() + ", tls=" + tlsPort()
                + ", dns=" + challengeDnsPort().map(p -> "127.0.0.1:" + p).orElse(options.dnsServer())
                + ", workDirectory=" + workDirectory + "]";
    }

    private synchronized ChallTestSrv requireChallTestSrv() {
        if (closed) {
            throw new IllegalStateException("Pebble is closed");
        }
        if (challTestSrv == null) {
            throw new IllegalStateException("no pebble-challtestsrv was started: Pebble resolves with "
                    + options.dnsServer() + "; update that server instead");
        }
        return challTestSrv;
    }

    private List<X509Certificate> fetchPerChain(String pathPrefix) throws IOException {
        List<X509Certificate> certificates = new ArrayList<>();
        for (int chain = 0; chain <= options.alternateRoots(); chain++) {
            String path = pathPrefix + chain;
            certificates.add(Tls.parseCertificates(getManagement(path), "Pebble's " + path).get(0));
        }
        return List.copyOf(certificates);
    }

    private byte[] getManagement(String path) throws IOException {
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("Pebble is closed");
            }
        }
        URI uri = ports.managementUri(path);
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(MANAGEMENT_TIMEOUT).GET().build();
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IOException("GET " + uri + " answered " + response.statusCode());
            }
            return response.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while fetching " + uri);
        }
    }
}
