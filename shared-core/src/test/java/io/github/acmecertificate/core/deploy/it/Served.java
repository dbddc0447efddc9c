package io.github.acmecertificate.core.deploy.it;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/** Asks a local TLS server which certificate it serves, independently of the code under test. */
public final class Served {

    private Served() {
    }

    /**
     * Returns the leaf served once it is the expected one, waiting up to five seconds: after
     * a reload, nginx's old workers may still answer a few connections while they drain.
     *
     * @param port     the TLS port
     * @param sni      the server name to send
     * @param expected the certificate to wait for
     * @return the last leaf seen
     * @throws Exception if the handshake fails
     */
    public static X509Certificate await(int port, String sni, X509Certificate expected) throws Exception {
        var deadline = System.nanoTime() + 5_000_000_000L;
        var leaf = leaf(port, sni);
        while (!leaf.equals(expected) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            leaf = leaf(port, sni);
        }
        return leaf;
    }

    /**
     * Returns the leaf a server on a loopback port serves for a name.
     *
     * @param port the TLS port
     * @param sni  the server name to send
     * @return the leaf
     * @throws Exception if the handshake fails
     */
    public static X509Certificate leaf(int port, String sni) throws Exception {
        var seen = new X509Certificate[1];
        var trustAll = new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
                seen[0] = chain[0];
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        var context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {trustAll}, null);
        try (var raw = new Socket()) {
            raw.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            try (var ssl = (SSLSocket) context.getSocketFactory().createSocket(raw, "127.0.0.1", port, true)) {
                var params = ssl.getSSLParameters();
                params.setServerNames(List.of(new SNIHostName(sni)));
                ssl.setSSLParameters(params);
                ssl.startHandshake();
            }
        }
        return seen[0];
    }
}
