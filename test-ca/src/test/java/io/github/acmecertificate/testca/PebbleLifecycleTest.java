package io.github.acmecertificate.testca;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Starting, running side by side, and stopping. */
public class PebbleLifecycleTest {

    @Rule
    public TemporaryFolder temporary = new TemporaryFolder();

    @Before
    public void requirePebble() {
        PebbleInstalled.assume();
    }

    @Test
    public void twoInstancesRunAtOnceOnDifferentPortsWithTheirOwnRoots() throws Exception {
        try (Pebble first = Pebble.start(); Pebble second = Pebble.start()) {
            assertNotEquals(first.directoryUri(), second.directoryUri());
            assertNotEquals(first.managementPort(), second.managementPort());
            assertNotEquals(first.httpPort(), second.httpPort());
            assertNotEquals(first.challengeDnsPort(), second.challengeDnsPort());

            HttpClient trustsFirst = Https.trusting(first.trustRootPem());
            assertEquals(200, Https.get(trustsFirst, first.directoryUri()).statusCode());
            assertEquals(200, Https.get(Https.trusting(second.trustRootPem()), second.directoryUri()).statusCode());
            // Each instance has its own HTTPS root: trusting one does not open the other. The
            // JDK's client reports the refused certificate as an SSLHandshakeException or, when
            // the server has closed the connection first, as an IOException over a closed
            // channel; either way the request must not succeed, while the same client reached
            // its own instance just above.
            try {
                var response = Https.get(trustsFirst, second.directoryUri());
                fail("the first instance's root must not validate the second instance: " + response.statusCode());
            } catch (IOException expected) {
                // Verification works, and the roots differ.
            }
        }
    }

    @Test
    public void closeStopsBothProcessesAndDeletesTheTemporaryWorkDirectory() throws Exception {
        Set<Long> before = childPids();
        Pebble pebble = Pebble.start();
        Set<Long> started = childPids();
        started.removeAll(before);
        assertEquals("pebble and pebble-challtestsrv run as children", 2, started.size());
        int acmePort = pebble.directoryUri().getPort();
        int dnsPort = pebble.challengeDnsPort().orElseThrow();
        Path workDirectory = pebble.workDirectory();
        assertTrue(accepts(acmePort));
        assertTrue(accepts(dnsPort));

        pebble.close();

        for (long pid : started) {
            assertFalse("process " + pid + " still runs", ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
        }
        assertFalse(accepts(acmePort));
        assertFalse(accepts(pebble.managementPort()));
        assertFalse(accepts(dnsPort));
        assertFalse(Files.exists(workDirectory));
        assertTrue("the log outlives the work directory", pebble.log().contains("Starting Pebble ACME server"));
        assertTrue(pebble.requestCount("GET /dir") >= 1);

        pebble.close(); // idempotent
        assertThrows(IllegalStateException.class, () -> pebble.setTxtRecord("_acme-challenge.x.example.test", "v"));
        assertThrows(IllegalStateException.class, pebble::issuingRoots);
    }

    @Test
    public void givenWorkDirectoryHoldsEverythingAndIsKept() throws Exception {
        Path directory = temporary.getRoot().toPath().resolve("nested/pebble");
        Path trustRoot;
        try (Pebble pebble = Pebble.start(PebbleOptions.defaults().withWorkDirectory(directory))) {
            assertEquals(directory.toAbsolutePath(), pebble.workDirectory());
            trustRoot = pebble.trustRootPem();
            assertEquals(directory.toAbsolutePath(), trustRoot.getParent());
        }
        for (String file : new String[] {HttpsCertificates.ROOT_PEM, HttpsCertificates.LOCALHOST_PEM,
                HttpsCertificates.LOCALHOST_KEY, PebbleConfig.FILE_NAME, Launcher.PEBBLE_LOG, Launcher.CHALLTESTSRV_LOG}) {
            assertTrue(file, Files.isRegularFile(directory.resolve(file)));
        }
        assertTrue(Files.readString(directory.resolve(Launcher.PEBBLE_LOG)).contains("GET /dir"));
    }

    @Test
    public void restartInTheSameWorkDirectoryGeneratesNewCertificates() throws Exception {
        PebbleOptions options = PebbleOptions.defaults().withWorkDirectory(temporary.getRoot().toPath());
        String firstRoot;
        try (Pebble pebble = Pebble.start(options)) {
            firstRoot = Files.readString(pebble.trustRootPem());
        }
        try (Pebble pebble = Pebble.start(options)) {
            assertNotEquals(firstRoot, Files.readString(pebble.trustRootPem()));
            assertEquals(200, Https.get(Https.trusting(pebble.trustRootPem()), pebble.directoryUri()).statusCode());
        }
    }

    @Test
    public void missingBinariesAreReportedWithTheInstallCommand() throws Exception {
        Path emptyPath = temporary.newFolder("empty-path").toPath();

        IOException e = assertThrows(IOException.class,
                () -> Launcher.start(PebbleOptions.defaults(), new Executables(emptyPath.toString()), Ports::pick));

        assertTrue(e.getMessage(), e.getMessage().contains("apt-get install -y pebble"));
        assertTrue(e.getMessage(), e.getMessage().contains("'pebble'"));
    }

    @Test
    public void pebbleThatExitsAtOnceFailsTheStartWithItsLog() throws Exception {
        // A fake pebble that reports an error and exits, as Pebble does on a broken configuration.
        Path bin = temporary.newFolder("bin").toPath();
        Path fake = bin.resolve("pebble");
        Files.writeString(fake, "#!/bin/sh\necho 'fake pebble: cannot load configuration' >&2\nexit 3\n");
        assertTrue(fake.toFile().setExecutable(true));
        Executables executables = new Executables(bin + ":" + System.getenv("PATH"));
        Set<Long> before = childPids();

        IOException e = assertThrows(IOException.class, () -> Launcher.start(PebbleOptions.defaults(), executables, Ports::pick));

        assertTrue(e.getMessage(), e.getMessage().contains("pebble exited with code 3"));
        assertTrue(e.getMessage(), e.getMessage().contains("fake pebble: cannot load configuration"));
        // The mock DNS's log is attached too; its content depends on how far it got before pebble exited.
        assertTrue(e.getMessage(), e.getMessage().contains("--- last lines of " + Launcher.CHALLTESTSRV_LOG + " ---"));
        assertEquals("the mock DNS started alongside is stopped again", before, childPids());
    }

    private static Set<Long> childPids() {
        return ProcessHandle.current().children()
                .filter(p -> p.info().command().map(c -> c.contains("pebble")).orElse(false))
                .map(ProcessHandle::pid)
                .collect(Collectors.toSet());
    }

    private static boolean accepts(int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (ConnectException refused) {
            return false;
        }
    }
}
