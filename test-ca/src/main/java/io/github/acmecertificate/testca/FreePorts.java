package io.github.acmecertificate.testca;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * Picks free loopback ports by binding to port 0 and releasing the socket.
 *
 * <p>Another process may take a port between release and use; {@link Pebble} copes by retrying
 * its start with new ports when a listener reports the address in use.
 */
final class FreePorts {

    // Everything binds to 127.0.0.1 (never ::1), so check exactly that address.
    private static final InetAddress LOOPBACK = ipv4Loopback();

    private FreePorts() {
    }

    /**
     * Returns {@code count} distinct free TCP ports. All sockets stay open until every port is
     * chosen, so the same port is never handed out twice in one call.
     */
    static int[] tcp(int count) throws IOException {
        List<ServerSocket> open = new ArrayList<>();
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket(0, 1, LOOPBACK);
                open.add(socket);
                ports[i] = socket.getLocalPort();
            }
            return ports;
        } finally {
            closeAll(open);
        }
    }

    /**
     * Returns a port free for both TCP and UDP, as a DNS server needs both, and different from
     * every port in {@code exclude}.
     */
    static int tcpAndUdp(int... exclude) throws IOException {
        List<AutoCloseable> open = new ArrayList<>();
        try {
            for (int attempt = 0; attempt < 50; attempt++) {
                ServerSocket tcp = new ServerSocket(0, 1, LOOPBACK);
                open.add(tcp);
                int port = tcp.getLocalPort();
                if (contains(exclude, port)) {
                    continue;
                }
                try {
                    open.add(new DatagramSocket(new InetSocketAddress(LOOPBACK, port)));
                    return port;
                } catch (IOException udpTaken) {
                    // The TCP socket stays open until the end, so the next attempt gets another port.
                }
            }
            throw new IOException("no loopback port is free for both TCP and UDP");
        } finally {
            closeAll(open);
        }
    }

    private static InetAddress ipv4Loopback() {
        try {
            return InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1});
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException("a literal address cannot be unknown", e);
        }
    }

    private static boolean contains(int[] ports, int port) {
        for (int p : ports) {
            if (p == port) {
                return true;
            }
        }
        return false;
    }

    private static void closeAll(List<? extends AutoCloseable> sockets) {
        for (AutoCloseable socket : sockets) {
            try {
                socket.close();
            } catch (Exception ignored) {
                // Closing a socket we only used to reserve a number cannot fail in a way that matters.
            }
        }
    }
}
