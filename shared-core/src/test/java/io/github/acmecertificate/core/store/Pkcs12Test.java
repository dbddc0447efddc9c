package io.github.acmecertificate.core.store;

import static io.github.acmecertificate.core.store.Pkcs12Readers.assertReadByAll;
import static io.github.acmecertificate.core.store.Pkcs12Readers.hasOpenSsl;
import static io.github.acmecertificate.core.store.Pkcs12Readers.iterationCounts;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.acmecertificate.core.key.Pem;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.pkcs.Pfx;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Every key store the project writes is read by OpenSSL, the JDK, Bouncy Castle and our own
 * reader, with the iteration count its password calls for; our reader refuses a wrong password
 * or altered bytes. The same with Bouncy Castle first: {@link BouncyCastleFirstTest}.
 */
public class Pkcs12Test {

    private static final char[] PASSWORD = "Kq7mZ2xR9vT4wN8pL3sH6jYd".toCharArray();

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    @Test
    public void chosenPasswordStoreIsReadByAllWithTheJdkCount() throws Exception {
        var bundle = FileStoreTest.bundle("example.com", "example.com");
        var p12 = Pkcs12.encode("example.com", bundle.privateKey().get(), bundle.chain(), PASSWORD,
                Pkcs12.ITERATIONS);
        assertEquals("MAC, certificates, key", List.of(10_000, 10_000, 10_000), iterationCounts(p12));
        assertReadByAll(p12, PASSWORD, "example.com", bundle, temp.getRoot().toPath());
    }

    @Test
    public void generatedPasswordStoreIsReadByAllWithTheLowerCount() throws Exception {
        var bundle = FileStoreTest.bundle("example.com", "example.com");
        var p12 = Pkcs12.encode("example.com", bundle.privateKey().get(), bundle.chain(), PASSWORD,
                Pkcs12.GENERATED_PASSWORD_ITERATIONS);
        assertEquals("MAC, certificates, key", List.of(2048, 2048, 2048), iterationCounts(p12));
        assertReadByAll(p12, PASSWORD, "example.com", bundle, temp.getRoot().toPath());
        assertNotEquals("fresh salts every time", List.of(p12),
                List.of(Pkcs12.encode("example.com", bundle.privateKey().get(), bundle.chain(), PASSWORD,
                        Pkcs12.GENERATED_PASSWORD_ITERATIONS)));
    }

    @Test
    public void fileStoreUsesTheLowerCountOnlyForItsGeneratedPassword() throws Exception {
        var generated = new FileStore(temp.newFolder("generated").toPath());
        var bundle = FileStoreTest.bundle("example.com", "example.com");
        generated.save(bundle);
        var p12 = Files.readAllBytes(generated.certificateDirectory("example.com").resolve(FileStore.KEYSTORE));
        assertEquals(List.of(2048, 2048, 2048), iterationCounts(p12));
        assertReadByAll(p12, generated.keystorePassword("example.com").orElseThrow(), "example.com", bundle,
                temp.getRoot().toPath());

        var password = "correct horse battery".toCharArray();
        var chosen = new FileStore(temp.newFolder("chosen").toPath(), password);
        chosen.save(bundle);
        p12 = Files.readAllBytes(chosen.certificateDirectory("example.com").resolve(FileStore.KEYSTORE));
        assertEquals(List.of(10_000, 10_000, 10_000), iterationCounts(p12));
        assertReadByAll(p12, password, "example.com", bundle, temp.getRoot().toPath());
    }

    @Test
    public void aPasswordOutsideAsciiIsEncodedAsOpenSslExpects() throws Exception {
        // PBKDF2 takes the password as UTF-8 and the MAC as BMPString, as RFC 7292 and
        // OpenSSL do; the JDK's "PBE" key factory would refuse it.
        var bundle = FileStoreTest.bundle("example.com", "example.com");
        var password = "Zürich-Ærø-密码-2026".toCharArray();
        var p12 = Pkcs12.encode("example.com", bundle.privateKey().get(), bundle.chain(), password,
                Pkcs12.ITERATIONS);
        var entry = Pkcs12.read(p12, password).key("example.com").orElseThrow();
        assertEquals(bundle.chain(), entry.chain());
        if (hasOpenSsl()) {
            var file = temp.newFile("unicode.p12").toPath();
            var passFile = temp.newFile("unicode.pass").toPath();
            Files.write(file, p12);
            Files.writeString(passFile, new String(password), StandardCharsets.UTF_8);
            assertEquals(bundle.chain(), Pem.readCertificates(openssl("pkcs12", "-in", file.toString(), "-nokeys",
                    "-passin", "file:" + passFile)));
        }
    }

    @Test
    public void aWrongPasswordIsRefusedWithoutShowingAnyPassword() throws Exception {
        var bundle = FileStoreTest.bundle("example.com", "example.com");
        var p12 = Pkcs12.encode("example.com", bundle.privateKey().get(), bundle.chain(), PASSWORD,
                Pkcs12.GENERATED_PASSWORD_ITERATIONS);
        var wrong = "another password".toCharArray();
        var ex = assertThrows(GeneralSecurityException.class, () -> Pkcs12.read(p12, wrong));
        assertEquals("Cannot read the PKCS#12 key store: its integrity check (MAC) fails: the password is wrong, "
                + "or the file was altered or damaged", ex.getMessage());
        assertFalse(ex.getMessage().contains(new String(wrong)));
        assertFalse(ex.getMessage().contains(new String(PASSWORD)));
        assertThrows("the KeyStore view checks the same", GeneralSecurityException.class,
                () -> Pkcs12.decode(p12, wrong));
    }

    @Test
    public void alteredBytesAreRefusedByTheMac() throws Exception {
        var bundle = FileStoreTest.bundle("example.com", "example.com");
        var p12 = Pkcs12.encode("example.com", bundle.privateKey().get(), bundle.chain(), PASSWORD,
                Pkcs12.GENERATED_PASSWORD_ITERATIONS);
        // Flip one bit inside the MAC-protected content, in the last (key) bag.
        var authSafe = ASN1OctetString.getInstance(Pfx.getInstance(p12).getAuthSafe().getContent()).getOctets();
        int at = indexOf(p12, authSafe) + authSafe.length - 20;
        var altered = p12.clone();
        altered[at] ^= 0x01;
        var ex = assertThrows(GeneralSecurityException.class, () -> Pkcs12.read(altered, PASSWORD));
        assertTrue(ex.getMessage(), ex.getMessage().contains("integrity check (MAC) fails"));
        assertFalse(ex.getMessage().contains(new String(PASSWORD)));

        var truncated = java.util.Arrays.copyOf(p12, p12.length / 2);
        var cut = assertThrows(GeneralSecurityException.class, () -> Pkcs12.read(truncated, PASSWORD));
        assertTrue(cut.getMessage(), cut.getMessage().startsWith("Cannot read the PKCS#12 key store: it is not PKCS#12"));
    }

    @Test
    public void storesOfOtherToolsAreReadAndOnesWithoutMacRefused() throws Exception {
        assumeTrue("openssl is installed", hasOpenSsl());
        var bundle = FileStoreTest.bundle("example.com", "example.com");
        var key = temp.newFile("key.pem").toPath();
        var chain = temp.newFile("chain.pem").toPath();
        var passFile = temp.newFile("pass").toPath();
        Files.writeString(key, Pem.privateKey(bundle.privateKey().get()));
        Files.writeString(chain, Pem.certificates(bundle.chain()));
        Files.writeString(passFile, new String(PASSWORD), StandardCharsets.US_ASCII);
        for (var options : List.of(List.<String>of(), List.of("-legacy"), List.of("-macalg", "sha1"),
                List.of("-nomac"))) {
            var out = temp.getRoot().toPath().resolve("openssl" + options.hashCode() + ".p12");
            var command = new java.util.ArrayList<>(List.of("pkcs12", "-export", "-inkey", key.toString(), "-in",
                    chain.toString(), "-name", "example.com", "-passout", "file:" + passFile, "-out", out.toString()));
            command.addAll(options);
            openssl(command.toArray(new String[0]));
            if (options.contains("-nomac")) {
                var ex = assertThrows(GeneralSecurityException.class,
                        () -> Pkcs12.read(Files.readAllBytes(out), PASSWORD));
                assertEquals("Cannot read the PKCS#12 key store: it has no integrity check (MAC)", ex.getMessage());
                continue;
            }
            var entry = Pkcs12.read(Files.readAllBytes(out), PASSWORD).key("example.com").orElseThrow();
            assertEquals(options.toString(), bundle.chain(), entry.chain());
            assertArrayEquals(options.toString(), bundle.privateKey().get().getEncoded(),
                    entry.privateKey().getEncoded());
        }
    }

    @Test
    public void theIterationCountIsChecked() throws Exception {
        var bundle = FileStoreTest.bundle("example.com", "example.com");
        assertThrows(IllegalArgumentException.class, () -> Pkcs12.encode("example.com",
                bundle.privateKey().get(), bundle.chain(), PASSWORD, 0));
        assertThrows(IllegalArgumentException.class, () -> Pkcs12.encode("example.com",
                bundle.privateKey().get(), bundle.chain(), PASSWORD, Pkcs12.MAX_ITERATIONS + 1));
    }

    private static String openssl(String... arguments) throws Exception {
        var command = new java.util.ArrayList<String>();
        command.add("openssl");
        command.addAll(List.of(arguments));
        var process = new ProcessBuilder(command).start();
        var out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        var err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        assertEquals(command + ": " + err, 0, process.exitValue());
        return out;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }
}
