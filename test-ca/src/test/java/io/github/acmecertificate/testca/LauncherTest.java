package io.github.acmecertificate.testca;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.Before;
import org.junit.Test;

/**
 * A port taken between picking and binding makes the start try again with new ports, whichever
 * server lost it: Pebble exits then, while pebble-challtestsrv keeps running without the listener.
 */
public class LauncherTest {

    private static final InetAddress LOOPBACK = loopback();

    @Before
    public void requirePebble() {
        PebbleInstalled.assume();
    }

    @Test
    public void takenAcmePortIsRetriedWithNewPorts() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, LOOPBACK)) {
            AtomicInteger attempts = new AtomicInteger();
            Launcher.PortPicker clashOnce = options -> {
                Ports free = Ports.pick(options);
                return attempts.getAndIncrement() > 0 ? free : new Ports(taken.getLocalPort(), free.management(),
                        free.http(), free.tls(), free.dns(), free.challTestSrvManagement());
            };
            try (Pebble pebble = Launcher.start(PebbleOptions.defaults(), Executables.fromEnvironment(), clashOnce)) {
                assertEquals(2, attempts.get());
                assertNotEquals(taken.getLocalPort(), pebble.directoryUri().getPort());
                assertEquals(200, Https.get(Https.trusting(pebble.sslContext()), pebble.directoryUri()).statusCode());
            }
        }
    }

    @Test
    public void takenDnsPortIsRetriedWithNewPorts() throws Exception {
        try (DatagramSocket taken = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            AtomicInteger attempts = new AtomicInteger();
            Launcher.PortPicker clashOnce = options -> {
                Ports free = Ports.pick(options);
                return attempts.getAndIncrement() > 0 ? free : new Ports(free.listen(), free.management(),
                        free.http(), free.tls(), taken.getLocalPort(), free.challTestSrvManagement());
            };
            try (Pebble pebble = Launcher.start(PebbleOptions.defaults(), Executables.fromEnvironment(), clashOnce)) {
                assertEquals(2, attempts.get());
                int dnsPort = pebble.challengeDnsPort().orElseThrow();
                assertNotEquals(taken.getLocalPort(), dnsPort);
                pebble.setTxtRecord("_acme-challenge.retry.example.test", "served");
                assertEquals(java.util.List.of("served"), DnsTxtLookup.query(dnsPort, "_acme-challenge.retry.example.test"));
            }
        }
    }

    @Test
    public void persistentClashFailsWithTheLogsAfterThreeAttempts() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, LOOPBACK)) {
            AtomicInteger attempts = new AtomicInteger();
            Launcher.PortPicker alwaysClash = options -> {
                attempts.incrementAndGet();
                Ports free = Ports.pick(options);
                return new Ports(free.listen(), free.management(), free.http(), free.tls(), free.dns(),
                        taken.getLocalPort());
            };

            IOException e = assertThrows(IOException.class,
                    () -> Launcher.start(PebbleOptions.defaults(), Executables.fromEnvironment(), alwaysClash));

            assertEquals(3, attempts.get());
            assertTrue(e.getMessage(), e.getMessage().contains("another process took one of its ports"));
            assertTrue(e.getMessage(), e.getMessage().contains(taken.getLocalPort() + ": bind: address already in use"));
        }
    }

    private static InetAddress loopback() {
        try {
            return InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
