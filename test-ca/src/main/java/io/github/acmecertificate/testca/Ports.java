package io.github.acmecertificate.testca;

import java.io.IOException;
import java.net.URI;

/**
 * The ports of one Pebble instance, all on 127.0.0.1. Pebble listens on {@code listen} (ACME)
 * and {@code management}; it connects to {@code http} and {@code tls} to validate challenges.
 * {@code dns} and {@code challTestSrvManagement} are 0 when no mock DNS runs.
 */
record Ports(int listen, int management, int http, int tls, int dns, int challTestSrvManagement) {

    /** Picks free ports for everything the options leave open. */
    static Ports pick(PebbleOptions options) throws IOException {
        int[] tcp = FreePorts.tcp(5);
        int http = options.httpPort() != null ? options.httpPort() : tcp[2];
        int tls = options.tlsPort() != null ? options.tlsPort() : tcp[3];
        if (options.dnsServer() != null) {
            return new Ports(tcp[0], tcp[1], http, tls, 0, 0);
        }
        int dns = FreePorts.tcpAndUdp(tcp);
        return new Ports(tcp[0], tcp[1], http, tls, dns, tcp[4]);
    }

    /** The ACME directory; {@code localhost} is the name Pebble's HTTPS certificate is issued for. */
    URI directoryUri() {
        return URI.create("https://localhost:" + listen + "/dir");
    }

    URI managementUri(String path) {
        return URI.create("https://localhost:" + management + path);
    }
}
