package io.github.acmecertificate.testca;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@code pebble-challtestsrv}, run only as Pebble's mock DNS server: it answers every A query
 * with 127.0.0.1 and serves the TXT records set through its management API.
 */
final class ChallTestSrv {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);
    // Short, so that a port held by a silent process does not stall the start-up checks.
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(1);
    // A reserved name (RFC 6761) that no test uses, for the readiness probes.
    private static final String PROBE_NAME = "probe.invalid.";

    private final ManagedProcess process;
    private final int dnsPort;
    private final int managementPort;
    private final HttpClient http;

    ChallTestSrv(ManagedProcess process, int dnsPort, int managementPort, HttpClient http) {
        this.process = process;
        this.dnsPort = dnsPort;
        this.managementPort = managementPort;
        this.http = http;
    }

    /**
     * The command line. Every challenge listener but DNS is turned off (an empty address disables
     * one): the client under test serves HTTP-01 and TLS-ALPN-01 itself, and a mock server on those
     * ports would answer in its place. AAAA queries get no answer, because the challenge servers
     * of a test listen on 127.0.0.1 only.
     */
    static List<String> command(Path binary, int dnsPort, int managementPort) {
        return List.of(binary.toString(),
                "-defaultIPv4", "127.0.0.1",
                "-defaultIPv6", "",
                "-dns01", "127.0.0.1:" + dnsPort,
                "-http01", "",
                "-https01", "",
                "-tlsalpn01", "",
                "-management", "127.0.0.1:" + managementPort);
    }

    ManagedProcess process() {
        return process;
    }

    int managementPort() {
        return managementPort;
    }

    int dnsPort() {
        return dnsPort;
    }

    /**
     * Whether both servers really answer: a UDP DNS query and a management call. A mere open port
     * is not proof, because the server keeps running when one of its ports was taken by another
     * process, which would then be the one answering on it.
     */
    boolean isReady() {
        if (!answersDns()) {
            return false;
        }
        try {
            post("/clear-txt", "{\"host\": " + Json.quote(PROBE_NAME) + "}", PROBE_TIMEOUT);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private boolean answersDns() {
        int id = ThreadLocalRandom.current().nextInt(0x10000);
        // Header (id, recursion desired, one question), then "probe.invalid" A IN.
        byte[] query = {
            (byte) (id >>> 8), (byte) id, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0,
            5, 'p', 'r', 'o', 'b', 'e', 7, 'i', 'n', 'v', 'a', 'l', 'i', 'd', 0,
            0, 1, 0, 1,
        };
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.setSoTimeout(250);
            InetAddress server = InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
            socket.send(new DatagramPacket(query, query.length, server, dnsPort));
            byte[] answer = new byte[512];
            DatagramPacket packet = new DatagramPacket(answer, answer.length);
            socket.receive(packet);
            boolean isResponse = (answer[2] & 0x80) != 0;
            return packet.getLength() >= 12 && answer[0] == query[0] && answer[1] == query[1] && isResponse;
        } catch (IOException e) {
            return false;
        }
    }

    /** Adds a TXT value for {@code host}; values accumulate until {@link #clearTxt}. */
    void setTxt(String host, String value) throws IOException {
        post("/set-txt", "{\"host\": " + Json.quote(fqdn(host)) + ", \"value\": " + Json.quote(value) + "}",
                REQUEST_TIMEOUT);
    }

    /** Removes every TXT value of {@code host}. */
    void clearTxt(String host) throws IOException {
        post("/clear-txt", "{\"host\": " + Json.quote(fqdn(host)) + "}", REQUEST_TIMEOUT);
    }

    /**
     * The server stores the name as given and compares it with the fully qualified query name, so
     * a name without the trailing dot is accepted but never served.
     */
    static String fqdn(String host) {
        return host.endsWith(".") ? host : host + ".";
    }

    private void post(String path, String json, Duration timeout) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + path))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while calling pebble-challtestsrv " + path);
        }
        if (response.statusCode() != 200) {
            throw new IOException("pebble-challtestsrv " + path + " answered " + response.statusCode()
                    + ": " + response.body());
        }
    }
}
