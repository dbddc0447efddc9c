package io.github.acmecertificate.dns.route53;

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
 * A local HTTP server that replays a recorded API conversation: each request must match the
 * next expected one (method, path with query, and body where given), and gets its recorded
 * answer. Every request received is kept, headers included, so a test can assert exactly
 * what was sent.
 */
final class ReplayServer implements AutoCloseable {

    /** One expected request and its answer. */
    record Exchange(String method, String pathAndQuery, String requestBody, int status, String responseBody) {
    }

    /** One request as received. */
    record Received(String method, String pathAndQuery, Map<String, String> headers, String body) {
        @Override
        public String toString() {
            return method + " " + pathAndQuery + (body.isEmpty() ? "" : " " + body);
        }
    }

    private final HttpServer server;
    private final Deque<Exchange> expected = new ArrayDeque<>();
    private final List<Received> received = new ArrayList<>();
    private final List<String> mismatches = new ArrayList<>();

    ReplayServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        server.createContext("/", this::handle);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    synchronized ReplayServer expect(String method, String pathAndQuery, String requestBody, int status,
            String responseBody) {
        expected.add(new Exchange(method, pathAndQuery, requestBody, status, responseBody));
        return this;
    }

    synchronized List<Received> received() {
        return List.copyOf(received);
    }

    synchronized List<String> requestLines() {
        return received.stream().map(r -> r.method() + " " + r.pathAndQuery()).toList();
    }

    synchronized List<String> mismatches() {
        return List.copyOf(mismatches);
    }

    synchronized int pending() {
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
                    next = new Exchange(null, null, null, 400, "<?xml version=\"1.0\"?>\n<ErrorResponse xmlns="
                            + "\"https://route53.amazonaws.com/doc/2013-04-01/\"><Error><Type>Sender</Type><Code>"
                            + "UnexpectedRequest</Code><Message>unexpected request in test</Message></Error>"
                            + "<RequestId>test</RequestId></ErrorResponse>");
                }
            }
            var bytes = next.responseBody().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/xml");
            exchange.sendResponseHeaders(next.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                exchange.getResponseBody().write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
