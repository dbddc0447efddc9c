package io.github.acmecertificate.testca;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import com.sun.net.httpserver.HttpServer;

/**
 * A minimal web server over a folder, standing in for nginx or Apache in tests of the
 * webroot challenges: started on Pebble's HTTP-01 port, it serves the token files a solver
 * writes into the folder. It serves regular files below the folder and nothing else.
 */
public final class StaticFileServer implements AutoCloseable {

    private final HttpServer server;
    private final List<String> requests = Collections.synchronizedList(new ArrayList<>());

    private StaticFileServer(Path root, int port) throws IOException {
        var base = root.toAbsolutePath().normalize();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 8);
        server.createContext("/", exchange -> {
            try (exchange) {
                var path = exchange.getRequestURI().getPath();
                requests.add(path);
                var file = base.resolve(path.substring(1)).normalize();
                if (file.startsWith(base) && Files.isRegularFile(file)) {
                    var body = Files.readAllBytes(file);
                    exchange.sendResponseHeaders(200, body.length);
                    exchange.getResponseBody().write(body);
                } else {
                    exchange.sendResponseHeaders(404, -1);
                }
            }
        });
        server.start();
    }

    /**
     * Serves a folder on a loopback port.
     *
     * @param root the folder served at {@code /}
     * @param port the port, e.g. {@link Pebble#httpPort()}
     * @return the running server
     * @throws IOException if the port cannot be bound
     */
    public static StaticFileServer start(Path root, int port) throws IOException {
        return new StaticFileServer(root, port);
    }

    /**
     * Returns the paths requested so far.
     *
     * @return the request paths, in order
     */
    public List<String> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    /** Stops the server. */
    @Override
    public void close() {
        server.stop(0);
    }
}
