package io.github.acmecertificate.testca;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.Test;

/** Options are immutable values that reject nonsense early, before any process starts. */
public class PebbleOptionsTest {

    @Test
    public void defaultsAreDeterministic() {
        PebbleOptions defaults = PebbleOptions.defaults();

        assertEquals(0, defaults.nonceRejectPercent());
        assertEquals(0, defaults.authzReusePercent());
        assertNull(defaults.httpPort());
        assertNull(defaults.certificateValidity());
        assertNull(defaults.chainLength());
        assertNull(defaults.dnsServer());
        assertNull(defaults.workDirectory());
        assertEquals(0, defaults.alternateRoots());
        assertTrue(defaults.externalAccountKeys().isEmpty());
        assertEquals(Duration.ofSeconds(30), defaults.startTimeout());
    }

    @Test
    public void everyWithReturnsACopyAndLeavesTheOriginalUnchanged() {
        PebbleOptions base = PebbleOptions.defaults().withBlockedDomain("a.example.test");

        PebbleOptions derived = base
                .withHttpPort(5002)
                .withTlsPort(5001)
                .withNonceRejectPercent(5)
                .withAuthzReusePercent(50)
                .withCertificateValidity(Duration.ofMinutes(10))
                .withExternalAccountBinding("kid", "c2VjcmV0")
                .withBlockedDomain("b.example.test")
                .withAlternateRoots(2)
                .withChainLength(3)
                .withDnsServer("127.0.0.1:5353")
                .withWorkDirectory(Path.of("build/pebble"))
                .withStartTimeout(Duration.ofSeconds(45));

        assertEquals(List.of("a.example.test"), base.blockedDomains());
        assertNull(base.httpPort());
        assertTrue(base.externalAccountKeys().isEmpty());
        assertEquals(List.of("a.example.test", "b.example.test"), derived.blockedDomains());
        assertEquals(Integer.valueOf(5002), derived.httpPort());
        assertEquals(Integer.valueOf(5001), derived.tlsPort());
        assertEquals(5, derived.nonceRejectPercent());
        assertEquals(50, derived.authzReusePercent());
        assertEquals(Duration.ofMinutes(10), derived.certificateValidity());
        assertEquals(Map.of("kid", "c2VjcmV0"), derived.externalAccountKeys());
        assertEquals(2, derived.alternateRoots());
        assertEquals(Integer.valueOf(3), derived.chainLength());
        assertEquals("127.0.0.1:5353", derived.dnsServer());
        assertEquals(Path.of("build/pebble"), derived.workDirectory());
        assertEquals(Duration.ofSeconds(45), derived.startTimeout());
        assertThrows(UnsupportedOperationException.class, () -> derived.blockedDomains().add("c"));
        assertThrows(UnsupportedOperationException.class, () -> derived.externalAccountKeys().put("k", "v"));
    }

    @Test
    public void paddedHmacKeysAreStrippedBecausePebbleDecodesUnpaddedBase64Url() {
        assertEquals("YWJjZA", PebbleOptions.defaults().withExternalAccountBinding("kid", "YWJjZA==")
                .externalAccountKeys().get("kid"));
    }

    @Test
    public void toStringNamesKeyIdsButNeverHmacKeys() {
        String text = PebbleOptions.defaults().withExternalAccountBinding("kid-1", "c2VjcmV0LWhtYWM").toString();

        assertTrue(text, text.contains("kid-1"));
        assertFalse(text, text.contains("c2VjcmV0LWhtYWM"));
    }

    @Test
    public void invalidValuesAreRejected() {
        PebbleOptions o = PebbleOptions.defaults();
        assertThrows(IllegalArgumentException.class, () -> o.withHttpPort(0));
        assertThrows(IllegalArgumentException.class, () -> o.withTlsPort(65536));
        assertThrows(IllegalArgumentException.class, () -> o.withNonceRejectPercent(-1));
        assertThrows(IllegalArgumentException.class, () -> o.withAuthzReusePercent(101));
        assertThrows(IllegalArgumentException.class, () -> o.withCertificateValidity(Duration.ofMillis(500)));
        assertThrows(IllegalArgumentException.class, () -> o.withExternalAccountBinding("", "c2VjcmV0"));
        assertThrows(IllegalArgumentException.class, () -> o.withExternalAccountBinding("kid", "not base64!"));
        assertThrows(IllegalArgumentException.class, () -> o.withExternalAccountBinding("kid", "=="));
        assertThrows(IllegalArgumentException.class, () -> o.withBlockedDomain(" "));
        assertThrows(IllegalArgumentException.class, () -> o.withAlternateRoots(-1));
        assertThrows(IllegalArgumentException.class, () -> o.withChainLength(0));
        assertThrows(IllegalArgumentException.class, () -> o.withDnsServer("127.0.0.1"));
        assertThrows(IllegalArgumentException.class, () -> o.withDnsServer("127.0.0.1:dns"));
        assertThrows(IllegalArgumentException.class, () -> o.withDnsServer(":53"));
        assertThrows(IllegalArgumentException.class, () -> o.withStartTimeout(Duration.ZERO));
        assertThrows(NullPointerException.class, () -> o.withWorkDirectory(null));
    }
}
