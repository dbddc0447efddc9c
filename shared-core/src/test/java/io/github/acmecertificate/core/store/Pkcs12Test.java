package io.github.acmecertificate.core.store;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.pkcs.AuthenticatedSafe;
import org.bouncycastle.asn1.pkcs.ContentInfo;
import org.bouncycastle.asn1.pkcs.EncryptedData;
import org.bouncycastle.asn1.pkcs.EncryptedPrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.PBES2Parameters;
import org.bouncycastle.asn1.pkcs.PBKDF2Params;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.Pfx;
import org.bouncycastle.asn1.pkcs.SafeBag;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * A key store protected by a generated password is written with OpenSSL's iteration count,
 * one protected by a password a person chose keeps the JDK's, and both read back the same.
 */
public class Pkcs12Test {

    private static final char[] PASSWORD = "Kq7mZ2xR9vT4wN8pL3sH6jYd".toCharArray();

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    @Test
    public void generatedPasswordStoreReadsBackWithTheJdk() throws Exception {
        var bundle = FileStoreTest.bundle("example.com", "example.com");
        var p12 = Pkcs12.encodeForGeneratedPassword("example.com", bundle.privateKey().get(), bundle.chain(),
                PASSWORD);
        var store = Pkcs12.decode(p12, PASSWORD);
        assertTrue(store.isKeyEntry("example.com"));
        assertEquals(List.of(bundle.certificate(), bundle.issuers().get(0)),
                List.of(store.getCertificateChain("example.com")));
        assertArrayEquals(bundle.privateKey().get().getEncoded(),
                store.getKey("example.com", PASSWORD).getEncoded());
        assertThrows("the MAC is checked", GeneralSecurityException.class,
                () -> Pkcs12.decode(p12, "another password".toCharArray()));
    }

    @Test
    public void generatedPasswordStoreUsesTheLowerCountForEveryDerivation() throws Exception {
        var bundle = FileStoreTest.bundle("example.com", "example.com");
        var p12 = Pkcs12.encodeForGeneratedPassword("example.com", bundle.privateKey().get(), bundle.chain(),
                PASSWORD);
        var counts = iterationCounts(p12);
        assertEquals("MAC, certificates, key", List.of(2048, 2048, 2048), counts);
        assertNotEquals("fresh salts every time", List.of(p12),
                List.of(Pkcs12.encodeForGeneratedPassword("example.com", bundle.privateKey().get(), bundle.chain(),
                        PASSWORD)));
    }

    @Test
    public void chosenPasswordStoreKeepsTheJdkCount() throws Exception {
        var bundle = FileStoreTest.bundle("example.com", "example.com");
        var p12 = Pkcs12.encode("example.com", bundle.privateKey().get(), bundle.chain(), PASSWORD);
        var counts = iterationCounts(p12);
        assertEquals("the key", Pkcs12.ITERATIONS, (int) counts.get(2));
        assertTrue("the MAC: the JDK's default, at least 10,000", counts.get(0) >= 10_000);
    }

    @Test
    public void fileStoreUsesTheLowerCountOnlyForItsGeneratedPassword() throws Exception {
        var generated = new FileStore(temp.newFolder("generated").toPath());
        generated.save(FileStoreTest.bundle("example.com", "example.com"));
        assertEquals(List.of(2048, 2048, 2048), iterationCounts(Files.readAllBytes(
                generated.certificateDirectory("example.com").resolve(FileStore.KEYSTORE))));

        var chosen = new FileStore(temp.newFolder("chosen").toPath(), "correct horse battery".toCharArray());
        chosen.save(FileStoreTest.bundle("example.com", "example.com"));
        assertEquals(Pkcs12.ITERATIONS, (int) iterationCounts(Files.readAllBytes(
                chosen.certificateDirectory("example.com").resolve(FileStore.KEYSTORE))).get(2));
    }

    @Test
    public void openSslReadsTheGeneratedPasswordStore() throws Exception {
        assumeTrue("openssl is installed", new File("/usr/bin/openssl").canExecute());
        var bundle = FileStoreTest.bundle("example.com", "example.com");
        var file = temp.newFile("store.p12").toPath();
        Files.write(file, Pkcs12.encodeForGeneratedPassword("example.com", bundle.privateKey().get(),
                bundle.chain(), PASSWORD));
        var passFile = temp.newFile("pass").toPath();
        Files.writeString(passFile, new String(PASSWORD), StandardCharsets.US_ASCII);
        var process = new ProcessBuilder("openssl", "pkcs12", "-in", file.toString(), "-nokeys", "-clcerts",
                "-passin", "file:" + passFile).redirectErrorStream(false).start();
        var out = process.getInputStream().readAllBytes();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        assertEquals(new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8), 0,
                process.exitValue());
        var leaf = CertificateFactory.getInstance("X.509").generateCertificate(
                new java.io.ByteArrayInputStream(out));
        assertEquals(bundle.certificate(), leaf);
    }

    /** The iteration counts of the MAC, the encrypted certificates and the shrouded key, in that order. */
    private static List<Integer> iterationCounts(byte[] p12) {
        var pfx = Pfx.getInstance(p12);
        var counts = new ArrayList<Integer>();
        counts.add(pfx.getMacData().getIterationCount().intValueExact());
        var safe = AuthenticatedSafe.getInstance(
                ASN1OctetString.getInstance(pfx.getAuthSafe().getContent()).getOctets());
        for (ContentInfo info : safe.getContentInfo()) {
            if (info.getContentType().equals(PKCSObjectIdentifiers.encryptedData)) {
                counts.add(pbkdf2Count(EncryptedData.getInstance(info.getContent()).getEncryptionAlgorithm()));
            }
        }
        for (ContentInfo info : safe.getContentInfo()) {
            if (info.getContentType().equals(PKCSObjectIdentifiers.data)) {
                var bags = ASN1Sequence.getInstance(ASN1OctetString.getInstance(info.getContent()).getOctets());
                for (var element : bags) {
                    var bag = SafeBag.getInstance(element);
                    if (bag.getBagId().equals(PKCSObjectIdentifiers.pkcs8ShroudedKeyBag)) {
                        counts.add(pbkdf2Count(EncryptedPrivateKeyInfo.getInstance(bag.getBagValue())
                                .getEncryptionAlgorithm()));
                    }
                }
            }
        }
        return counts;
    }

    private static int pbkdf2Count(AlgorithmIdentifier algorithm) {
        assertEquals("PBES2", PKCSObjectIdentifiers.id_PBES2, algorithm.getAlgorithm());
        var params = PBES2Parameters.getInstance(algorithm.getParameters());
        return PBKDF2Params.getInstance(params.getKeyDerivationFunc().getParameters()).getIterationCount()
                .intValueExact();
    }
}
