package io.github.acmecertificate.testca;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javax.net.ssl.SSLContext;

/** HTTPS GETs for tests, trusting only the root in a given PEM file, as an ACME client would. */
final class Https {

    private Https() {
    }

    static HttpClient trusting(Path rootPem) throws IOException {
        return trusting(Tls.trusting(Tls.parseCertificates(Files.readAllBytes(rootPem), rootPem.toString()).get(0)));
    }

    static HttpClient trusting(SSLContext context) {
        return HttpClient.newBuilder().sslContext(context).connectTimeout(Duration.ofSeconds(5)).build();
    }

    static HttpResponse<String> get(HttpClient client, URI uri) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
