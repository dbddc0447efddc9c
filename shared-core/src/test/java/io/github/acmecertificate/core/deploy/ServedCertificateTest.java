package io.github.acmecertificate.core.deploy;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509KeyManager;

import io.github.acmecertificate.core.deploy.it.TestBundles;
import io.github.acmecertificate.core.key.KeyType;
import io.github.acmecertificate.core.store.CertificateBundle;
import org.junit.Test;

/** The TLS check counts a server only when it completes a handshake with the new certificate. */
public class ServedCertificateTest {

    @Test
    public void aServerShowingTheNewCertificateWithAnotherKeyIsNoMatch() throws Exception {
        var bundle = TestBundles.issue("tls.example.test");
        var wrongKey = KeyType.EC_P256.generate().getPrivate();
        try (var server = serve(bundle, wrongKey)) {
            var check = TlsCheck.parse("127.0.0.1:" + server.getLocalPort(), "localhost", "verifyTls");
            var probe = ServedCertificate.probe(check, "tls.example.test", bundle.certificate());
            assertFalse("a handshake that fails is no match: " + probe.describe(), probe.matches(bundle.certificate()));
            assertTrue(probe.describe(), probe.describe().contains("cannot complete a TLS handshake"));
            assertTrue(probe.describe(), probe.describe().contains("key that belongs to the certificate"));
        }
    }

    @Test
    public void aServerWithTheNewCertificateAndItsKeyMatches() throws Exception {
        var bundle = TestBundles.issue("tls.example.test");
        try (var server = serve(bundle, bundle.privateKey().orElseThrow())) {
            var check = TlsCheck.parse("127.0.0.1:" + server.getLocalPort(), "localhost", "verifyTls");
            var probe = ServedCertificate.probe(check, "tls.example.test", bundle.certificate());
            assertTrue(probe.describe(), probe.matches(bundle.certificate()));
        }
    }

    /** A TLS server on a free port presenting the bundle's chain, signing with the given key. */
    private static SSLServerSocket serve(CertificateBundle bundle, PrivateKey key) throws Exception {
        var chain = bundle.chain().toArray(new X509Certificate[0]);
        X509KeyManager keys = new X509KeyManager() {
            @Override
            public String[] getClientAliases(String keyType, java.security.Principal[] issuers) {
                return null;
            }

            @Override
            public String chooseClientAlias(String[] keyType, java.security.Principal[] issuers, Socket socket) {
                return null;
            }

            @Override
            public String[] getServerAliases(String keyType, java.security.Principal[] issuers) {
                return new String[] {"server"};
            }

            @Override
            public String chooseServerAlias(String keyType, java.security.Principal[] issuers, Socket socket) {
                return "EC".equals(keyType) || "EC_EC".equals(keyType) ? "server" : null;
            }

            @Override
            public X509Certificate[] getCertificateChain(String alias) {
                return chain;
            }

            @Override
            public PrivateKey getPrivateKey(String alias) {
                return key;
            }
        };
        var context = SSLContext.getInstance("TLS");
        context.init(new KeyManager[] {keys}, null, null);
        var server = (SSLServerSocket) context.getServerSocketFactory().createServerSocket(0, 50,
                InetAddress.getLoopbackAddress());
        var thread = new Thread(() -> {
            while (!server.isClosed()) {
                try (var socket = (SSLSocket) server.accept()) {
                    socket.setSoTimeout(5000);
                    socket.startHandshake();
                } catch (IOException ex) {
                    // A failed handshake is what one of the tests wants to see.
                }
            }
        }, "tls-test-server");
        thread.setDaemon(true);
        thread.start();
        return server;
    }
}
