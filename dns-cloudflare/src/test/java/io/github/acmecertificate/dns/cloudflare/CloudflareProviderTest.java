package io.github.acmecertificate.dns.cloudflare;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.github.acmecertificate.core.challenge.ChallengeTask;
import io.github.acmecertificate.core.challenge.dns.Dns01Solver;
import io.github.acmecertificate.core.challenge.dns.DnsProviderFactory;
import io.github.acmecertificate.core.challenge.dns.DnsProviders;
import io.github.acmecertificate.core.challenge.dns.DnsSettings;
import io.github.acmecertificate.core.challenge.dns.SecretSource;
import io.github.acmecertificate.core.challenge.dns.TxtRecord;
import io.github.acmecertificate.core.event.ProgressEvent;
import io.github.acmecertificate.core.exception.AcmeCertificateException;
import io.github.acmecertificate.core.exception.InvalidInputException;
import io.github.acmecertificate.testca.ReplayServer;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * The Cloudflare provider against a local server that replays the exchanges of Cloudflare's
 * documented v4 API (zone look-up, record creation and deletion, and its error answers),
 * asserting the exact requests sent.
 */
public class CloudflareProviderTest {

    /** What the API answers to a request the test did not expect, in its own error format. */
    private static final String UNEXPECTED = "{\"success\":false,\"errors\":[{\"code\":1,\"message\":\"unexpected request in test\"}],\"messages\":[],\"result\":null}";

    private static final String TOKEN = "Sn3lZJTBX6kkg7OdcBUAxOO963GEIyGQqnFTOFYY";
    private static final String ZONE_ID = "023e105f4ecef8ad9ca31a8372d0c353";
    private static final String RECORD_1 = "372e67954025e0ba6aaa6d586b9e0b59";
    private static final String RECORD_2 = "8f3b67954025e0ba6aaa6d586b9e0c11";
    private static final String API = "/client/v4";

    private ReplayServer server;
    private final List<ProgressEvent> events = Collections.synchronizedList(new ArrayList<>());

    @Before
    public void start() throws Exception {
        server = new ReplayServer("application/json", 500, UNEXPECTED);
    }

    /** Every test: each queued request was sent, in order, and nothing else was. */
    @After
    public void everyExpectedRequestWasSentAndNothingElse() {
        try {
            assertEquals("requests that differ from the expected ones", List.of(), server.mismatches());
            assertEquals("expected requests that were never sent", 0, server.pending());
        } finally {
            server.close();
        }
    }

    /** No DNS query from the build: the zone comes from the API, as on an agent without DNS access. */
    private static DnsSettings offline() throws InvalidInputException {
        return DnsSettings.builder().skipPropagationCheck(true).followCnames(false).build();
    }

    private Dns01Solver solver(Map<String, String> extra) throws Exception {
        var options = new HashMap<>(extra);
        options.put("apiUrl", server.baseUrl() + API);
        return Dns01Solver.create("cloudflare", options, SecretSource.of(Map.of("apiToken", TOKEN)), offline());
    }

    private static ChallengeTask task(String domain, boolean wildcard, String token) {
        return new ChallengeTask("dns-01", domain, wildcard, token, token + ".thumbprint");
    }

    private static String ok(String result) {
        return "{\"result\":" + result + ",\"success\":true,\"errors\":[],\"messages\":[]}";
    }

    private static String zones(String... idAndName) {
        var items = new ArrayList<String>();
        for (int i = 0; i < idAndName.length; i += 2) {
            items.add("{\"id\":\"" + idAndName[i] + "\",\"name\":\"" + idAndName[i + 1] + "\",\"status\":\"active\","
                    + "\"paused\":false,\"type\":\"full\",\"name_servers\":[\"bob.ns.cloudflare.com\","
                    + "\"lola.ns.cloudflare.com\"]}");
        }
        return "{\"result\":[" + String.join(",", items) + "],\"result_info\":{\"page\":1,\"per_page\":20,"
                + "\"count\":" + items.size() + ",\"total_count\":" + items.size() + ",\"total_pages\":1},"
                + "\"success\":true,\"errors\":[],\"messages\":[]}";
    }

    private static String createBody(String name, String value) {
        return "{\"type\":\"TXT\",\"name\":\"" + name + "\",\"content\":\"" + value + "\",\"ttl\":120}";
    }

    private static String created(String id, String name, String value) {
        return ok("{\"id\":\"" + id + "\",\"zone_id\":\"" + ZONE_ID + "\",\"zone_name\":\"example.com\",\"name\":\""
                + name + "\",\"type\":\"TXT\",\"content\":\"" + value + "\",\"proxiable\":false,\"proxied\":false,"
                + "\"ttl\":120,\"locked\":false,\"meta\":{\"auto_added\":false,\"managed_by_apps\":false,"
                + "\"managed_by_argo_tunnel\":false},\"comment\":null,\"tags\":[],"
                + "\"created_on\":\"2025-01-01T05:20:00.12345Z\",\"modified_on\":\"2025-01-01T05:20:00.12345Z\"}");
    }

    private static String error(int code, String message) {
        return "{\"success\":false,\"errors\":[{\"code\":" + code + ",\"message\":\"" + message + "\"}],"
                + "\"messages\":[],\"result\":null}";
    }

    private String log() {
        synchronized (events) {
            return String.join("\n", events.stream().map(ProgressEvent::message).toList());
        }
    }

    @Test
    public void providerIsFoundThroughServiceLoader() {
        var names = DnsProviders.available(getClass().getClassLoader()).stream().map(DnsProviderFactory::name)
                .toList();
        assertTrue(names.toString(), names.containsAll(List.of("cloudflare", "rfc2136", "exec", "acme-dns")));
    }

    @Test
    public void wildcardAndBaseAreTwoRecordsFoundZoneOnceAndBothDeleted() throws Exception {
        var wildcard = task("example.com", true, "token-one");
        var base = task("example.com", false, "token-two");
        var name = "_acme-challenge.example.com";
        server.expect("GET", API + "/zones?name=_acme-challenge.example.com", null, 200, zones())
                .expect("GET", API + "/zones?name=example.com", null, 200, zones(ZONE_ID, "example.com"))
                .expect("POST", API + "/zones/" + ZONE_ID + "/dns_records", createBody(name, wildcard.dnsTxtValue()),
                        200, created(RECORD_1, name, wildcard.dnsTxtValue()))
                .expect("POST", API + "/zones/" + ZONE_ID + "/dns_records", createBody(name, base.dnsTxtValue()),
                        200, created(RECORD_2, name, base.dnsTxtValue()))
                .expect("DELETE", API + "/zones/" + ZONE_ID + "/dns_records/" + RECORD_1, null, 200,
                        ok("{\"id\":\"" + RECORD_1 + "\"}"))
                .expect("DELETE", API + "/zones/" + ZONE_ID + "/dns_records/" + RECORD_2, null, 200,
                        ok("{\"id\":\"" + RECORD_2 + "\"}"));
        try (var solver = solver(Map.of())) {
            solver.prepare(wildcard, events::add);
            solver.prepare(base, events::add);
            solver.awaitReady(List.of(wildcard, base), events::add);
            solver.cleanUp(wildcard, events::add);
            solver.cleanUp(base, events::add);
        }
        assertEquals(List.of(), server.mismatches());
        assertEquals(0, server.pending());
        for (var request : server.received()) {
            assertEquals(request.toString(), "Bearer " + TOKEN, request.headers().get("Authorization"));
            if (request.method().equals("POST")) {
                assertEquals("application/json", request.headers().get("Content-Type"));
            }
        }
        assertFalse(log().contains(TOKEN));
    }

    @Test
    public void zoneIdOptionSkipsTheZoneLookUp() throws Exception {
        var task = task("www.example.com", false, "token-three");
        var name = "_acme-challenge.www.example.com";
        server.expect("POST", API + "/zones/" + ZONE_ID + "/dns_records", createBody(name, task.dnsTxtValue()), 200,
                        created(RECORD_1, name, task.dnsTxtValue()))
                .expect("DELETE", API + "/zones/" + ZONE_ID + "/dns_records/" + RECORD_1, null, 200,
                        ok("{\"id\":\"" + RECORD_1 + "\"}"));
        try (var solver = solver(Map.of("zoneId", ZONE_ID))) {
            solver.prepare(task, events::add);
            solver.cleanUp(task, events::add);
        }
        assertEquals(List.of(), server.mismatches());
        assertEquals(List.of("POST " + API + "/zones/" + ZONE_ID + "/dns_records",
                "DELETE " + API + "/zones/" + ZONE_ID + "/dns_records/" + RECORD_1), server.requestLines());
    }

    @Test
    public void invalidTokenIsExplainedWithoutShowingIt() throws Exception {
        server.expect("GET", API + "/zones?name=_acme-challenge.example.com", null, 403,
                error(9109, "Invalid access token"));
        try (var solver = solver(Map.of())) {
            var ex = assertThrows(AcmeCertificateException.class,
                    () -> solver.prepare(task("example.com", false, "t"), events::add));
            var message = ex.getMessage();
            assertTrue(message, message.contains("HTTP 403: 9109 Invalid access token"));
            assertTrue(message, message.contains("The API token is not valid"));
            assertFalse(message, message.contains(TOKEN));
        }
        assertEquals(1, server.received().size());
    }

    @Test
    public void tokenWithoutDnsEditIsToldWhichPermissionIsMissing() throws Exception {
        var task = task("example.com", false, "token-four");
        server.expect("GET", API + "/zones?name=_acme-challenge.example.com", null, 200, zones())
                .expect("GET", API + "/zones?name=example.com", null, 200, zones(ZONE_ID, "example.com"))
                .expect("POST", API + "/zones/" + ZONE_ID + "/dns_records", null, 403,
                        error(10000, "Authentication error"));
        try (var solver = solver(Map.of())) {
            var ex = assertThrows(AcmeCertificateException.class, () -> solver.prepare(task, events::add));
            assertTrue(ex.getMessage(), ex.getMessage().contains("10000 Authentication error"));
            assertTrue(ex.getMessage(), ex.getMessage().contains("Zone.DNS:Edit"));
            assertTrue(ex.getMessage(), ex.getMessage().contains("create the TXT record _acme-challenge.example.com."));
            // Nothing was created, so nothing is cleaned up.
            solver.cleanUp(task, events::add);
        }
        assertEquals(List.of(), server.mismatches());
        assertEquals(3, server.received().size());
    }

    @Test
    public void zoneTheTokenCannotSeeIsReported() throws Exception {
        server.expect("GET", API + "/zones?name=_acme-challenge.example.com", null, 200, zones())
                .expect("GET", API + "/zones?name=example.com", null, 200, zones());
        try (var solver = solver(Map.of())) {
            var ex = assertThrows(AcmeCertificateException.class,
                    () -> solver.prepare(task("example.com", false, "t"), events::add));
            assertTrue(ex.getMessage(), ex.getMessage().contains("Zone.Zone:Read"));
            assertTrue(ex.getMessage(), ex.getMessage().contains("_acme-challenge.example.com, example.com"));
        }
    }

    @Test
    public void zoneFoundInDnsIsAskedForDirectly() throws Exception {
        var record = new TxtRecord("_acme-challenge.www.example.com.", "_acme-challenge.www.example.com.",
                "value-1", "example.com.");
        server.expect("GET", API + "/zones?name=example.com", null, 200, zones(ZONE_ID, "example.com"))
                .expect("POST", API + "/zones/" + ZONE_ID + "/dns_records", null, 200,
                        created(RECORD_1, "_acme-challenge.www.example.com", "value-1"));
        try (var provider = provider()) {
            provider.addTxtRecord(record, events::add);
        }
        assertEquals(List.of(), server.mismatches());
    }

    @Test
    public void recordsOfAnEarlierRunAreFoundByNameAndContentAndAGoneOneIsNoError() throws Exception {
        var record = new TxtRecord("_acme-challenge.example.com.", "_acme-challenge.example.com.", "old value",
                "example.com.");
        server.expect("GET", API + "/zones?name=example.com", null, 200, zones(ZONE_ID, "example.com"))
                .expect("GET", API + "/zones/" + ZONE_ID + "/dns_records?type=TXT&name=_acme-challenge.example.com"
                        + "&content=old+value", null, 200, "{\"result\":[{\"id\":\"" + RECORD_1 + "\",\"type\":\"TXT\","
                        + "\"name\":\"_acme-challenge.example.com\",\"content\":\"old value\"}],\"success\":true,"
                        + "\"errors\":[],\"messages\":[]}")
                .expect("DELETE", API + "/zones/" + ZONE_ID + "/dns_records/" + RECORD_1, null, 404,
                        error(81044, "Record does not exist."));
        try (var provider = provider()) {
            provider.removeTxtRecord(record, events::add);
        }
        assertEquals(List.of(), server.mismatches());
        assertEquals(0, server.pending());
    }

    private io.github.acmecertificate.core.challenge.dns.DnsProvider provider() throws Exception {
        var factory = DnsProviders.require("cloudflare", getClass().getClassLoader());
        return DnsProviders.create(factory, Map.of("apiUrl", server.baseUrl() + API),
                SecretSource.ofCredential(factory, null, TOKEN), offline());
    }

    @Test
    public void optionsAreChecked() {
        var missing = assertThrows(InvalidInputException.class, () -> Dns01Solver.create("cloudflare", Map.of(),
                SecretSource.NONE, offline()));
        assertEquals("dns.apiToken", missing.field());
        var inline = assertThrows(InvalidInputException.class, () -> Dns01Solver.create("cloudflare",
                Map.of("apiToken", TOKEN), SecretSource.NONE, offline()));
        assertEquals("dns.apiToken", inline.field());
        assertFalse(inline.getMessage().contains(TOKEN));
        var values = assertThrows(InvalidInputException.class, () -> Dns01Solver.create("cloudflare",
                Map.of("ttl", "60", "zoneId", "example.com", "apiUrl", "file:///etc"),
                SecretSource.of(Map.of("apiToken", TOKEN)), offline()));
        assertEquals(List.of("dns.apiUrl", "dns.ttl", "dns.zoneId"),
                values.problems().stream().map(InvalidInputException.Problem::field).toList());
    }

    @Test
    public void theTokenIsNeverSentOverPlainHttpExceptToLoopback() throws Exception {
        var plain = assertThrows(InvalidInputException.class, () -> Dns01Solver.create("cloudflare",
                Map.of("apiUrl", "http://api.cloudflare.example/client/v4"), SecretSource.of(Map.of("apiToken", TOKEN)),
                offline()));
        assertEquals("dns.apiUrl", plain.field());
        assertTrue(plain.getMessage(), plain.getMessage().contains("unencrypted. Use https://api.cloudflare.example"));
        assertFalse(plain.getMessage().contains(TOKEN));
        for (var loopback : List.of("http://127.0.0.1:8080/v4", "http://localhost:8080/v4", "http://[::1]:8080/v4")) {
            Dns01Solver.create("cloudflare", Map.of("apiUrl", loopback), SecretSource.of(Map.of("apiToken", TOKEN)),
                    offline()).close();
        }
    }
}
