package io.github.acmecertificate.core.store;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Provider;
import java.security.Security;
import java.util.List;
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
        // And with ours, which the project reads every key store with.
        assertEquals(bundle.chain(), Pkcs12.read(Files.readAllBytes(file), password).key("bc.example").orElseThrow()
                .chain());
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
    public void everyKeyStoreWrittenWithBouncyCastleFirstIsReadByAll() throws Exception {
        assertEquals(BouncyCastleProvider.PROVIDER_NAME, Security.getProviders()[0].getName());
        var bundle = FileStoreTest.bundle("bc.example", "bc.example");
        var password = "Kq7mZ2xR9vT4wN8pL3sH6jYd".toCharArray();
        for (int iterations : new int[] {Pkcs12.ITERATIONS, Pkcs12.GENERATED_PASSWORD_ITERATIONS}) {
            var p12 = Pkcs12.encode("bc.example", bundle.privateKey().get(), bundle.chain(), password, iterations);
            assertEquals(List.of(iterations, iterations, iterations), Pkcs12Readers.iterationCounts(p12));
            Pkcs12Readers.assertReadByAll(p12, password, "bc.example", bundle, temp.getRoot().toPath());
        }

        var generated = new FileStore(temp.newFolder("generated").toPath());
        generated.save(bundle);
        var p12 = Files.readAllBytes(generated.certificateDirectory("bc.example").resolve(FileStore.KEYSTORE));
        assertEquals(List.of(2048, 2048, 2048), Pkcs12Readers.iterationCounts(p12));
        Pkcs12Readers.assertReadByAll(p12, generated.keystorePassword("bc.example").orElseThrow(), "bc.example",
                bundle, temp.getRoot().toPath());

        var chosen = new FileStore(temp.newFolder("chosen").toPath(), "correct horse battery".toCharArray());
        chosen.save(bundle);
        p12 = Files.readAllBytes(chosen.certificateDirectory("bc.example").resolve(FileStore.KEYSTORE));
        assertEquals(List.of(10_000, 10_000, 10_000), Pkcs12Readers.iterationCounts(p12));
        Pkcs12Readers.assertReadByAll(p12, "correct horse battery".toCharArray(), "bc.example", bundle,
                temp.getRoot().toPath());
    }

    @Test
    public void keyStoresOfTheNormalOrderAndOfOpenSslAreReadWithBouncyCastleFirst() throws Exception {
        var bundle = FileStoreTest.bundle("bc.example", "bc.example");
        var password = "Kq7mZ2xR9vT4wN8pL3sH6jYd".toCharArray();
        var written = new byte[1][];
        Pkcs12Readers.withNormalOrder(() -> written[0] = Pkcs12.encode("bc.example", bundle.privateKey().get(),
                bundle.chain(), password, Pkcs12.ITERATIONS));
        assertEquals(BouncyCastleProvider.PROVIDER_NAME, Security.getProviders()[0].getName());
        var entry = Pkcs12.read(written[0], password).key("bc.example").orElseThrow();
        assertEquals(bundle.chain(), entry.chain());
        assertArrayEquals(bundle.privateKey().get().getEncoded(), entry.privateKey().getEncoded());
        var wrong = assertThrows(GeneralSecurityException.class, () -> Pkcs12.read(written[0], "wrong".toCharArray()));
        assertTrue(wrong.getMessage(), wrong.getMessage().contains("the password is wrong"));

        if (Pkcs12Readers.hasOpenSsl()) {
            // OpenSSL's own file, which the JDK's key store cannot decrypt in this state.
            var key = temp.newFile("key.pem").toPath();
            var chain = temp.newFile("chain.pem").toPath();
            var passFile = temp.newFile("openssl.pass").toPath();
            var out = temp.getRoot().toPath().resolve("openssl.p12");
            Files.writeString(key, Pem.privateKey(bundle.privateKey().get()));
            Files.writeString(chain, Pem.certificates(bundle.chain()));
            Files.writeString(passFile, new String(password), StandardCharsets.US_ASCII);
            var openssl = new ProcessBuilder("openssl", "pkcs12", "-export", "-inkey", key.toString(), "-in",
                    chain.toString(), "-name", "bc.example", "-passout", "file:" + passFile, "-out", out.toString())
                    .redirectErrorStream(true).start();
            var output = new String(openssl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(openssl.waitFor(30, TimeUnit.SECONDS));
            assertEquals(output, 0, openssl.exitValue());
            var fromOpenSsl = Pkcs12.read(Files.readAllBytes(out), password).key("bc.example").orElseThrow();
            assertEquals(bundle.chain(), fromOpenSsl.chain());
        }
    }

    @Test
    public void aStoreTheJdkWroteWithBouncyCastleFirstIsRefusedWithTheCause() throws Exception {
        // The bug this project's own writer avoids: the JDK's key store, with Bouncy Castle
        // first, encrypts with a key that matches no other reader. Ours says what happened.
        var bundle = FileStoreTest.bundle("bc.example", "bc.example");
        var password = "Kq7mZ2xR9vT4wN8pL3sH6jYd".toCharArray();
        var jdk = KeyStore.getInstance("PKCS12", "SUN");
        jdk.load(null, null);
        jdk.setKeyEntry("bc.example", bundle.privateKey().get(), password,
                bundle.chain().toArray(new java.security.cert.Certificate[0]));
        var out = new java.io.ByteArrayOutputStream();
        jdk.store(out, password);
        var ex = assertThrows(GeneralSecurityException.class, () -> Pkcs12.read(out.toByteArray(), password));
        assertTrue(ex.getMessage(), ex.getMessage().contains("Bouncy Castle as its first security provider"));
        assertFalse(ex.getMessage().contains(new String(password)));
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
