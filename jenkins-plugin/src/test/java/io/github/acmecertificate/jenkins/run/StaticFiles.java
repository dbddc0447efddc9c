package io.github.acmecertificate.jenkins.run;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

import com.sun.net.httpserver.HttpServer;

/** A minimal web server over a folder, standing in for nginx or Apache in webroot tests. */
final class StaticFiles {

    private StaticFiles() {
    }

    static HttpServer serve(Path root, int port) throws IOException {
        var server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 8);
        server.createContext("/", exchange -> {
            var file = root.resolve(exchange.getRequestURI().getPath().substring(1)).normalize();
            if (file.startsWith(root) && Files.isRegularFile(file)) {
                var body = Files.readAllBytes(file);
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            } else {
                exchange.sendResponseHeaders(404, -1);
            }
            exchange.close();
        });
        server.start();
        return server;
    }
}
