package io.github.acmecertificate.testca;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import org.junit.Before;
import org.junit.Test;

/** Each option reaches the running Pebble, as its log, configuration or API shows. */
public class PebbleOptionsAppliedTest {

    @Before
    public void requirePebble() {
        PebbleInstalled.assume();
    }

    @Test
    public void behaviourOptionsReachPebble() throws Exception {
        PebbleOptions options = PebbleOptions.defaults()
                .withNonceRejectPercent(7)
                .withAuthzReusePercent(30)
                .withCertificateValidity(Duration.ofHours(1))
                .withBlockedDomain("blocked.example.test")
                .withHttpPort(45002)
                .withTlsPort(45001);
        try (Pebble pebble = Pebble.start(options)) {
            String log = pebble.log();
            assertTrue(log, log.contains("Configured to reject 7% of good nonces"));
            assertTrue(log, log.contains("authz reuse for each identifier 30% of the time"));
            assertTrue(log, log.contains("Using certificate validity period of 3600 seconds"));
            assertEquals(45002, pebble.httpPort());
            assertEquals(45001, pebble.tlsPort());
            String config = Files.readString(pebble.workDirectory().resolve(PebbleConfig.FILE_NAME));
            assertTrue(config, config.contains("\"domainBlocklist\": [\"blocked.example.test\"]"));
            assertTrue(config, config.contains("\"httpPort\": 45002"));
            assertTrue(config, config.contains("\"tlsPort\": 45001"));
        }
    }

    @Test
    public void externalAccountBindingBecomesRequired() throws Exception {
        PebbleOptions options = PebbleOptions.defaults()
                .withExternalAccountBinding("kid-1", "zWNDZM6eQGHWpSRTPal5eIUYFTu7EajVIoguysqZ9wG44nMEtx3MUAsUDkMTQ12W");
        try (Pebble pebble = Pebble.start(options)) {
            String directory = Https.get(Https.trusting(pebble.sslContext()), pebble.directoryUri()).body();
            assertTrue(directory, directory.contains("\"externalAccountRequired\": true"));
        }
    }

    @Test
    public void alternateRootsAndLongerChainsAreServed() throws Exception {
        PebbleOptions options = PebbleOptions.defaults().withAlternateRoots(1).withChainLength(2);
        try (Pebble pebble = Pebble.start(options)) {
            List<X509Certificate> roots = pebble.issuingRoots();
            List<X509Certificate> intermediates = pebble.intermediates();

            assertEquals(2, roots.size());
            assertEquals(2, intermediates.size());
            assertNotEquals(roots.get(0), roots.get(1));
            for (X509Certificate root : roots) {
                root.verify(root.getPublicKey());
            }
            // With two intermediates per chain, the issuing one is signed by the other, not the root.
            assertNotEquals(roots.get(0).getSubjectX500Principal(), intermediates.get(0).getIssuerX500Principal());
            assertTrue(pebble.log(), pebble.log().contains("Alternate (1) root CA certificate available"));
        }
    }

    @Test
    public void externalDnsServerReplacesTheMockDns() throws Exception {
        // Any resolver address will do: Pebble only queries it when validating a challenge.
        try (DatagramSocket resolver = new DatagramSocket(
                new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 0))) {
            String address = "127.0.0.1:" + resolver.getLocalPort();
            try (Pebble pebble = Pebble.start(PebbleOptions.defaults().withDnsServer(address))) {
                assertFalse(pebble.challengeDnsPort().isPresent());
                assertEquals("", pebble.challengeServerLog());
                assertTrue(pebble.log(), pebble.log().contains("Using custom DNS resolver for ACME challenges: " + address));
                IllegalStateException e = assertThrows(IllegalStateException.class,
                        () -> pebble.setTxtRecord("_acme-challenge.x.example.test", "v"));
                assertTrue(e.getMessage(), e.getMessage().contains(address));
                assertThrows(IllegalStateException.class, () -> pebble.clearTxtRecord("_acme-challenge.x.example.test"));
            }
        }
    }
}
