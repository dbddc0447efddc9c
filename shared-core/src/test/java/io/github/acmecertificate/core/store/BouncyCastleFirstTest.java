package io.github.acmecertificate.core.store;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyStore;
import java.security.Provider;
import java.security.Security;
import java.util.concurrent.TimeUnit;

import io.github.acmecertificate.core.key.KeyType;
import io.github.acmecertificate.core.key.Pem;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Keys read back from the store work with their certificates even when Bouncy Castle is the
 * first security provider, as Jenkins (bouncycastle-api) and SSH libraries may arrange it.
 */
public class BouncyCastleFirstTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private static Provider previous;
    private static int previousPosition;

    @BeforeClass
    public static void putBouncyCastleFirst() {
        previous = Security.getProvider(BouncyCastleProvider.PROVIDER_NAME);
        var providers = Security.getProviders();
        for (int i = 0; i < providers.length; i++) {
            if (providers[i] == previous) {
                previousPosition = i + 1;
            }
        }
        Security.removeProvider(BouncyCastleProvider.PROVIDER_NAME);
        Security.insertProviderAt(new BouncyCastleProvider(), 1);
    }

    @AfterClass
    public static void restoreProviders() {
        Security.removeProvider(BouncyCastleProvider.PROVIDER_NAME);
        if (previous != null) {
            Security.insertProviderAt(previous, previousPosition);
        }
    }

    @Test
    public void storedKeysMatchTheirCertificates() throws Exception {
        assertEquals(BouncyCastleProvider.PROVIDER_NAME, Security.getProviders()[0].getName());
        var store = new FileStore(temp.getRoot().toPath());
        var bundle = FileStoreTest.bundle("bc.example", "bc.example");
        store.save(bundle);
        var loaded = store.load("bc.example").orElseThrow();
        assertEquals(loaded.certificate().getPublicKey().getAlgorithm(), loaded.privateKey().get().getAlgorithm());
        // Saving what was loaded writes a PKCS#12 entry, which requires key and certificate to agree.
        store.save(new CertificateBundle(loaded.chain(), loaded.privateKey().get(), loaded.metadata()));
        var password = store.keystorePassword("bc.example").orElseThrow();
        var file = store.certificateDirectory("bc.example").resolve(FileStore.KEYSTORE);
        // Read with Bouncy Castle's own PKCS#12 reader: the JDK's reader, with Bouncy Castle
        // first, derives its decryption key through Bouncy Castle's "PBE" key factory and
        // cannot decrypt a standard PBES2 store (OpenSSL's, or one written without Bouncy
        // Castle first); it only reads back what the JDK's writer produced in the same state,
        // which in turn OpenSSL cannot decrypt.
        var keystore = KeyStore.getInstance("PKCS12", BouncyCastleProvider.PROVIDER_NAME);
        try (var in = Files.newInputStream(file)) {
            keystore.load(in, password);
        }
        assertEquals(bundle.certificate(), keystore.getCertificate("bc.example"));
        assertArrayEquals(loaded.privateKey().get().getEncoded(),
                keystore.getKey("bc.example", password).getEncoded());
        if (new File("/usr/bin/openssl").canExecute()) {
            var passFile = temp.newFile("pass").toPath();
            Files.writeString(passFile, new String(password), StandardCharsets.US_ASCII);
            var openssl = new ProcessBuilder("openssl", "pkcs12", "-in", file.toString(), "-nokeys", "-passin",
                    "file:" + passFile).redirectErrorStream(true).start();
            var output = new String(openssl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(openssl.waitFor(30, TimeUnit.SECONDS));
            assertEquals("OpenSSL decrypts the store written with Bouncy Castle first: " + output, 0,
                    openssl.exitValue());
        }
    }

    @Test
    public void accountKeysRoundTrip() throws Exception {
        for (var type : new KeyType[] {KeyType.EC_P256, KeyType.RSA_2048}) {
            var pair = type.generate();
            var read = Pem.readKeyPair(Pem.keyPair(pair));
            assertArrayEquals(pair.getPublic().getEncoded(), read.getPublic().getEncoded());
            assertEquals(type.id().startsWith("ec") ? "EC" : "RSA", read.getPrivate().getAlgorithm());
        }
    }
}
