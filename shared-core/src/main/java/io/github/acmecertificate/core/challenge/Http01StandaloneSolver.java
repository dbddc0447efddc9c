package io.github.acmecertificate.core.challenge;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.acmecertificate.core.event.ProgressListener;
import io.github.acmecertificate.core.exception.AcmeCertificateException;
import io.github.acmecertificate.core.exception.InvalidInputException;
import io.github.acmecertificate.core.name.SubjectName;

/**
 * Answers HTTP-01 with a built-in HTTP server, for a build that runs where the CA reaches
 * port 80 (directly or through a forward).
 *
 * <p>The server listens only while challenges are pending: from the first
 * {@link #prepare} until {@link #close}. It answers {@code GET
 * /.well-known/acme-challenge/<token>} for pending tokens and 404 for everything else.
 *
 * @since 0.1.0
 */
public final class Http01StandaloneSolver implements ChallengeSolver {

    /** The port CAs validate HTTP-01 on. */
    public static final int DEFAULT_PORT = 80;

    private static final String PREFIX = "/.well-known/acme-challenge/";

    private final String address;
    private final int port;
    private final Map<String, String> answers = new ConcurrentHashMap<>();
    private HttpServer server;
    private ExecutorService executor;

    /**
     * Creates a solver; nothing listens yet.
     *
     * @param address the address to listen on, or {@code null} (or empty) for every interface
     * @param port    the port, 1 to 65535 ({@link #DEFAULT_PORT} unless a forward points elsewhere)
     * @throws InvalidInputException naming {@code http.port} or {@code http.address}
     */
    public Http01StandaloneSolver(String address, int port) throws InvalidInputException {
        if (port < 1 || port > 65535) {
            throw new InvalidInputException("http.port", port + " is not a TCP port. Give 1 to 65535 "
                    + "(CAs connect to port 80; use another port only behind a forward from 80)");
        }
        var trimmed = address == null ? "" : address.strip();
        if (!trimmed.isEmpty() && !trimmed.matches("[0-9A-Za-z.:%\\[\\]-]+")) {
            throw new InvalidInputException("http.address", "'" + address + "' is not a host name or IP address");
        }
        if (!trimmed.isEmpty()) {
            var problem = notLocal(trimmed);
            if (problem != null) {
                throw new InvalidInputException("http.address", problem);
            }
        }
        this.address = trimmed.isEmpty() ? null : trimmed;
        this.port = port;
    }

    /**
     * Tells why nothing could listen on the address, or {@code null} when it is one of this
     * machine's: found now, not when the first challenge is due after an order was created.
     */
    private static String notLocal(String address) {
        var host = address.startsWith("[") && address.endsWith("]") ? address.substring(1, address.length() - 1)
                : address;
        InetAddress resolved;
        try {
            resolved = InetAddress.getByName(host);
        } catch (UnknownHostException ex) {
            return "'" + address + "' is neither an IP address nor a name this machine resolves. Give one of this "
                    + "machine's addresses" + localAddresses() + ", or leave it empty to listen on all of them";
        }
        try {
            if (resolved.isAnyLocalAddress() || resolved.isLoopbackAddress()
                    || NetworkInterface.getByInetAddress(resolved) != null) {
                return null;
            }
        } catch (SocketException ex) {
            // The interfaces cannot be listed: binding will tell.
            return null;
        }
        return "'" + address + "'" + (host.equals(resolved.getHostAddress()) ? "" : " (" + resolved.getHostAddress()
                + ")") + " is not an address of this machine, so nothing can listen on it. Give one of this "
                + "machine's addresses" + localAddresses() + ", or leave it empty to listen on all of them";
    }

    private static String localAddresses() {
        try {
            var found = new java.util.ArrayList<String>();
            for (var nic : java.util.Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (nic.isUp()) {
                    for (var a : java.util.Collections.list(nic.getInetAddresses())) {
                        if (!a.isLinkLocalAddress() && found.size() < 6) {
                            found.add(a.getHostAddress());
                        }
                    }
                }
            }
            return found.isEmpty() ? "" : " (" + String.join(", ", found) + ")";
        } catch (SocketException ex) {
            return "";
        }
    }

    @Override
    public String challengeType() {
        return Http01.TYPE;
    }

    @Override
    public String describe() {
        return "HTTP-01 standalone on " + (address == null ? "*" : address) + ":" + port;
    }

    @Override
    public void validate(List<SubjectName> names) throws InvalidInputException {
        Http01.rejectWildcards(names);
    }

    @Override
    public synchronized void prepare(ChallengeTask task, ProgressListener listener) throws AcmeCertificateException {
        answers.put(Http01.checkToken(task), task.keyAuthorization());
        if (server == null) {
            start();
        }
    }

    private void start() throws AcmeCertificateException {
        try {
            var socket = address == null ? new InetSocketAddress(port) : new InetSocketAddress(address, port);
            server = HttpServer.create(socket, 16);
        } catch (IOException ex) {
            var reason = String.valueOf(ex.getMessage());
            String hint;
            if (reason.contains("assign requested address")) {
                hint = "http.address is not an address of this machine: give one of its addresses, or leave "
                        + "http.address empty to listen on all";
            } else if (reason.contains("ermission denied")) {
                hint = "Ports below 1024 need root or CAP_NET_BIND_SERVICE: forward port 80 to a higher port and "
                        + "set http.port to it, or use the http-01-webroot challenge";
            } else {
                hint = "Free the port, or choose another with http.port behind a forward from port 80, or use the "
                        + "http-01-webroot challenge when a web server already owns the port";
            }
            throw new AcmeCertificateException("Cannot listen for HTTP-01 on " + (address == null ? "*" : address)
                    + ":" + port + ": " + reason + ". " + hint, ex);
        }
        executor = Executors.newFixedThreadPool(2, runnable -> {
            var thread = new Thread(runnable, "acme-http-01");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", this::answer);
        server.start();
    }

    private void answer(HttpExchange exchange) throws IOException {
        try {
            var path = exchange.getRequestURI().getPath();
            var method = exchange.getRequestMethod();
            String body = path.startsWith(PREFIX) ? answers.get(path.substring(PREFIX.length())) : null;
            if (body == null || !("GET".equals(method) || "HEAD".equals(method))) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            var bytes = body.getBytes(StandardCharsets.US_ASCII);
            exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
            if ("HEAD".equals(method)) {
                exchange.sendResponseHeaders(200, -1);
            } else {
                exchange.sendResponseHeaders(200, bytes.length);
                exchange.getResponseBody().write(bytes);
            }
        } finally {
            exchange.close();
        }
    }

    @Override
    public void cleanUp(ChallengeTask task, ProgressListener listener) {
        answers.remove(task.token());
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
            server = null;
        }
        answers.clear();
    }
}
