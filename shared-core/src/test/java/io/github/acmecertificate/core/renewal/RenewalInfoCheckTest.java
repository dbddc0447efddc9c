package io.github.acmecertificate.core.renewal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Optional;
import java.util.Random;

import io.github.acmecertificate.core.key.KeyType;
import io.github.acmecertificate.core.renewal.RenewalInfoCheck.Failed;
import io.github.acmecertificate.core.renewal.RenewalInfoCheck.NotOffered;
import io.github.acmecertificate.core.renewal.RenewalInfoCheck.Offered;
import io.github.acmecertificate.core.store.RenewalState;
import io.github.acmecertificate.testca.ReplayServer;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.Test;
import org.shredzone.acme4j.Session;

/** Renewal information: the certificate ID, answers recorded from a CA, and how they are kept. */
public class RenewalInfoCheckTest {

    private static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");
    private static final Instant START = Instant.parse("2025-01-02T04:00:00Z");
    private static final Instant END = Instant.parse("2025-01-03T04:00:00Z");

    /** A leaf with an authority key identifier and a known serial, as CAs issue them. */
    static X509Certificate leaf(long serial) throws Exception {
        var issuerKey = KeyType.EC_P256.generate();
        var key = KeyType.EC_P256.generate();
        var builder = new JcaX509v3CertificateBuilder(new X500Name("CN=Test Issuer"), BigInteger.valueOf(serial),
                Date.from(NOW.minusSeconds(3600)), Date.from(NOW.plusSeconds(90L * 86400)),
                new X500Name("CN=example.com"), key.getPublic());
        builder.addExtension(Extension.authorityKeyIdentifier, false,
                new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(issuerKey.getPublic()));
        var signer = new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey.getPrivate());
        return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
    }

    private static String resource(String name, String base) throws Exception {
        try (var in = RenewalInfoCheckTest.class.getResourceAsStream("/ari/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("BASE", base);
        }
    }

    @Test
    public void certificateIdIsTheKeyIdentifierAndSerialInBase64Url() throws Exception {
        var cert = leaf(0x87654321L);
        var id = RenewalInfoCheck.certificateId(cert).orElseThrow();
        var parts = id.split("\\.");
        assertEquals(2, parts.length);
        // DER INTEGER of 0x87654321: a leading zero keeps it positive.
        assertEquals("AIdlQyE", parts[1]);
        assertEquals(20, Base64.getUrlDecoder().decode(parts[0]).length);
    }

    @Test
    public void aCertificateWithoutKeyIdentifierHasNoId() throws Exception {
        var cert = io.github.acmecertificate.core.TestCertificates.selfSigned("example.com", NOW, NOW.plusSeconds(60));
        assertTrue(RenewalInfoCheck.certificateId(cert).isEmpty());
        assertTrue(RenewalInfoCheck.fetch(new Session("http://127.0.0.1:9/dir"), cert) instanceof Failed);
    }

    @Test
    public void readsTheRecordedWindowAndExplanation() throws Exception {
        var cert = leaf(42);
        var id = RenewalInfoCheck.certificateId(cert).orElseThrow();
        try (var ca = new ReplayServer("application/json", 404, "{\"type\":\"urn:ietf:params:acme:error:malformed\"}")) {
            ca.expect("GET", "/dir", null, 200, resource("directory.json", ca.baseUrl()));
            ca.expect("GET", "/acme/renewal-info/" + id, null, 200, resource("renewal-info.json", ca.baseUrl()));
            var answer = RenewalInfoCheck.fetch(new Session(ca.baseUrl() + "/dir"), cert);

            assertTrue(String.valueOf(answer), answer instanceof Offered);
            var offered = (Offered) answer;
            assertEquals(new RenewalWindow(START, END), offered.window());
            assertEquals("https://acme.example.com/docs/ari", offered.explanation().orElseThrow().toString());
            assertEquals(Optional.empty(), offered.retryAfter());
            assertEquals(ca.mismatches().toString(), 0, ca.mismatches().size());
        }
    }

    @Test
    public void aDirectoryWithoutRenewalInfoIsNotAskedFurther() throws Exception {
        try (var ca = new ReplayServer("application/json", 404, "{}")) {
            ca.expect("GET", "/dir", null, 200, "{\"newNonce\": \"" + ca.baseUrl() + "/nonce\", \"newOrder\": \""
                    + ca.baseUrl() + "/order\"}");
            var answer = RenewalInfoCheck.fetch(new Session(ca.baseUrl() + "/dir"), leaf(1));
            assertTrue(String.valueOf(answer), answer instanceof NotOffered);
            assertEquals(1, ca.received().size());
        }
    }

    @Test
    public void aCaErrorIsAFailedAnswerNotAnException() throws Exception {
        var cert = leaf(7);
        var id = RenewalInfoCheck.certificateId(cert).orElseThrow();
        try (var ca = new ReplayServer("application/problem+json", 500, "{}")) {
            ca.expect("GET", "/dir", null, 200, resource("directory.json", ca.baseUrl()));
            ca.expect("GET", "/acme/renewal-info/" + id, null, 500,
                    "{\"type\":\"urn:ietf:params:acme:error:serverInternal\",\"detail\":\"try later\"}");
            var answer = RenewalInfoCheck.fetch(new Session(ca.baseUrl() + "/dir"), cert);
            assertTrue(String.valueOf(answer), answer instanceof Failed);
            assertTrue(((Failed) answer).reason(), ((Failed) answer).reason().contains("try later"));
        }
    }

    @Test
    public void aWindowIsKeptWithARandomTimeInsideAndTheCasRetryAfter() {
        var retryAfter = NOW.plusSeconds(3 * 3600);
        var state = RenewalInfoCheck.record(RenewalState.NONE, "id.1",
                new Offered(new RenewalWindow(START, END), Optional.of(java.time.Duration.ofHours(3)),
                        Optional.empty()), NOW,
                new Random(1));
        var chosen = state.ariChosenTime().orElseThrow();
        assertFalse(chosen.isBefore(START));
        assertTrue(chosen.isBefore(END));
        assertEquals(Optional.of(retryAfter), state.ariNextCheck());
        assertFalse(RenewalInfoCheck.due(state, "id.1", NOW.plusSeconds(3 * 3600 - 1)));
        assertTrue(RenewalInfoCheck.due(state, "id.1", retryAfter));
        assertTrue("another certificate is asked about at once", RenewalInfoCheck.due(state, "id.2", NOW));
        assertEquals(chosen, RenewalInfoCheck.suggestion(state, "id.1").orElseThrow().chosenTime());
        assertTrue(RenewalInfoCheck.suggestion(state, "id.2").isEmpty());

        // The same window again keeps the chosen time; another window chooses anew inside it.
        var again = RenewalInfoCheck.record(state, "id.1",
                new Offered(new RenewalWindow(START, END), Optional.empty(), Optional.empty()), retryAfter,
                new Random(99));
        assertEquals(Optional.of(chosen), again.ariChosenTime());
        assertEquals(Optional.of(retryAfter.plus(RenewalPolicy.RENEWAL_INFO_INTERVAL)), again.ariNextCheck());
        var earlier = new RenewalWindow(NOW.plusSeconds(60), NOW.plusSeconds(120));
        var moved = RenewalInfoCheck.record(again, "id.1", new Offered(earlier, Optional.empty(), Optional.empty()),
                retryAfter, new Random(5));
        var movedChosen = moved.ariChosenTime().orElseThrow();
        assertFalse(movedChosen.isBefore(earlier.start()));
        assertTrue(movedChosen.isBefore(earlier.end()));
    }

    @Test
    public void retryAfterIsKeptWithinBounds() {
        assertEquals(NOW.plus(RenewalPolicy.RENEWAL_INFO_MAX_INTERVAL),
                RenewalPolicy.nextRenewalInfoCheck(NOW, Optional.of(java.time.Duration.ofDays(30))));
        assertEquals(NOW.plus(RenewalPolicy.RENEWAL_INFO_MIN_INTERVAL),
                RenewalPolicy.nextRenewalInfoCheck(NOW, Optional.of(java.time.Duration.ofSeconds(-10))));
    }

    @Test
    public void aFailureKeepsTheKnownWindowAndAsksAgainInAnHour() {
        var state = RenewalInfoCheck.record(RenewalState.NONE, "id.1",
                new Offered(new RenewalWindow(START, END), Optional.empty(), Optional.empty()), NOW, new Random(1));
        var failed = RenewalInfoCheck.record(state, "id.1", new Failed("503"), NOW, new Random(2));
        assertEquals(state.ariChosenTime(), failed.ariChosenTime());
        assertEquals(Optional.of(NOW.plus(RenewalPolicy.RENEWAL_INFO_RETRY)), failed.ariNextCheck());

        var absent = RenewalInfoCheck.record(RenewalState.NONE, "id.1", new NotOffered(), NOW, new Random(1));
        assertTrue(RenewalInfoCheck.suggestion(absent, "id.1").isEmpty());
        assertEquals(Optional.of(NOW.plus(RenewalPolicy.RENEWAL_INFO_ABSENT_INTERVAL)), absent.ariNextCheck());
    }

    @Test
    public void anAriIdentifierMatchesOnlyItsSerial() {
        var encoder = Base64.getUrlEncoder().withoutPadding();
        java.util.function.Function<String, String> ariId = serialHex -> encoder.encodeToString(new byte[] {1, 2, 3})
                + "." + encoder.encodeToString(new BigInteger(serialHex, 16).toByteArray());
        assertTrue(RenewalInfoCheck.identifiesSerial(ariId.apply("3a0f"), "3a0f"));
        assertTrue(RenewalInfoCheck.identifiesSerial(ariId.apply("ff01"), "ff01"));
        assertFalse(RenewalInfoCheck.identifiesSerial(ariId.apply("3a0f"), "3a10"));
        assertFalse(RenewalInfoCheck.identifiesSerial("nodot", "3a0f"));
        assertFalse(RenewalInfoCheck.identifiesSerial("a.!!!", "3a0f"));
    }
}
