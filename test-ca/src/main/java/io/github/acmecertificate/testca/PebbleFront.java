package io.github.acmecertificate.testca;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * A test-only HTTPS front for {@link Pebble} that adds what Debian's Pebble 2.4 lacks: ACME
 * Renewal Information (RFC 9773) and certificate profiles.
 *
 * <p>Every ACME request is passed on to Pebble unchanged, with the client's {@code Host}
 * header: Pebble checks a signed request's {@code url} against that header and builds every
 * URL it returns (directory, {@code Location}, {@code Link}) from it, so orders,
 * authorizations and downloads all come back through this front, and the client never
 * talks to Pebble directly. On top of that the front
 * <ul>
 *   <li>adds {@code renewalInfo} and {@code meta.profiles} to the directory, as the test
 *       chooses ({@link #offerRenewalInfo}, {@link #offerProfiles});</li>
 *   <li>answers {@code GET <renewalInfo>/<certID>} itself, with the window and
 *       {@code Retry-After} the test set ({@link #suggestWindow}), or with an error
 *       ({@link #failRenewalInfo});</li>
 *   <li>can refuse new orders as rate-limited, with a Retry-After ({@link #rateLimitNewOrders});</li>
 *   <li>records the payload of every {@code newOrder} request, so a test can assert that
 *       {@code replaces} and {@code profile} were sent ({@link #newOrderPayloads}).</li>
 * </ul>
 * Pebble ignores the {@code replaces} and {@code profile} fields it does not know, so the
 * orders themselves are real: real challenges, real certificates.
 *
 * <p>The front serves HTTPS with its own {@code localhost} certificate, from a root of its
 * own ({@link #trustRootPem()}): that root is all a client needs to trust. Towards Pebble it
 * trusts Pebble's HTTPS root only; certificate verification is never switched off.
 *
 * @since 0.1.0
 */
public final class PebbleFront implements AutoCloseable {

    /** The path under which the front answers renewal-information requests. */
    public static final String RENEWAL_INFO_PATH = "/renewal-info";

    private static final Pattern META = Pattern.compile("\"meta\"\\s*:\\s*\\{");
    private static final Pattern PAYLOAD = Pattern.compile("\"payload\"\\s*:\\s*\"([A-Za-z0-9_-]*)\"");
    private static final Set<String> HOP_BY_HOP = Set.of("content-length", "transfer-encoding", "connection",
            "date", "keep-alive");
    private static final int SOCKET_TIMEOUT_MILLIS = 30_000;

    private final Pebble pebble;
    private final Path workDirectory;
    private final HttpsServer server;
    private final ExecutorService executor;
    private final SSLContext upstream;

    private final List<String> newOrderPayloads = new ArrayList<>();
    private final List<String> renewalInfoRequests = new ArrayList<>();
    private final List<String> requestLines = new ArrayList<>();
    private boolean renewalInfo = true;
    private Map<String, String> profiles = Map.of();
    private Window window;
    private int renewalInfoFailure;
    private Duration rateLimitRetryAfter;

    /** A suggested window, and the Retry-After sent with it. */
    private record Window(Instant start, Instant end, Duration retryAfter, String explanation) {
    }

    /** What Pebble answered. */
    private record Answer(int status, Map<String, List<String>> headers, byte[] body) {
    }

    private PebbleFront(Pebble pebble, Path workDirectory) throws IOException {
        this.pebble = pebble;
        this.workDirectory = workDirectory;
        this.upstream = pebble.sslContext();
        var certificates = HttpsCertificates.generate(workDirectory);
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.setHttpsConfigurator(new HttpsConfigurator(serverContext(certificates)));
        server.createContext("/", this::handle);
        executor = Executors.newCachedThreadPool(r -> {
            var thread = new Thread(r, "pebble-front");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.start();
    }

    /**
     * Starts a front for a running Pebble, on a free loopback port. It offers renewal
     * information (with no window set: every request answers 404) and no profiles.
     *
     * @param pebble the running Pebble
     * @return the front; close it before Pebble
     * @throws IOException if no port can be bound or the certificates cannot be made
     */
    public static PebbleFront start(Pebble pebble) throws IOException {
        Objects.requireNonNull(pebble, "pebble");
        var directory = Files.createTempDirectory("pebble-front-");
        try {
            return new PebbleFront(pebble, directory);
        } catch (IOException | RuntimeException e) {
            Directories.deleteRecursively(directory);
            throw e;
        }
    }

    /**
     * The ACME directory a client should use: {@code https://localhost:<port>/dir}.
     *
     * @return the directory URL
     */
    public URI directoryUri() {
        return URI.create("https://localhost:" + server.getAddress().getPort() + "/dir");
    }

    /**
     * The PEM file of the root that signed the front's HTTPS certificate: what a client must
     * trust. Pebble's own root is not needed.
     *
     * @return the path of the PEM file
     */
    public Path trustRootPem() {
        return workDirectory.resolve(HttpsCertificates.ROOT_PEM);
    }

    /**
     * Whether the directory lists {@code renewalInfo} (it does by default).
     *
     * @param offer false to leave it out, as a CA without ARI does
     * @return this
     */
    public synchronized PebbleFront offerRenewalInfo(boolean offer) {
        this.renewalInfo = offer;
        return this;
    }

    /**
     * Sets the profiles the directory lists in {@code meta.profiles}.
     *
     * @param namesToDescriptions profile names and their descriptions; empty to list none
     * @return this
     */
    public synchronized PebbleFront offerProfiles(Map<String, String> namesToDescriptions) {
        this.profiles = new LinkedHashMap<>(namesToDescriptions);
        return this;
    }

    /**
     * Sets the window answered to every renewal-information request from now on.
     *
     * @param start      the suggested start
     * @param end        the suggested end
     * @param retryAfter the Retry-After sent with it, or {@code null} for none
     * @return this
     */
    public synchronized PebbleFront suggestWindow(Instant start, Instant end, Duration retryAfter) {
        this.window = new Window(start, end, retryAfter, null);
        this.renewalInfoFailure = 0;
        return this;
    }

    /**
     * Makes every renewal-information request fail with this status from now on.
     *
     * @param status e.g. 500 or 503; 0 to answer with the window again
     * @return this
     */
    public synchronized PebbleFront failRenewalInfo(int status) {
        this.renewalInfoFailure = status;
        return this;
    }

    /**
     * Answers every {@code newOrder} request from now on with a {@code rateLimited} problem
     * (HTTP 429) and this Retry-After, without passing it on to Pebble.
     *
     * @param retryAfter the Retry-After to send; {@code null} to pass orders on again
     * @return this
     */
    public synchronized PebbleFront rateLimitNewOrders(Duration retryAfter) {
        this.rateLimitRetryAfter = retryAfter;
        return this;
    }

    /**
     * The decoded JSON payload of every {@code newOrder} request, in order.
     *
     * @return the payloads
     */
    public synchronized List<String> newOrderPayloads() {
        return List.copyOf(newOrderPayloads);
    }

    /**
     * The certificate IDs of every renewal-information request, in order.
     *
     * @return the IDs, each {@code base64url(AKI keyIdentifier) "." base64url(serial)}
     */
    public synchronized List<String> renewalInfoRequests() {
        return List.copyOf(renewalInfoRequests);
    }

    /**
     * Every request line received ({@code POST /order-plz}), in order.
     *
     * @return the lines
     */
    public synchronized List<String> requestLines() {
        return List.copyOf(requestLines);
    }

    /** Stops the front and deletes its certificates. Pebble keeps running. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        Directories.deleteRecursively(workDirectory);
    }

    @Override
    public String toString() {
        return "PebbleFront[" + directoryUri() + " -> " + pebble.directoryUri() + "]";
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            var method = exchange.getRequestMethod();
            var uri = exchange.getRequestURI();
            var pathAndQuery = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
            var body = exchange.getRequestBody().readAllBytes();
            synchronized (this) {
                requestLines.add(method + " " + uri.getRawPath());
            }
            if (uri.getRawPath().startsWith(RENEWAL_INFO_PATH + "/") && "GET".equals(method)) {
                answerRenewalInfo(exchange, uri.getRawPath().substring(RENEWAL_INFO_PATH.length() + 1));
                return;
            }
            if ("POST".equals(method) && uri.getRawPath().equals("/order-plz")) {
                recordNewOrder(body);
                Duration limited;
                synchronized (this) {
                    limited = rateLimitRetryAfter;
                }
                if (limited != null) {
                    var problem = problem("rateLimited", "too many new orders recently").getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().set("Content-Type", "application/problem+json");
                    exchange.getResponseHeaders().set("Retry-After", Long.toString(limited.toSeconds()));
                    exchange.sendResponseHeaders(429, problem.length);
                    exchange.getResponseBody().write(problem);
                    return;
                }
            }
            var host = exchange.getRequestHeaders().getFirst("Host");
            var answer = forward(method, pathAndQuery, host, exchange, body);
            var responseBody = answer.body();
            if ("GET".equals(method) && uri.getRawPath().equals("/dir") && answer.status() == 200) {
                responseBody = extendDirectory(new String(responseBody, StandardCharsets.UTF_8), host)
                        .getBytes(StandardCharsets.UTF_8);
            }
            answer.headers().forEach((name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
                    exchange.getResponseHeaders().put(name, values);
                }
            });
            boolean noBody = "HEAD".equals(method) || responseBody.length == 0;
            exchange.sendResponseHeaders(answer.status(), noBody ? -1 : responseBody.length);
            if (!noBody) {
                exchange.getResponseBody().write(responseBody);
            }
        } catch (IOException | RuntimeException e) {
            // The client sees a dropped connection; the test sees the reason on stderr.
            System.err.println("PebbleFront: " + e);
            throw e;
        }
    }

    private synchronized String extendDirectory(String directory, String host) {
        var text = directory;
        if (!profiles.isEmpty()) {
            var entries = new StringBuilder("\"profiles\": {");
            var first = true;
            for (var profile : profiles.entrySet()) {
                entries.append(first ? "" : ", ").append(Json.quote(profile.getKey())).append(": ")
                        .append(Json.quote(profile.getValue()));
                first = false;
            }
            entries.append("}, ");
            Matcher meta = META.matcher(text);
            text = meta.find()
                    ? text.substring(0, meta.end()) + entries + text.substring(meta.end())
                    : text.replaceFirst("\\{", "{\"meta\": {" + Matcher.quoteReplacement(entries.toString()
                            .substring(0, entries.length() - 2)) + "}, ");
        }
        if (renewalInfo) {
            var url = "https://" + host + RENEWAL_INFO_PATH;
            text = text.replaceFirst("\\{", "{\"renewalInfo\": " + Matcher.quoteReplacement(Json.quote(url)) + ", ");
        }
        return text;
    }

    private void answerRenewalInfo(HttpExchange exchange, String certId) throws IOException {
        Window current;
        int failure;
        boolean offered;
        synchronized (this) {
            renewalInfoRequests.add(certId);
            current = window;
            failure = renewalInfoFailure;
            offered = renewalInfo;
        }
        String body;
        int status;
        if (!offered) {
            status = 404;
            body = problem("malformed", "this CA offers no renewal information");
        } else if (failure != 0) {
            status = failure;
            body = problem("serverInternal", "renewal information is unavailable right now");
        } else if (current == null) {
            status = 404;
            body = problem("malformed", "no renewal information for " + certId);
        } else {
            status = 200;
            body = "{\"suggestedWindow\": {\"start\": " + Json.quote(current.start().toString())
                    + ", \"end\": " + Json.quote(current.end().toString()) + "}}";
            if (current.retryAfter() != null) {
                exchange.getResponseHeaders().set("Retry-After", Long.toString(current.retryAfter().toSeconds()));
            }
        }
        exchange.getResponseHeaders().set("Content-Type", status == 200 ? "application/json"
                : "application/problem+json");
        var bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static String problem(String type, String detail) {
        return "{\"type\": \"urn:ietf:params:acme:error:" + type + "\", \"detail\": " + Json.quote(detail) + "}";
    }

    private void recordNewOrder(byte[] body) {
        Matcher payload = PAYLOAD.matcher(new String(body, StandardCharsets.UTF_8));
        var decoded = payload.find()
                ? new String(Base64.getUrlDecoder().decode(payload.group(1)), StandardCharsets.UTF_8)
                : "";
        synchronized (this) {
            newOrderPayloads.add(decoded);
        }
    }

    /**
     * Sends one request to Pebble over a new connection and reads the whole answer. A plain
     * socket is used because Java's HTTP clients do not let a caller set {@code Host}.
     */
    private Answer forward(String method, String pathAndQuery, String host, HttpExchange exchange, byte[] body)
            throws IOException {
        int port = pebble.directoryUri().getPort();
        var plain = new Socket(InetAddress.getLoopbackAddress(), port);
        try (var socket = (SSLSocket) upstream.getSocketFactory().createSocket(plain, "localhost", port, true)) {
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            socket.setSSLParameters(parameters);
            socket.setSoTimeout(SOCKET_TIMEOUT_MILLIS);
            var head = new StringBuilder();
            head.append(method).append(' ').append(pathAndQuery).append(" HTTP/1.1\r\n");
            head.append("Host: ").append(host).append("\r\n");
            for (var header : List.of("Content-Type", "User-Agent", "Accept", "Accept-Language")) {
                var value = exchange.getRequestHeaders().getFirst(header);
                if (value != null) {
                    head.append(header).append(": ").append(value).append("\r\n");
                }
            }
            if (body.length > 0 || "POST".equals(method)) {
                head.append("Content-Length: ").append(body.length).append("\r\n");
            }
            head.append("Connection: close\r\n\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            return read(new BufferedInputStream(socket.getInputStream()), "HEAD".equals(method));
        }
    }

    private static Answer read(InputStream in, boolean head) throws IOException {
        var statusLine = line(in);
        var parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
            throw new IOException("Pebble answered '" + statusLine + "'");
        }
        int status = Integer.parseInt(parts[1]);
        var headers = new LinkedHashMap<String, List<String>>();
        for (var line = line(in); !line.isEmpty(); line = line(in)) {
            int colon = line.indexOf(':');
            headers.computeIfAbsent(line.substring(0, colon).strip(), k -> new ArrayList<>())
                    .add(line.substring(colon + 1).strip());
        }
        if (head || status == 204 || status == 304) {
            return new Answer(status, headers, new byte[0]);
        }
        var encoding = first(headers, "Transfer-Encoding");
        if (encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked")) {
            var out = new ByteArrayOutputStream();
            for (int size = Integer.parseInt(line(in).split(";")[0].strip(), 16); size > 0;
                    size = Integer.parseInt(line(in).split(";")[0].strip(), 16)) {
                out.write(in.readNBytes(size));
                line(in);
            }
            return new Answer(status, headers, out.toByteArray());
        }
        var length = first(headers, "Content-Length");
        return new Answer(status, headers, length != null
                ? in.readNBytes(Integer.parseInt(length)) : in.readAllBytes());
    }

    private static String first(Map<String, List<String>> headers, String name) {
        return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(e -> e.getValue().get(0)).findFirst().orElse(null);
    }

    private static String line(InputStream in) throws IOException {
        var out = new ByteArrayOutputStream();
        for (int c = in.read(); c != -1 && c != '\n'; c = in.read()) {
            if (c != '\r') {
                out.write(c);
            }
        }
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    private static SSLContext serverContext(HttpsCertificates certificates) throws IOException {
        try (Reader reader = Files.newBufferedReader(certificates.localhostKey(), StandardCharsets.US_ASCII);
                PEMParser parser = new PEMParser(reader)) {
            PrivateKey key = new JcaPEMKeyConverter().getPrivateKey(PrivateKeyInfo.getInstance(parser.readObject()));
            List<X509Certificate> chain = Tls.parseCertificates(Files.readAllBytes(certificates.localhostPem()),
                    certificates.localhostPem().toString());
            var password = "front".toCharArray();
            var keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("localhost", key, password, chain.toArray(new X509Certificate[0]));
            var factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(keys, password);
            var context = SSLContext.getInstance("TLS");
            context.init(factory.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot set up the front's HTTPS: " + e.getMessage(), e);
        }
    }
}
