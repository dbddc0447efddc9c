package io.github.acmecertificate.core.order;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.Instant;
import java.util.List;

import io.github.acmecertificate.core.TestCertificates;
import io.github.acmecertificate.core.key.KeyType;
import org.junit.Test;

public class ChainSelectorTest {

    @Test
    public void picksTheChainWhoseIssuerHasTheCommonName() throws Exception {
        var now = Instant.now();
        var key = KeyType.EC_P256.generate();
        var caKey = KeyType.EC_P256.generate();
        var leafA = TestCertificates.issue("example.com", key, "CN=Intermediate A,O=CA,C=US", caKey, now, now.plusSeconds(60), false);
        var interA = TestCertificates.issue("Intermediate A", caKey, "CN=Root A,O=CA,C=US", caKey, now, now.plusSeconds(60), true);
        var leafB = TestCertificates.issue("example.com", key, "CN=Intermediate B", caKey, now, now.plusSeconds(60), false);
        var interB = TestCertificates.issue("Intermediate B", caKey, "CN=Root B", caKey, now, now.plusSeconds(60), true);
        var chains = List.of(List.of(leafA, interA), List.of(leafB, interB));
        assertEquals("matches on the CN even when the DN has more", 0,
                (int) ChainSelector.select(chains, "Root A").orElseThrow());
        assertEquals(1, (int) ChainSelector.select(chains, "Root B").orElseThrow());
        assertEquals(1, (int) ChainSelector.select(chains, "Intermediate B").orElseThrow());
        assertTrue(ChainSelector.select(chains, "Root C").isEmpty());
        assertTrue("case matters, as in certbot", ChainSelector.select(chains, "root a").isEmpty());
    }
}
