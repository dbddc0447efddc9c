package io.github.acmecertificate.core.challenge.dns;

import java.net.InetSocketAddress;
import java.util.Objects;

import io.github.acmecertificate.core.config.Values;

/**
 * A DNS server as a user names it: a host name or IP address and a port.
 *
 * <p>The host is kept as written and resolved only when the server is contacted, so that
 * parsing the configuration makes no network call.
 *
 * @param host the host name or IP address (an IPv6 address without brackets)
 * @param port the UDP and TCP port
 * @since 0.1.0
 */
public record DnsServer(String host, int port) {

    /** The port DNS servers listen on. */
    public static final int DEFAULT_PORT = 53;

    /**
     * Creates a server address.
     *
     * @param host the host name or IP address
     * @param port 1 to 65535
     */
    public DnsServer {
        Objects.requireNonNull(host, "host");
        if (host.isBlank() || port < 1 || port > 65535) {
            throw new IllegalArgumentException("not a DNS server address: " + host + ":" + port);
        }
    }

    /**
     * Parses {@code host}, {@code host:port}, an IPv6 address, or {@code [v6]:port}.
     *
     * @param text        the address as written
     * @param defaultPort the port when none is written
     * @return the server
     * @throws IllegalArgumentException with a message saying what is wrong
     */
    public static DnsServer parse(String text, int defaultPort) {
        var value = text == null ? "" : text.strip();
        if (value.isEmpty()) {
            throw new IllegalArgumentException("an empty address was given");
        }
        String host = value;
        String port = null;
        if (value.startsWith("[")) {
            int close = value.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("'" + text + "' lacks the closing ] of an IPv6 address");
            }
            host = value.substring(1, close);
            var rest = value.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    throw new IllegalArgumentException("'" + text + "' is not [address]:port");
                }
                port = rest.substring(1);
            }
        } else if (value.indexOf(':') >= 0 && value.indexOf(':') == value.lastIndexOf(':')) {
            host = value.substring(0, value.indexOf(':'));
            port = value.substring(value.indexOf(':') + 1);
        }
        if (!host.matches("[0-9A-Za-z.:%_-]+")) {
            throw new IllegalArgumentException("'" + text + "' is not a host name or IP address");
        }
        int number = defaultPort;
        if (port != null) {
            var parsed = Values.portNumber(port);
            if (parsed == null) {
                throw new IllegalArgumentException("'" + text + "' has no valid port (1 to 65535)");
            }
            number = parsed;
        }
        return new DnsServer(host, number);
    }

    /**
     * Resolves the host.
     *
     * @return the socket address (resolving a host name through the system's resolver)
     */
    public InetSocketAddress socketAddress() {
        return new InetSocketAddress(host, port);
    }

    @Override
    public String toString() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
