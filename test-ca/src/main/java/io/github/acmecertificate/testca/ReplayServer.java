package io.github.acmecertificate.testca;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A local HTTP server that replays a recorded API conversation, standing in for a provider's
 * API (Cloudflare, Route 53) in tests: each request must match the next expected one
 * (method, path with query, and body where given), and gets its recorded answer. Every
 * request received is kept, headers included, so a test can assert exactly what was sent. A
 * request that was not expected gets the API's own form of error, given at construction.
 */
public final class ReplayServer implements AutoCloseable {

    /**
     * One expected request and its answer.
     *
     * @param method       the HTTP method
     * @param pathAndQuery the raw path and query
     * @param requestBody  the expected body, or {@code null} for any
     * @param status       the status to answer with
     * @param responseBody the body to answer with
     */
    public record Exchange(String method, String pathAndQuery, String requestBody, int status, String responseBody) {
    }

    /**
     * One request as received.
     *
     * @param method       the HTTP method
     * @param pathAndQuery the raw path and query
     * @param headers      the headers, names case-insensitive
     * @param body         the body
     */
    public record Received(String method, String pathAndQuery, Map<String, String> headers, String body) {
        @Override
        public String toString() {
            return method + " " + pathAndQuery + (body.isEmpty() ? "" : " " + body);
        }
    }

    private final HttpServer server;
    private final Deque<Exchange> expected = new ArrayDeque<>();
    private final List<Received> received = new ArrayList<>();
    private final List<String> mismatches = new ArrayList<>();

    private final String contentType;
    private final int unexpectedStatus;
    private final String unexpectedBody;

    /**
     * Starts a server on a free loopback port.
     *
     * @param contentType      the content type of every answer, e.g. {@code application/json}
     * @param unexpectedStatus the status answered to a request that was not expected
     * @param unexpectedBody   the body answered to it, in the API's error format
     * @throws IOException if no port can be bound
     */
    public ReplayServer(String contentType, int unexpectedStatus, String unexpectedBody) throws IOException {
        this.contentType = contentType;
        this.unexpectedStatus = unexpectedStatus;
        this.unexpectedBody = unexpectedBody;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        server.createContext("/", this::handle);
        server.start();
    }

    /**
     * Returns the server's base URL.
     *
     * @return {@code http://127.0.0.1:<port>}
     */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /**
     * Queues the next expected request and its answer.
     *
     * @param method       the HTTP method
     * @param pathAndQuery the raw path and query
     * @param requestBody  the expected body, or {@code null} for any
     * @param status       the status to answer with
     * @param responseBody the body to answer with
     * @return this
     */
    public synchronized ReplayServer expect(String method, String pathAndQuery, String requestBody, int status,
            String responseBody) {
        expected.add(new Exchange(method, pathAndQuery, requestBody, status, responseBody));
        return this;
    }

    /**
     * Returns every request received so far.
     *
     * @return the requests, in order
     */
    public synchronized List<Received> received() {
        return List.copyOf(received);
    }

    /**
     * Returns the request lines received so far.
     *
     * @return e.g. {@code GET /client/v4/zones?name=example.com}
     */
    public synchronized List<String> requestLines() {
        return received.stream().map(r -> r.method() + " " + r.pathAndQuery()).toList();
    }

    /**
     * Returns the requests that did not match what was expected.
     *
     * @return descriptions of each mismatch
     */
    public synchronized List<String> mismatches() {
        return List.copyOf(mismatches);
    }

    /**
     * Returns how many expected requests have not come.
     *
     * @return the count
     */
    public synchronized int pending() {
        return expected.size();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            var body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            var headers = new TreeMap<String, String>(String.CASE_INSENSITIVE_ORDER);
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k, String.join(",", v)));
            var pathAndQuery = exchange.getRequestURI().getRawPath()
                    + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
            Exchange next;
            synchronized (this) {
                received.add(new Received(exchange.getRequestMethod(), pathAndQuery, headers, body));
                next = expected.poll();
                if (next == null || !next.method().equals(exchange.getRequestMethod())
                        || !next.pathAndQuery().equals(pathAndQuery)
                        || (next.requestBody() != null && !next.requestBody().equals(body))) {
                    mismatches.add("expected " + (next == null ? "nothing" : next.method() + " " + next.pathAndQuery()
                            + (next.requestBody() == null ? "" : " " + next.requestBody())) + " but got "
                            + exchange.getRequestMethod() + " " + pathAndQuery + " " + body);
                    next = new Exchange(null, null, null, unexpectedStatus, unexpectedBody);
                }
            }
            var bytes = next.responseBody().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", contentType);
            exchange.sendResponseHeaders(next.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                exchange.getResponseBody().write(bytes);
            }
        }
    }

    /** Stops the server. */
    @Override
    public void close() {
        server.stop(0);
    }
}
