package io.github.acmecertificate.core.store.credentials;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.security.KeyStore;
import java.util.List;

import io.github.acmecertificate.core.exception.StoreException;
import io.github.acmecertificate.core.key.KeyType;
import io.github.acmecertificate.core.key.Pem;
import io.github.acmecertificate.core.store.CertificateBundle;
import io.github.acmecertificate.core.store.Pkcs12;
import io.github.acmecertificate.core.store.Pkcs12Readers;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class CertificateCredentialMapperTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    @Test
    public void pkcs12ByDefaultOpensWithTheGeneratedPassword() throws Exception {
        var bundle = TestCertificates.bundle("web-tls", "example.test", "www.example.test");
        var entry = new CertificateCredentialMapper(false).toEntry("web-tls", bundle);
        assertEquals("web-tls", entry.id());
        assertTrue(entry.content() instanceof KeyStoreContent.Pkcs12);
        assertTrue("long enough for FIPS mode", entry.password().length() >= CertificateCredentialMapper.MIN_PASSWORD_LENGTH);
        var store = Pkcs12.decode(((KeyStoreContent.Pkcs12) entry.content()).bytes(), entry.password().toCharArray());
        assertEquals(bundle.certificate(), store.getCertificate("web-tls"));
        assertEquals(bundle.privateKey().get(), store.getKey("web-tls", entry.password().toCharArray()));
    }

    @Test
    public void pkcs12IsReadByAllInBothProviderOrdersWithTheChosenPasswordCount() throws Exception {
        var bundle = TestCertificates.bundle("web-tls", "example.test");
        var mapper = new CertificateCredentialMapper(false);
        for (boolean bouncyCastleFirst : new boolean[] {false, true}) {
            Pkcs12Readers.Work check = () -> {
                // A renewal keeps the credential's password, which a person may have chosen.
                var entry = mapper.toEntry("web-tls", bundle, "a password a person chose");
                var p12 = ((KeyStoreContent.Pkcs12) entry.content()).bytes();
                assertEquals(List.of(Pkcs12.ITERATIONS, Pkcs12.ITERATIONS, Pkcs12.ITERATIONS),
                        Pkcs12Readers.iterationCounts(p12));
                Pkcs12Readers.assertReadByAll(p12, entry.password().toCharArray(), "web-tls", bundle,
                        temp.getRoot().toPath());
                assertEquals(bundle.chain(), mapper.read(entry).chain());
            };
            if (bouncyCastleFirst) {
                Pkcs12Readers.withBouncyCastleFirst(check);
            } else {
                Pkcs12Readers.withNormalOrder(check);
            }
        }
    }

    @Test
    public void pkcs12WrittenInTheNormalOrderReadsBackWithBouncyCastleFirst() throws Exception {
        var bundle = TestCertificates.bundle("web-tls", "example.test");
        var mapper = new CertificateCredentialMapper(false);
        var entry = mapper.toEntry("web-tls", bundle);
        Pkcs12Readers.withBouncyCastleFirst(() -> {
            var material = mapper.read(entry);
            assertEquals(bundle.chain(), material.chain());
            assertEquals(Pkcs12Readers.secret(bundle.privateKey().get()), Pkcs12Readers.secret(material.privateKey()));
            var wrong = new CertificateEntry("web-tls", "", "not the password", entry.content());
            var ex = assertThrows(StoreException.class, () -> mapper.read(wrong));
            assertTrue(ex.getMessage(), ex.getMessage().contains("the password is wrong"));
            assertFalse(ex.getMessage().contains("not the password"));
            assertFalse(ex.getMessage().contains(entry.password()));
        });
    }

    @Test
    public void pemEntryInFipsMode() throws Exception {
        var bundle = TestCertificates.bundle("web-tls", "example.test");
        var entry = new CertificateCredentialMapper(true).toEntry("web-tls", bundle);
        var pem = (KeyStoreContent.PemEntry) entry.content();
        assertEquals(bundle.chain(), Pem.readCertificates(pem.certificateChain()));
        assertEquals(bundle.privateKey().get(), Pem.readPrivateKey(pem.privateKey()));
        assertTrue(entry.password().length() >= 14);
    }

    @Test
    public void everyContentReadsBack() throws Exception {
        var bundle = TestCertificates.bundle("web-tls", "example.test");
        for (boolean fips : new boolean[] {false, true}) {
            var mapper = new CertificateCredentialMapper(fips);
            var entry = mapper.toEntry("web-tls", bundle);
            var material = mapper.read(entry);
            assertEquals(bundle.chain(), material.chain());
            assertEquals(bundle.privateKey().get(), material.privateKey());
        }
    }

    @Test
    public void aKeyStoreAsJenkinsLoadsItReadsBack() throws Exception {
        var bundle = TestCertificates.bundle("web-tls", "example.test");
        var store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        store.setKeyEntry("keychain", bundle.privateKey().get(), "a long password!".toCharArray(),
                bundle.chain().toArray(new java.security.cert.Certificate[0]));
        var entry = new CertificateEntry("web-tls", "", "a long password!", new KeyStoreContent.Loaded(store));
        var material = new CertificateCredentialMapper(false).read(entry);
        assertEquals(bundle.certificate(), material.chain().get(0));
    }

    @Test
    public void aWrongPasswordOrNoKeySaysWhatToDo() throws Exception {
        var bundle = TestCertificates.bundle("web-tls", "example.test");
        var mapper = new CertificateCredentialMapper(false);
        var entry = mapper.toEntry("web-tls", bundle);
        var wrong = new CertificateEntry("web-tls", "", "not the password", entry.content());
        var ex = assertThrows(StoreException.class, () -> mapper.read(wrong));
        assertTrue(ex.getMessage(), ex.getMessage().contains("'web-tls' cannot be read"));

        var onlyCertificate = KeyStore.getInstance("PKCS12");
        onlyCertificate.load(null, null);
        onlyCertificate.setCertificateEntry("c", bundle.certificate());
        var noKey = new CertificateEntry("web-tls", "", "x", new KeyStoreContent.Loaded(onlyCertificate));
        ex = assertThrows(StoreException.class, () -> mapper.read(noKey));
        assertTrue(ex.getMessage(), ex.getMessage().contains("no private key"));
    }

    @Test
    public void passwordsAreNewEachTime() {
        assertNotEquals(CertificateCredentialMapper.newPassword(), CertificateCredentialMapper.newPassword());
        assertEquals(CertificateCredentialMapper.PASSWORD_LENGTH, CertificateCredentialMapper.newPassword().length());
    }

    @Test
    public void descriptionSaysWhatItCoversAndNoSecret() throws Exception {
        var bundle = TestCertificates.bundle("web-tls", "example.test", "www.example.test");
        var entry = new CertificateCredentialMapper(false).toEntry("web-tls", bundle);
        assertTrue(entry.description(), entry.description().startsWith(
                "ACME certificate for example.test, www.example.test from https://ca.example.test/dir, valid until "
                        + bundle.metadata().notAfter()));
        assertFalse(entry.description().contains(entry.password()));
        assertFalse("toString hides the password", entry.toString().contains(entry.password()));
    }

    @Test
    public void aBundleWithoutKeyCannotBecomeACredential() throws Exception {
        var bundle = TestCertificates.bundle("csr", "example.test");
        var keyless = new CertificateBundle(List.of(bundle.certificate()), null, bundle.metadata());
        assertThrows(StoreException.class, () -> new CertificateCredentialMapper(false).toEntry("csr", keyless));
        // An RSA certificate maps as well as an EC one.
        var rsa = KeyType.RSA_2048.generate();
        var certificate = TestCertificates.selfSigned(rsa, java.time.Instant.now(), java.time.Duration.ofDays(1),
                "rsa.example.test");
        var rsaBundle = new CertificateBundle(List.of(certificate), rsa.getPrivate(), bundle.metadata());
        var mapper = new CertificateCredentialMapper(false);
        assertEquals(certificate, mapper.read(mapper.toEntry("rsa", rsaBundle)).chain().get(0));
    }
}
