package io.github.acmecertificate.core.challenge.dns;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.shredzone.acme4j.toolbox.JSON;

/**
 * A small server that speaks acme-dns's update API ({@code POST /update} with
 * {@code X-Api-User}, {@code X-Api-Key} and {@code {"subdomain", "txt"}}), answering as
 * acme-dns does, and that publishes the two latest values of its one registration in BIND
 * the way acme-dns serves them from its own DNS server.
 */
final class AcmeDnsServer implements AutoCloseable {

    /** One request as received, without the key. */
    record Request(String method, String path, String user, boolean keyMatched, String contentType, String body) {
    }

    private final BindServer bind;
    private final String zone;
    private final String subdomain;
    private final String username;
    private final String password;
    private final Deque<String> values = new ArrayDeque<>();
    private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
    private final HttpServer server;

    AcmeDnsServer(BindServer bind, String zone, String subdomain, String username, String password)
            throws IOException {
        this.bind = bind;
        this.zone = zone;
        this.subdomain = subdomain;
        this.username = username;
        this.password = password;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        server.createContext("/", this::handle);
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    String fulldomain() {
        return subdomain + "." + zone;
    }

    List<Request> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            var body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            var user = exchange.getRequestHeaders().getFirst("X-Api-User");
            var key = exchange.getRequestHeaders().getFirst("X-Api-Key");
            requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), user,
                    password.equals(key), exchange.getRequestHeaders().getFirst("Content-Type"), body));
            if (!"POST".equals(exchange.getRequestMethod()) || !"/update".equals(exchange.getRequestURI().getPath())) {
                send(exchange, 404, "{\"error\": \"not_found\"}");
                return;
            }
            String postedSubdomain;
            String txt;
            try {
                var json = JSON.parse(body);
                postedSubdomain = json.get("subdomain").asString();
                txt = json.get("txt").asString();
            } catch (RuntimeException ex) {
                send(exchange, 401, "{\"error\": \"forbidden\"}");
                return;
            }
            if (!username.equals(user) || !password.equals(key) || !subdomain.equals(postedSubdomain)) {
                send(exchange, 401, "{\"error\": \"forbidden\"}");
                return;
            }
            if (txt.length() != 43) {
                send(exchange, 400, "{\"error\": \"bad_txt\"}");
                return;
            }
            synchronized (values) {
                values.addLast(txt);
                while (values.size() > 2) {
                    values.removeFirst();
                }
                bind.replaceTxt(zone, fulldomain(), List.copyOf(values));
            }
            send(exchange, 200, "{\"txt\": \"" + txt + "\"}");
        }
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        var bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
