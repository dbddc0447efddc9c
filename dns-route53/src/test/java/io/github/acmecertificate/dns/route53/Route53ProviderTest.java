package io.github.acmecertificate.dns.route53;

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
import io.github.acmecertificate.core.event.ProgressEvent;
import io.github.acmecertificate.core.exception.AcmeCertificateException;
import io.github.acmecertificate.core.exception.InvalidInputException;
import io.github.acmecertificate.testca.ReplayServer;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * The Route 53 provider, through the real AWS SDK pointed at a local server (endpoint
 * override) that replays Route 53's documented REST/XML exchanges: hosted zone look-up,
 * record set read and change, change status, and the errors for denied or unknown
 * credentials. The exact requests are asserted, as is that the secret key never leaves the
 * signature.
 */
public class Route53ProviderTest {

    /** What the API answers to a request the test did not expect, in its own error format. */
    private static final String UNEXPECTED = "<?xml version=\"1.0\"?>\n<ErrorResponse xmlns=\"https://route53.amazonaws.com/doc/2013-04-01/\"><Error><Type>Sender</Type>"
                + "<Code>UnexpectedRequest</Code><Message>unexpected request in test</Message></Error>"
                + "<RequestId>test</RequestId></ErrorResponse>";

    private static final String ACCESS_KEY_ID = "AKIAIOSFODNN7EXAMPLE";
    private static final String SECRET_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    private static final String ZONE = "Z1D633PJN98FT9";
    private static final String NS = "xmlns=\"https://route53.amazonaws.com/doc/2013-04-01/\"";
    private static final String BASE = "/2013-04-01";

    private ReplayServer server;
    private final List<ProgressEvent> events = Collections.synchronizedList(new ArrayList<>());

    @Before
    public void start() throws Exception {
        server = new ReplayServer("text/xml", 400, UNEXPECTED);
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

    private static DnsSettings offline() throws InvalidInputException {
        return DnsSettings.builder().skipPropagationCheck(true).followCnames(false).build();
    }

    private Dns01Solver solver(Map<String, String> extra) throws Exception {
        var options = new HashMap<>(extra);
        options.put("endpoint", server.baseUrl());
        options.put("accessKeyId", ACCESS_KEY_ID);
        return Dns01Solver.create("route53", options, SecretSource.of(Map.of("secretAccessKey", SECRET_KEY)),
                offline());
    }

    private static ChallengeTask task(String domain, boolean wildcard, String token) {
        return new ChallengeTask("dns-01", domain, wildcard, token, token + ".thumbprint");
    }

    private static String zones(String dnsName, String... idAndName) {
        var zones = new StringBuilder();
        for (int i = 0; i < idAndName.length; i += 2) {
            zones.append("<HostedZone><Id>/hostedzone/").append(idAndName[i]).append("</Id><Name>")
                    .append(idAndName[i + 1]).append("</Name><CallerReference>ci-2025</CallerReference><Config>"
                    + "<Comment>production</Comment><PrivateZone>false</PrivateZone></Config>"
                    + "<ResourceRecordSetCount>12</ResourceRecordSetCount></HostedZone>");
        }
        return "<?xml version=\"1.0\"?>\n<ListHostedZonesByNameResponse " + NS + "><HostedZones>" + zones
                + "</HostedZones><DNSName>" + dnsName + "</DNSName><IsTruncated>false</IsTruncated>"
                + "<MaxItems>10</MaxItems></ListHostedZonesByNameResponse>";
    }

    /**
     * The answer to a listing of at most one record set from {@code name} on. When the TXT set
     * exists, the zone's next set follows it, so Route 53 says the list is truncated and where it
     * would go on; the provider must read only the first set.
     */
    private static String recordSets(String name, String... values) {
        var sets = new StringBuilder();
        var more = "<IsTruncated>false</IsTruncated>";
        if (values.length > 0) {
            more = "<IsTruncated>true</IsTruncated><NextRecordName>www.example.com.</NextRecordName>"
                    + "<NextRecordType>A</NextRecordType>";
            sets.append("<ResourceRecordSet><Name>").append(name).append("</Name><Type>TXT</Type><TTL>60</TTL>"
                    + "<ResourceRecords>");
            for (var value : values) {
                sets.append("<ResourceRecord><Value>&quot;").append(value).append("&quot;</Value></ResourceRecord>");
            }
            sets.append("</ResourceRecords></ResourceRecordSet>");
        } else {
            // Route 53 lists from the start name onwards: the next set in the zone, not the one asked for.
            sets.append("<ResourceRecordSet><Name>www.example.com.</Name><Type>A</Type><TTL>300</TTL>"
                    + "<ResourceRecords><ResourceRecord><Value>192.0.2.44</Value></ResourceRecord>"
                    + "</ResourceRecords></ResourceRecordSet>");
        }
        return "<?xml version=\"1.0\"?>\n<ListResourceRecordSetsResponse " + NS + "><ResourceRecordSets>" + sets
                + "</ResourceRecordSets>" + more + "<MaxItems>1</MaxItems>"
                + "</ListResourceRecordSetsResponse>";
    }

    private static String changeInfo(String element, String id, String status) {
        return "<?xml version=\"1.0\"?>\n<" + element + " " + NS + "><ChangeInfo><Id>/change/" + id + "</Id><Status>"
                + status + "</Status><SubmittedAt>2025-03-10T01:36:41.958Z</SubmittedAt><Comment>ACME DNS-01 "
                + "challenge</Comment></ChangeInfo></" + element + ">";
    }

    private static String error(String code, String message) {
        return "<?xml version=\"1.0\"?>\n<ErrorResponse " + NS + "><Error><Type>Sender</Type><Code>" + code
                + "</Code><Message>" + message + "</Message></Error><RequestId>"
                + "b25f48e8-84fd-11e6-80d9-574e0c4664cb</RequestId></ErrorResponse>";
    }

    private static String changeBody(String action, String name, String... values) {
        var records = new StringBuilder();
        for (var value : values) {
            records.append("<ResourceRecord><Value>&quot;").append(value).append("&quot;</Value></ResourceRecord>");
        }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><ChangeResourceRecordSetsRequest " + NS + "><ChangeBatch>"
                + "<Comment>ACME DNS-01 challenge</Comment><Changes><Change><Action>" + action + "</Action>"
                + "<ResourceRecordSet><Name>" + name + "</Name><Type>TXT</Type><TTL>60</TTL><ResourceRecords>"
                + records + "</ResourceRecords></ResourceRecordSet></Change></Changes></ChangeBatch>"
                + "</ChangeResourceRecordSetsRequest>";
    }

    private String log() {
        synchronized (events) {
            return String.join("\n", events.stream().map(ProgressEvent::message).toList());
        }
    }

    private static final String RRSET = BASE + "/hostedzone/" + ZONE + "/rrset";
    private static final String CHANGE = RRSET + "/";
    private static final String LIST = RRSET + "?name=_acme-challenge.example.com.&type=TXT&maxitems=1";

    @Test
    public void withoutAKeyTheSdkWouldUseThisMachinesIdentity() throws Exception {
        var factory = DnsProviders.require("route53", getClass().getClassLoader());
        assertTrue(factory.hostAccess(java.util.Map.of("hostedZoneId", "Z1"), true).isEmpty());
        assertTrue(factory.hostAccess(java.util.Map.of("access-key-id", "AKIA"), false).isEmpty());
        assertEquals(java.util.Optional.of("uses this machine's own AWS credentials (route53 without a credential "
                + "or accessKeyId)"), factory.hostAccess(java.util.Map.of("hostedZoneId", "Z1"), false));
        assertEquals(java.util.Optional.of("uses an AWS profile of this machine (the profile option)"),
                factory.hostAccess(java.util.Map.of("profile", "prod"), true));
    }

    @Test
    public void providerIsFoundThroughServiceLoader() {
        var names = DnsProviders.available(getClass().getClassLoader()).stream().map(DnsProviderFactory::name)
                .toList();
        assertTrue(names.toString(), names.containsAll(List.of("route53", "rfc2136", "exec", "acme-dns")));
    }

    @Test
    public void wildcardAndBaseShareOneRecordSetThatIsEmptiedAgain() throws Exception {
        var wildcard = task("example.com", true, "token-one");
        var base = task("example.com", false, "token-two");
        var name = "_acme-challenge.example.com.";
        var one = wildcard.dnsTxtValue();
        var two = base.dnsTxtValue();
        server.expect("GET", BASE + "/hostedzonesbyname?dnsname=_acme-challenge.example.com.&maxitems=10", null, 200,
                        zones("_acme-challenge.example.com.", ZONE, "example.com."))
                .expect("GET", BASE + "/hostedzonesbyname?dnsname=example.com.&maxitems=10", null, 200,
                        zones("example.com.", ZONE, "example.com."))
                .expect("GET", LIST, null, 200, recordSets(name))
                .expect("POST", CHANGE, changeBody("UPSERT", name, one), 200,
                        changeInfo("ChangeResourceRecordSetsResponse", "C2682N5HXP0BZ4", "PENDING"))
                .expect("GET", BASE + "/change/C2682N5HXP0BZ4", null, 200,
                        changeInfo("GetChangeResponse", "C2682N5HXP0BZ4", "INSYNC"))
                .expect("GET", LIST, null, 200, recordSets(name, one))
                .expect("POST", CHANGE, changeBody("UPSERT", name, one, two), 200,
                        changeInfo("ChangeResourceRecordSetsResponse", "C3", "PENDING"))
                .expect("GET", BASE + "/change/C3", null, 200, changeInfo("GetChangeResponse", "C3", "INSYNC"))
                .expect("GET", LIST, null, 200, recordSets(name, one, two))
                .expect("POST", CHANGE, changeBody("UPSERT", name, two), 200,
                        changeInfo("ChangeResourceRecordSetsResponse", "C4", "PENDING"))
                .expect("GET", BASE + "/change/C4", null, 200, changeInfo("GetChangeResponse", "C4", "INSYNC"))
                .expect("GET", LIST, null, 200, recordSets(name, two))
                .expect("POST", CHANGE, changeBody("DELETE", name, two), 200,
                        changeInfo("ChangeResourceRecordSetsResponse", "C5", "PENDING"))
                .expect("GET", BASE + "/change/C5", null, 200, changeInfo("GetChangeResponse", "C5", "PENDING"))
                .expect("GET", BASE + "/change/C5", null, 200, changeInfo("GetChangeResponse", "C5", "INSYNC"));
        try (var solver = solver(Map.of())) {
            solver.prepare(wildcard, events::add);
            solver.prepare(base, events::add);
            solver.cleanUp(wildcard, events::add);
            solver.cleanUp(base, events::add);
        }
        assertEquals(List.of(), server.mismatches());
        assertEquals(0, server.pending());
        for (var request : server.received()) {
            var authorization = request.headers().get("Authorization");
            assertTrue(authorization, authorization.startsWith("AWS4-HMAC-SHA256 Credential=" + ACCESS_KEY_ID + "/"));
            assertTrue(authorization, authorization.contains("/us-east-1/route53/aws4_request"));
            assertFalse(request.toString(), request.toString().contains(SECRET_KEY));
            assertFalse(request.headers().toString(), request.headers().toString().contains(SECRET_KEY));
        }
        assertTrue(log(), log().contains("Waiting for Route 53 change C2682N5HXP0BZ4 to be in sync"));
        assertTrue("the clean-up waits too: " + log(), log().contains("Waiting for Route 53 change C5 to be in sync"));
        assertFalse(log().contains(SECRET_KEY));
    }

    @Test
    public void hostedZoneIdSkipsTheLookUp() throws Exception {
        var task = task("example.com", false, "token-three");
        var name = "_acme-challenge.example.com.";
        server.expect("GET", LIST, null, 200, recordSets(name))
                .expect("POST", CHANGE, changeBody("UPSERT", name, task.dnsTxtValue()), 200,
                        changeInfo("ChangeResourceRecordSetsResponse", "C6", "PENDING"))
                .expect("GET", BASE + "/change/C6", null, 200, changeInfo("GetChangeResponse", "C6", "INSYNC"));
        try (var solver = solver(Map.of("hostedZoneId", "/hostedzone/" + ZONE))) {
            solver.prepare(task, events::add);
        }
        assertEquals(List.of(), server.mismatches());
        assertEquals(List.of("GET " + LIST, "POST " + CHANGE, "GET " + BASE + "/change/C6"), server.requestLines());
    }

    @Test
    public void accessDeniedNamesTheMissingPermission() throws Exception {
        var task = task("example.com", false, "token-four");
        server.expect("GET", LIST, null, 200, recordSets("_acme-challenge.example.com."))
                .expect("POST", CHANGE, null, 403, error("AccessDenied", "User: arn:aws:iam::123456789012:user/ci is "
                        + "not authorized to perform: route53:ChangeResourceRecordSets on resource: "
                        + "arn:aws:route53:::hostedzone/" + ZONE + " because no identity-based policy allows the "
                        + "route53:ChangeResourceRecordSets action"));
        try (var solver = solver(Map.of("hostedZoneId", ZONE))) {
            var ex = assertThrows(AcmeCertificateException.class, () -> solver.prepare(task, events::add));
            var message = ex.getMessage();
            assertTrue(message, message.contains("HTTP 403, AccessDenied"));
            assertTrue(message, message.contains("The credentials lack route53:ChangeResourceRecordSets"));
            assertFalse(message, message.contains(SECRET_KEY));
        }
        assertEquals(List.of(), server.mismatches());
        assertEquals("every expected request was sent", 0, server.pending());
    }

    @Test
    public void unknownAccessKeyIsExplained() throws Exception {
        server.expect("GET", BASE + "/hostedzonesbyname?dnsname=_acme-challenge.example.com.&maxitems=10", null, 403,
                error("InvalidClientTokenId", "The security token included in the request is invalid."));
        try (var solver = solver(Map.of())) {
            var ex = assertThrows(AcmeCertificateException.class,
                    () -> solver.prepare(task("example.com", false, "t"), events::add));
            assertTrue(ex.getMessage(), ex.getMessage().contains("InvalidClientTokenId"));
            assertTrue(ex.getMessage(), ex.getMessage().contains("The access key ID is unknown to AWS"));
            assertFalse(ex.getMessage().contains(SECRET_KEY));
            for (Throwable t = ex; t != null; t = t.getCause()) {
                assertFalse("no secret in any cause", String.valueOf(t.getMessage()).contains(SECRET_KEY));
            }
        }
        assertEquals(1, server.received().size());
        assertEquals("every expected request was sent", 0, server.pending());
    }

    @Test
    public void missingZoneIsReported() throws Exception {
        server.expect("GET", BASE + "/hostedzonesbyname?dnsname=_acme-challenge.example.com.&maxitems=10", null, 200,
                        zones("_acme-challenge.example.com.", "Z999", "other.org."))
                .expect("GET", BASE + "/hostedzonesbyname?dnsname=example.com.&maxitems=10", null, 200,
                        zones("example.com.", "Z999", "other.org."));
        try (var solver = solver(Map.of())) {
            var ex = assertThrows(AcmeCertificateException.class,
                    () -> solver.prepare(task("example.com", false, "t"), events::add));
            assertTrue(ex.getMessage(), ex.getMessage().contains("no hosted zone holding _acme-challenge.example.com."));
            assertTrue(ex.getMessage(), ex.getMessage().contains("dns.hostedZoneId"));
        }
        assertEquals(List.of(), server.mismatches());
        assertEquals("every expected request was sent", 0, server.pending());
    }

    @Test
    public void optionsAreChecked() {
        var noSecret = assertThrows(InvalidInputException.class, () -> Dns01Solver.create("route53",
                Map.of("accessKeyId", ACCESS_KEY_ID), SecretSource.NONE, offline()));
        assertEquals("dns.secretAccessKey", noSecret.field());
        var inline = assertThrows(InvalidInputException.class, () -> Dns01Solver.create("route53",
                Map.of("accessKeyId", ACCESS_KEY_ID, "secretAccessKey", SECRET_KEY), SecretSource.NONE, offline()));
        assertEquals("dns.secretAccessKey", inline.field());
        assertFalse(inline.getMessage().contains(SECRET_KEY));
        var both = assertThrows(InvalidInputException.class, () -> Dns01Solver.create("route53",
                Map.of("accessKeyId", ACCESS_KEY_ID, "profile", "ci", "hostedZoneId", "example.com"),
                SecretSource.of(Map.of("secretAccessKey", SECRET_KEY)), offline()));
        assertEquals(List.of("dns.profile", "dns.hostedZoneId"),
                both.problems().stream().map(InvalidInputException.Problem::field).toList());
    }

    @Test
    public void credentialFromTheFrontEndFillsKeyIdAndSecret() throws Exception {
        var factory = DnsProviders.require("route53", getClass().getClassLoader());
        try (var solver = Dns01Solver.create("route53", Map.of("profile", "unused-when-credentials-given"),
                SecretSource.NONE, offline())) {
            assertEquals("DNS-01 through route53 (profile unused-when-credentials-given)", solver.describe());
        }
        try (var solver = Dns01Solver.create("route53", Map.of(),
                SecretSource.ofCredential(factory, ACCESS_KEY_ID, SECRET_KEY), offline())) {
            assertEquals("DNS-01 through route53 (access key " + ACCESS_KEY_ID + ")", solver.describe());
        }
    }

    @Test
    public void signedRequestsAreNeverSentOverPlainHttpExceptToLoopback() throws Exception {
        var plain = assertThrows(InvalidInputException.class, () -> Dns01Solver.create("route53",
                Map.of("endpoint", "http://route53.example", "accessKeyId", ACCESS_KEY_ID),
                SecretSource.of(Map.of("secretAccessKey", SECRET_KEY)), offline()));
        assertEquals("dns.endpoint", plain.field());
        assertTrue(plain.getMessage(), plain.getMessage().contains("unencrypted. Use https://route53.example"));
        assertFalse(plain.getMessage().contains(SECRET_KEY));
    }
}
