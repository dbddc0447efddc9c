package io.github.acmecertificate.core.deploy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

import io.github.acmecertificate.core.store.CertificateBundle;

/**
 * Asks a TLS server which certificate it serves for a name, and compares it with the one
 * just deployed.
 *
 * <p>Trust: the connection accepts exactly one certificate, the expected leaf, and refuses
 * every other. That is stricter than any CA check, needs no trust store, and works for a
 * server reached by address. Nothing but the handshake is sent. Only a handshake that
 * completes counts: seeing the certificate is not enough, the server must also prove it
 * holds the certificate's key.
 */
final class ServedCertificate {

    private static final Duration RETRY = Duration.ofMillis(250);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    /**
     * What one probe saw: the served leaf, or why none was seen, and whether the handshake
     * completed. A server that shows the new certificate but cannot complete the handshake
     * (its key is not the certificate's) serves nobody: that is no match.
     */
    record Probe(X509Certificate served, String error, boolean completed) {
        boolean matches(X509Certificate expected) {
            return completed && served != null && served.equals(expected);
        }

        String describe() {
            if (served == null) {
                return error;
            }
            if (!completed && error != null) {
                return "certificate serial " + CertificateBundle.serialHex(served.getSerialNumber()) + " but cannot "
                        + "complete a TLS handshake with it (" + error + "); check that the server has the key "
                        + "that belongs to the certificate";
            }
            return "certificate serial " + CertificateBundle.serialHex(served.getSerialNumber()) + " ("
                    + served.getSubjectX500Principal().getName() + ", expires " + served.getNotAfter().toInstant()
                    + ", SHA-256 " + CertificateBundle.fingerprint(served) + ")";
        }
    }

    private ServedCertificate() {
    }

    /** The server name to send: the configured one, else the certificate's first name. */
    static String serverName(TlsCheck check, List<String> names) {
        if (check.serverName().isPresent()) {
            return check.serverName().get();
        }
        var first = names.isEmpty() ? check.host() : names.get(0);
        return first.startsWith("*.") ? first.substring(2) : first;
    }

    /** Probes until the expected certificate is served or the time is up; returns the last probe. */
    static Probe await(TlsCheck check, String serverName, X509Certificate expected, Duration timeout)
            throws InterruptedException {
        var deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            var probe = probe(check, serverName, expected);
            if (probe.matches(expected) || System.nanoTime() + RETRY.toNanos() > deadline) {
                return probe;
            }
            Thread.sleep(RETRY.toMillis());
        }
    }

    /** Connects once and reports the served leaf. */
    static Probe probe(TlsCheck check, String serverName, X509Certificate expected) {
        var pin = new PinningTrustManager(expected);
        try {
            var context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {pin}, null);
            try (var raw = new Socket()) {
                int timeout = (int) CONNECT_TIMEOUT.toMillis();
                raw.connect(new InetSocketAddress(check.host(), check.port()), timeout);
                raw.setSoTimeout(timeout);
                try (var ssl = (SSLSocket) context.getSocketFactory().createSocket(raw, check.host(), check.port(),
                        true)) {
                    var params = ssl.getSSLParameters();
                    params.setServerNames(isAddress(serverName) ? List.of() : List.of(new SNIHostName(serverName)));
                    params.setEndpointIdentificationAlgorithm(null);
                    ssl.setSSLParameters(params);
                    ssl.startHandshake();
                }
            }
            return new Probe(pin.served, null, true);
        } catch (SSLException ex) {
            if (pin.served != null && !pin.served.equals(expected)) {
                // Refused by the pin: another certificate is served, which describe() says.
                return new Probe(pin.served, null, false);
            }
            if (pin.served != null) {
                // The expected certificate, but the server could not prove it holds its key.
                return new Probe(pin.served, ex.getMessage(), false);
            }
            return new Probe(null, "the TLS handshake failed: " + ex.getMessage(), false);
        } catch (IOException ex) {
            return new Probe(null, "cannot connect: " + ex.getMessage(), false);
        } catch (GeneralSecurityException | IllegalArgumentException ex) {
            return new Probe(null, "cannot check: " + ex.getMessage(), false);
        }
    }

    private static boolean isAddress(String name) {
        return name.contains(":") || name.matches("[0-9.]+");
    }

    /** Accepts the expected leaf only, and remembers what was served. */
    private static final class PinningTrustManager extends X509ExtendedTrustManager {

        private final X509Certificate expected;
        private volatile X509Certificate served;

        PinningTrustManager(X509Certificate expected) {
            this.expected = expected;
        }

        private void check(X509Certificate[] chain) throws CertificateException {
            if (chain == null || chain.length == 0) {
                throw new CertificateException("the server sent no certificate");
            }
            served = chain[0];
            if (!chain[0].equals(expected)) {
                throw new CertificateException("the server serves another certificate than the one deployed");
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            check(chain);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            check(chain);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            check(chain);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("this connection is a client only");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            throw new CertificateException("this connection is a client only");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            throw new CertificateException("this connection is a client only");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
