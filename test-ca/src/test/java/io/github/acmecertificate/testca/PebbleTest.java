package io.github.acmecertificate.testca;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/** One Pebble with the default options, shared by read-only checks. */
public class PebbleTest {

    private static Pebble pebble;

    @BeforeClass
    public static void startPebble() throws Exception {
        PebbleInstalled.assume();
        pebble = Pebble.start();
    }

    @AfterClass
    public static void stopPebble() {
        if (pebble != null) {
            pebble.close();
        }
    }

    @Test
    public void directoryListsNewOrderAndIsTrustedThroughThePemFileAlone() throws Exception {
        assertEquals("https", pebble.directoryUri().getScheme());
        assertEquals("localhost", pebble.directoryUri().getHost());
        assertEquals("/dir", pebble.directoryUri().getPath());

        HttpClient client = Https.trusting(pebble.trustRootPem());
        HttpResponse<String> response = Https.get(client, pebble.directoryUri());

        assertEquals(200, response.statusCode());
        int port = pebble.directoryUri().getPort();
        assertTrue(response.body(), response.body().contains(
                "\"newOrder\": \"https://localhost:" + port + "/order-plz\""));
        assertTrue(response.body(), response.body().contains("\"externalAccountRequired\": false"));
    }

    @Test
    public void issuingRootIsASelfSignedCaOtherThanTheHttpsRoot() throws Exception {
        List<X509Certificate> roots = pebble.issuingRoots();

        assertEquals(1, roots.size());
        X509Certificate root = roots.get(0);
        assertEquals(root.getSubjectX500Principal(), root.getIssuerX500Principal());
        root.verify(root.getPublicKey());
        assertTrue("basicConstraints CA:true", root.getBasicConstraints() >= 0);
        assertTrue(root.getSubjectX500Principal().getName(), root.getSubjectX500Principal().getName().contains("Pebble Root CA"));
        X509Certificate httpsRoot = Tls.parseCertificates(Files.readAllBytes(pebble.trustRootPem()), "trust root").get(0);
        assertNotEquals(httpsRoot, root);
    }

    @Test
    public void intermediateIsSignedByTheIssuingRoot() throws Exception {
        List<X509Certificate> intermediates = pebble.intermediates();

        assertEquals(1, intermediates.size());
        X509Certificate intermediate = intermediates.get(0);
        intermediate.verify(pebble.issuingRoots().get(0).getPublicKey());
        assertTrue(intermediate.getBasicConstraints() >= 0);
    }

    @Test
    public void requestCountGrowsWithEachRequestOfThatKindOnly() throws Exception {
        long directoryGets = pebble.requestCount("GET /dir");
        long orders = pebble.requestCount("POST /order-plz");
        assertTrue("the readiness probe is counted", directoryGets >= 1);

        Https.get(Https.trusting(pebble.sslContext()), pebble.directoryUri());

        assertEquals(directoryGets + 1, pebble.requestCount("GET /dir"));
        assertEquals(directoryGets + 1, pebble.requestCount("GET /"));
        assertEquals(orders, pebble.requestCount("POST /order-plz"));
        assertEquals(0, pebble.requestCount("POST /"));
    }

    @Test
    public void managementCallsAreNotCountedAsRequests() throws Exception {
        long before = pebble.log().lines().count();
        pebble.issuingRoots();
        assertEquals(0, pebble.requestCount("GET /roots"));
        assertEquals(before, pebble.log().lines().count());
    }

    @Test
    public void txtRecordIsServedByTheMockDnsUntilCleared() throws Exception {
        int dnsPort = pebble.challengeDnsPort().orElseThrow();
        String name = "_acme-challenge.txt-test.example.test";

        pebble.setTxtRecord(name, "first-token");
        pebble.setTxtRecord(name + ".", "second-token");
        assertEquals(Set.of("first-token", "second-token"), Set.copyOf(DnsTxtLookup.query(dnsPort, name)));

        pebble.clearTxtRecord(name);
        assertEquals(List.of(), DnsTxtLookup.query(dnsPort, name));
        assertTrue(pebble.challengeServerLog(), pebble.challengeServerLog().contains("first-token"));
    }

    @Test
    public void portsAreDistinct() {
        int dnsPort = pebble.challengeDnsPort().orElseThrow();
        Set<Integer> ports = Set.of(pebble.directoryUri().getPort(), pebble.managementPort(),
                pebble.httpPort(), pebble.tlsPort(), dnsPort);
        assertEquals(pebble.toString(), 5, ports.size());
    }

    @Test
    public void defaultsAreDeterministic() {
        String log = pebble.log();
        assertTrue(log, log.contains("Disabling random VA sleeps"));
        assertTrue(log, log.contains("Configured to reject 0% of good nonces"));
        assertTrue(log, log.contains("authz reuse for each identifier 0% of the time"));
        assertTrue(log, log.contains("Using custom DNS resolver for ACME challenges: 127.0.0.1:"
                + pebble.challengeDnsPort().orElseThrow()));
    }

    @Test
    public void privateKeyIsReadableByTheOwnerOnly() throws Exception {
        assertEquals(PosixFilePermissions.fromString("rw-------"),
                Files.getPosixFilePermissions(pebble.workDirectory().resolve(HttpsCertificates.LOCALHOST_KEY)));
    }
}
