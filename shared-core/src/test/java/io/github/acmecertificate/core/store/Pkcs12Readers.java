package io.github.acmecertificate.core.store;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.math.BigInteger;
import java.security.Key;
import java.security.KeyStore;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.Provider;
import java.security.Security;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.acmecertificate.core.key.Pem;
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
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * Every reader a written key store must satisfy: OpenSSL (certificates alone, and with the
 * key), the JDK's {@code KeyStore} with the normal provider order, Bouncy Castle's PKCS#12
 * key store, and {@link Pkcs12#read}; and the tools to run a test with Bouncy Castle first.
 */
public final class Pkcs12Readers {

    private static final Provider BOUNCY_CASTLE = new BouncyCastleProvider();

    /** Work that may throw anything. */
    @FunctionalInterface
    public interface Work {
        /**
         * Runs.
         *
         * @throws Exception whatever it throws
         */
        void run() throws Exception;
    }

    private Pkcs12Readers() {
    }

    /** Tells whether OpenSSL is installed (CI has it; its checks are skipped elsewhere). */
    public static boolean hasOpenSsl() {
        return new File("/usr/bin/openssl").canExecute();
    }

    /**
     * Asserts that every reader opens the store with the password and finds the bundle's key
     * under the alias, with its chain.
     *
     * @param p12      the key store
     * @param password its password
     * @param alias    the alias of the key
     * @param bundle   what was written
     * @param temp     a folder for OpenSSL's files
     * @throws Exception if a reader fails
     */
    public static void assertReadByAll(byte[] p12, char[] password, String alias, CertificateBundle bundle, Path temp)
            throws Exception {
        // Ours, in whatever order the caller set.
        var entry = Pkcs12.read(p12, password).key(alias).orElseThrow();
        assertEquals("ours: the chain", bundle.chain(), entry.chain());
        // With Bouncy Castle first, "EC" keys come from Bouncy Castle's factory, encoded with their public point.
        assertEquals("ours: the key", secret(bundle.privateKey().get()), secret(entry.privateKey()));

        // Bouncy Castle's own key store, registered or not.
        var bc = KeyStore.getInstance("PKCS12", BOUNCY_CASTLE);
        bc.load(new ByteArrayInputStream(p12), password);
        assertEquals("Bouncy Castle: the certificate", bundle.certificate(), bc.getCertificate(alias));
        // Bouncy Castle encodes the same key differently (with its public point): compare the secret.
        assertEquals("Bouncy Castle: the key", secret(bundle.privateKey().get()), secret(bc.getKey(alias, password)));

        // The JDK's key store in the normal order, as another JVM (a Tomcat) would read it.
        withNormalOrder(() -> {
            var jdk = KeyStore.getInstance("PKCS12");
            jdk.load(new ByteArrayInputStream(p12), password);
            assertEquals("JDK: the chain", bundle.chain(), List.of(jdk.getCertificateChain(alias)));
            assertArrayEquals("JDK: the key", bundle.privateKey().get().getEncoded(),
                    jdk.getKey(alias, password).getEncoded());
        });

        if (hasOpenSsl()) {
            var file = Files.createTempFile(temp, "store", ".p12");
            var passFile = Files.createTempFile(temp, "pass", "");
            Files.write(file, p12);
            Files.writeString(passFile, new String(password), StandardCharsets.UTF_8);
            var certificates = openssl(file, passFile, "-nokeys");
            assertEquals("OpenSSL -nokeys: the chain", bundle.chain(), Pem.readCertificates(certificates));
            var withKey = openssl(file, passFile, "-nocerts", "-nodes");
            assertEquals("OpenSSL: the key", secret(bundle.privateKey().get()),
                    secret(Pem.readPrivateKey(withKey)));
        }
    }

    /**
     * The secret of an EC or RSA private key, equal for the same key from any provider.
     *
     * @param key the key
     * @return its private scalar or exponent
     */
    public static BigInteger secret(Key key) {
        if (key instanceof ECPrivateKey ec) {
            return ec.getS();
        }
        return ((RSAPrivateKey) key).getPrivateExponent();
    }

    private static String openssl(Path file, Path passFile, String... options) throws IOException, InterruptedException {
        var command = new ArrayList<>(List.of("openssl", "pkcs12", "-in", file.toString(), "-passin",
                "file:" + passFile));
        command.addAll(List.of(options));
        var process = new ProcessBuilder(command).redirectErrorStream(false).start();
        var out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        var err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        assertEquals("OpenSSL " + command + ": " + err, 0, process.exitValue());
        return out;
    }

    /**
     * Runs work with Bouncy Castle as the first security provider, then restores the order.
     *
     * @param work the work
     * @throws Exception whatever it throws
     */
    public static void withBouncyCastleFirst(Work work) throws Exception {
        var before = List.of(Security.getProviders());
        Security.removeProvider(BouncyCastleProvider.PROVIDER_NAME);
        Security.insertProviderAt(BOUNCY_CASTLE, 1);
        try {
            assertEquals(BouncyCastleProvider.PROVIDER_NAME, Security.getProviders()[0].getName());
            work.run();
        } finally {
            restore(before);
        }
    }

    /**
     * Runs work with Bouncy Castle last, if registered at all (the normal order), then restores.
     *
     * @param work the work
     * @throws Exception whatever it throws
     */
    public static void withNormalOrder(Work work) throws Exception {
        var before = List.of(Security.getProviders());
        var registered = Security.getProvider(BouncyCastleProvider.PROVIDER_NAME);
        Security.removeProvider(BouncyCastleProvider.PROVIDER_NAME);
        if (registered != null) {
            Security.addProvider(registered);
        }
        try {
            work.run();
        } finally {
            restore(before);
        }
    }

    private static void restore(List<Provider> before) {
        Security.removeProvider(BouncyCastleProvider.PROVIDER_NAME);
        for (int i = 0; i < before.size(); i++) {
            if (BouncyCastleProvider.PROVIDER_NAME.equals(before.get(i).getName())) {
                Security.insertProviderAt(before.get(i), i + 1);
            }
        }
    }

    /**
     * The iteration counts of the MAC, the encrypted certificates and the shrouded key, in that order.
     *
     * @param p12 the key store
     * @return the counts
     */
    public static List<Integer> iterationCounts(byte[] p12) {
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
