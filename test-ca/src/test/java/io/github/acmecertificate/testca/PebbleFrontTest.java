package io.github.acmecertificate.testca;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.After;
import org.junit.AfterClass;
import org.junit.Before;
import org.junit.BeforeClass;
import org.junit.Test;

/** The front passes Pebble's answers through under its own address, and adds ARI and profiles. */
public class PebbleFrontTest {

    private static Pebble pebble;
    private PebbleFront front;
    private HttpClient client;

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

    @Before
    public void startFront() throws Exception {
        front = PebbleFront.start(pebble);
        client = Https.trusting(front.trustRootPem());
    }

    @After
    public void stopFront() {
        front.close();
    }

    @Test
    public void directoryPointsAtTheFrontAndAddsRenewalInfoAndProfiles() throws Exception {
        front.offerProfiles(Map.of("shortlived", "about six days"));
        var response = Https.get(client, front.directoryUri());

        assertEquals(200, response.statusCode());
        int port = front.directoryUri().getPort();
        var body = response.body();
        assertTrue(body, body.contains("\"newOrder\": \"https://localhost:" + port + "/order-plz\""));
        assertTrue(body, body.contains("\"renewalInfo\": \"https://localhost:" + port + "/renewal-info\""));
        assertTrue(body, body.contains("\"profiles\": {\"shortlived\": \"about six days\"}"));
        // Pebble's own meta entries are kept.
        assertTrue(body, body.contains("\"externalAccountRequired\": false"));
        assertFalse(body, body.contains(":" + pebble.directoryUri().getPort() + "/"));
    }

    @Test
    public void withoutRenewalInfoTheDirectoryIsPebbles() throws Exception {
        front.offerRenewalInfo(false);
        var body = Https.get(client, front.directoryUri()).body();
        assertFalse(body, body.contains("renewalInfo"));
        assertFalse(body, body.contains("profiles"));
    }

    @Test
    public void nonceRequestsReachPebble() throws Exception {
        var newNonce = URI.create("https://localhost:" + front.directoryUri().getPort() + "/nonce-plz");
        var response = client.send(HttpRequest.newBuilder(newNonce).method("HEAD", HttpRequest.BodyPublishers.noBody())
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding());
        assertTrue(response.statusCode() / 100 == 2);
        assertTrue(response.headers().firstValue("Replay-Nonce").orElse("").length() > 10);
        assertEquals(List.of("HEAD /nonce-plz"), front.requestLines());
        assertEquals(1, pebble.requestCount("HEAD /nonce-plz"));
    }

    @Test
    public void renewalInfoAnswersTheWindowAndRetryAfterTheTestSets() throws Exception {
        var info = URI.create("https://localhost:" + front.directoryUri().getPort() + "/renewal-info/abc.def");
        assertEquals(404, Https.get(client, info).statusCode());

        var start = Instant.parse("2030-01-01T00:00:00Z");
        front.suggestWindow(start, start.plus(Duration.ofDays(2)), Duration.ofHours(6));
        var response = Https.get(client, info);
        assertEquals(200, response.statusCode());
        assertTrue(response.body(), response.body().contains("\"start\": \"2030-01-01T00:00:00Z\""));
        assertTrue(response.body(), response.body().contains("\"end\": \"2030-01-03T00:00:00Z\""));
        assertEquals("21600", response.headers().firstValue("Retry-After").orElse(""));

        front.failRenewalInfo(503);
        assertEquals(503, Https.get(client, info).statusCode());
        assertEquals(List.of("abc.def", "abc.def", "abc.def"), front.renewalInfoRequests());
    }
}
