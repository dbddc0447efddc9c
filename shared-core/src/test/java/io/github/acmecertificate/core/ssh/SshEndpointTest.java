package io.github.acmecertificate.core.ssh;

import static org.junit.Assert.assertEquals;

import java.security.Security;

import io.github.acmecertificate.core.key.KeyType;
import io.github.acmecertificate.core.key.Pem;
import org.junit.Test;

/** Reading login keys without disturbing the JVM's security providers. */
public class SshEndpointTest {

    private static final String KEY = Pem.privateKey(KeyType.EC_P256.generate().getPrivate());
    private static final String PIN = "SHA256:uNiVztksCsDhcc0u9e8BujQXVUpKZIDTMczCvj3tD2s";

    private static SshEndpoint.Builder endpoint() {
        return SshEndpoint.builder().host("web1.example.test").user("deploy").privateKey(KEY).hostKeyFingerprint(PIN);
    }

    @Test
    public void aPkcs8KeyIsAccepted() throws Exception {
        var endpoint = endpoint().build();
        assertEquals("deploy@web1.example.test:22", endpoint.describe());
        assertEquals(1, endpoint.keys().size());
    }

    @Test
    public void theSshLibraryLeavesTheJvmsSecurityProvidersAlone() throws Exception {
        boolean before = Security.getProvider("BC") != null;
        endpoint().privateKey(Pem.privateKey(KeyType.RSA_2048.generate().getPrivate())).build();
        assertEquals("Bouncy Castle is not installed JVM-wide by deploy code", before,
                Security.getProvider("BC") != null);
        assertEquals("false", System.getProperty(MinaSecurity.BC_USE_NAMED));
    }
}
