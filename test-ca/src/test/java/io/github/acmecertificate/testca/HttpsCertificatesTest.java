package io.github.acmecertificate.testca;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The generated HTTPS root and localhost certificate are what TLS clients and Pebble expect. */
public class HttpsCertificatesTest {

    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    private static final int SAN_DNS = 2;
    private static final int SAN_IP = 7;

    @Rule
    public TemporaryFolder temporary = new TemporaryFolder();

    @Test
    public void rootIsAnEcP256CaThatSignsCertificates() throws Exception {
        Path directory = temporary.getRoot().toPath();
        HttpsCertificates certificates = HttpsCertificates.generate(directory);

        X509Certificate root = certificates.root();
        root.verify(root.getPublicKey());
        assertEquals(root.getSubjectX500Principal(), root.getIssuerX500Principal());
        assertTrue(root.getBasicConstraints() >= 0);
        assertTrue("keyCertSign", root.getKeyUsage()[5]);
        assertEquals(256, ((ECPublicKey) root.getPublicKey()).getParams().getCurve().getField().getFieldSize());
        assertTrue(root.getCriticalExtensionOIDs().contains("2.5.29.19"));
        assertEquals(List.of(root), Tls.parseCertificates(Files.readAllBytes(certificates.rootPem()), "root"));
    }

    @Test
    public void localhostCertificateNamesLoopbackForServerAuthAndChainsToTheRoot() throws Exception {
        HttpsCertificates certificates = HttpsCertificates.generate(temporary.getRoot().toPath());

        List<X509Certificate> chain = Tls.parseCertificates(Files.readAllBytes(certificates.localhostPem()), "leaf");
        X509Certificate leaf = chain.get(0);
        assertEquals(List.of(leaf, certificates.root()), chain);
        leaf.verify(certificates.root().getPublicKey());
        assertEquals(-1, leaf.getBasicConstraints());
        assertEquals(List.of(SERVER_AUTH), leaf.getExtendedKeyUsage());
        Set<String> names = leaf.getSubjectAlternativeNames().stream()
                .filter(san -> (Integer) san.get(0) == SAN_DNS || (Integer) san.get(0) == SAN_IP)
                .map(san -> (String) san.get(1))
                .collect(Collectors.toSet());
        // Java renders IPv6 addresses in full form.
        assertEquals(Set.of("localhost", "127.0.0.1", "0:0:0:0:0:0:0:1"), names);
        leaf.checkValidity();
    }

    @Test
    public void privateKeyIsPkcs8PemForOwnerOnly() throws Exception {
        HttpsCertificates certificates = HttpsCertificates.generate(temporary.getRoot().toPath());

        String key = Files.readString(certificates.localhostKey());
        assertTrue(key, key.startsWith("-----BEGIN PRIVATE KEY-----"));
        Collection<?> permissions = Files.getPosixFilePermissions(certificates.localhostKey());
        assertEquals(Set.of(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                java.nio.file.attribute.PosixFilePermission.OWNER_WRITE), permissions);
    }

    @Test
    public void eachGenerationHasItsOwnRoot() throws Exception {
        X509Certificate first = HttpsCertificates.generate(temporary.newFolder("a").toPath()).root();
        X509Certificate second = HttpsCertificates.generate(temporary.newFolder("b").toPath()).root();

        assertTrue(!first.getPublicKey().equals(second.getPublicKey()));
    }
}
