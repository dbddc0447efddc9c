package io.github.acmecertificate.core.ca;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;

import io.github.acmecertificate.core.TestCertificates;
import io.github.acmecertificate.core.exception.InvalidInputException;
import io.github.acmecertificate.core.key.Pem;
import io.github.acmecertificate.core.store.FileStore;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class CertificateAuthorityTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    @Test
    public void aliasesResolveWithoutNetwork() throws Exception {
        assertEquals("https://acme-v02.api.letsencrypt.org/directory",
                CertificateAuthority.of("letsencrypt", null).directoryUrl().toString());
        assertEquals("https://acme-staging-v02.api.letsencrypt.org/directory",
                CertificateAuthority.of("LetsEncrypt-Staging", null).directoryUrl().toString());
        assertEquals("https://acme.zerossl.com/v2/DV90", CertificateAuthority.of("zerossl", null).directoryUrl().toString());
        assertEquals("https://dv.acme-v02.api.pki.goog/directory",
                CertificateAuthority.of("google", null).directoryUrl().toString());
        assertEquals("https://dv.acme-v02.test-api.pki.goog/directory",
                CertificateAuthority.of("google-staging", null).directoryUrl().toString());
        assertTrue(CertificateAuthority.of("sslcom", null).directoryUrl().toString().startsWith("https://acme.ssl.com/"));
        assertEquals("https://acme-api.actalis.com/acme/directory",
                CertificateAuthority.of("actalis", null).directoryUrl().toString());
    }

    @Test
    public void storeKeyIsAStableFolderName() throws Exception {
        assertEquals("acme-v02.api.letsencrypt.org_directory", CertificateAuthority.of("letsencrypt", null).storeKey());
        assertEquals("localhost_14000_dir", CertificateAuthority.of("https://localhost:14000/dir", null).storeKey());
    }

    @Test
    public void everyCaUrlHasAStoreKeyTheStoreAccepts() throws Exception {
        var ipv6 = CertificateAuthority.of("https://[::1]:14000/dir", null).storeKey();
        var longPath = "https://ca.example/" + "a".repeat(300) + "/directory";
        var longKey = CertificateAuthority.of(longPath, null).storeKey();
        var otherLongKey = CertificateAuthority.of(longPath.replace("/directory", "/directorz"), null).storeKey();
        var store = new FileStore(temp.newFolder("store").toPath());
        for (var key : java.util.List.of(ipv6, longKey, otherLongKey)) {
            assertTrue(key, FileStore.isValidName(key));
            assertTrue(key, key.length() <= 100);
            assertTrue("the store reads it without a raw IllegalArgumentException", store.loadAccount(key).isEmpty());
        }
        assertNotEquals("URLs that differ at the end keep apart", longKey, otherLongKey);
        assertNotEquals(ipv6, CertificateAuthority.of("https://[::2]:14000/dir", null).storeKey());
        assertEquals("stable", ipv6, CertificateAuthority.of("https://[::1]:14000/dir", null).storeKey());
    }

    @Test
    public void trustFileMustHoldCertificates() throws Exception {
        var file = temp.newFile("root.pem").toPath();
        Files.writeString(file, Pem.certificates(java.util.List.of(TestCertificates.selfSigned("Root",
                java.time.Instant.now(), java.time.Instant.now().plusSeconds(60)))));
        var ca = CertificateAuthority.of("https://ca.example/acme/directory", file);
        assertEquals(file, ca.trustFile().orElseThrow());
        // A session can be opened (no request is sent until used).
        ca.openSession(java.time.Duration.ofSeconds(5));
        var empty = temp.newFile("empty.pem").toPath();
        assertEquals("serverTrust", assertThrows(InvalidInputException.class,
                () -> CertificateAuthority.of("https://ca.example/dir", empty)).field());
    }

    @Test
    public void trustMayBeGivenAsPemText() throws Exception {
        var pem = Pem.certificates(java.util.List.of(TestCertificates.selfSigned("Root",
                java.time.Instant.now(), java.time.Instant.now().plusSeconds(60))));
        var ca = CertificateAuthority.ofPem("https://ca.example/dir", pem);
        assertEquals("https://ca.example/dir", ca.directoryUrl().toString());
        assertTrue(ca.trustFile().isEmpty());
        var ex = assertThrows(InvalidInputException.class, () -> CertificateAuthority.ofPem("https://ca.example/dir",
                "-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----\n"));
        assertEquals("serverTrust", ex.field());
        assertEquals("blank text means the default trust store", "letsencrypt",
                CertificateAuthority.ofPem("letsencrypt", " ").name());
    }

    @Test
    public void blankOrSchemelessServerIsRefused() {
        assertEquals("server", assertThrows(InvalidInputException.class, () -> CertificateAuthority.of(" ", null)).field());
        var ex = assertThrows(InvalidInputException.class, () -> CertificateAuthority.of("ca.example/dir", null));
        assertTrue(ex.getMessage(), ex.getMessage().contains("letsencrypt"));
    }
}
