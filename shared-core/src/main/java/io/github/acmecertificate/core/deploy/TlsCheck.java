package io.github.acmecertificate.core.deploy;

import java.util.Objects;
import java.util.Optional;

import io.github.acmecertificate.core.config.Values;
import io.github.acmecertificate.core.exception.InvalidInputException;

/**
 * Where to check, after deploying, that a server serves the new certificate: a TLS
 * address, and optionally the server name to send (by default the certificate's first name).
 *
 * @since 0.1.0
 */
public final class TlsCheck {

    private final String host;
    private final int port;
    private final String serverName;

    private TlsCheck(String host, int port, String serverName) {
        this.host = Objects.requireNonNull(host, "host");
        this.port = port;
        this.serverName = serverName;
    }

    /**
     * Parses {@code host:port}, {@code [ipv6]:port}, or a port alone (then the target's own host).
     *
     * @param value       the configured value
     * @param defaultHost the host for a bare port
     * @param field       the configuration field, for the error
     * @return the check
     * @throws InvalidInputException naming the field when the value is not an address
     */
    public static TlsCheck parse(String value, String defaultHost, String field) throws InvalidInputException {
        var text = value == null ? "" : value.strip();
        String host;
        String port;
        if (text.matches("\\d+")) {
            host = defaultHost;
            port = text;
        } else if (text.startsWith("[") && text.contains("]:")) {
            host = text.substring(1, text.indexOf("]:"));
            port = text.substring(text.indexOf("]:") + 2);
        } else if (text.indexOf(':') > 0 && text.indexOf(':') == text.lastIndexOf(':')) {
            host = text.substring(0, text.indexOf(':'));
            port = text.substring(text.indexOf(':') + 1);
        } else {
            throw new InvalidInputException(field, "'" + text + "' is not host:port. Give the address the server "
                    + "serves TLS on, e.g. www.example.com:443 (or 443 alone for the target's host)");
        }
        if (host == null || host.isBlank() || !host.matches("[0-9A-Za-z.:%_-]+")) {
            throw new InvalidInputException(field, "'" + text + "' has no valid host. Give host:port, "
                    + "e.g. www.example.com:443");
        }
        var number = Values.portNumber(port);
        if (number == null) {
            throw new InvalidInputException(field, "'" + port + "' in '" + text + "' is not a TCP port (1 to 65535)");
        }
        return new TlsCheck(host, number, null);
    }

    /**
     * Returns a copy that sends another server name (SNI) than the certificate's first name.
     *
     * @param serverName a DNS name, or {@code null} for the certificate's first name
     * @return the copy
     */
    public TlsCheck serverName(String serverName) {
        return new TlsCheck(host, port, serverName == null || serverName.isBlank() ? null : serverName.strip());
    }

    /**
     * Returns the host to connect to.
     *
     * @return a name or address
     */
    public String host() {
        return host;
    }

    /**
     * Returns the port to connect to.
     *
     * @return the TCP port
     */
    public int port() {
        return port;
    }

    /**
     * Returns the server name to send, when set.
     *
     * @return the name, or empty for the certificate's first name
     */
    public Optional<String> serverName() {
        return Optional.ofNullable(serverName);
    }

    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
