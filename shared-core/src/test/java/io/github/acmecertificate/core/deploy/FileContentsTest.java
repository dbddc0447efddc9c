package io.github.acmecertificate.core.deploy;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Set;

import io.github.acmecertificate.core.deploy.it.TestBundles;
import io.github.acmecertificate.core.store.Pkcs12;
import io.github.acmecertificate.core.store.Pkcs12Readers;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The {@code keystore.p12} deployed to targets is read by OpenSSL, the JDK, Bouncy Castle and
 * our reader whatever the provider order, with the count for a password a person chose; a file
 * already on a target is recognised in either order.
 */
public class FileContentsTest {

    private static final char[] PASSWORD = "the Tomcat password".toCharArray();

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    @Test
    public void keystoreIsReadByAllInTheNormalOrder() throws Exception {
        Pkcs12Readers.withNormalOrder(this::checkKeystore);
    }

    @Test
    public void keystoreIsReadByAllWithBouncyCastleFirst() throws Exception {
        Pkcs12Readers.withBouncyCastleFirst(this::checkKeystore);
    }

    @Test
    public void aKeystoreWrittenInOneOrderIsRecognisedInTheOther() throws Exception {
        var bundle = TestBundles.issue("site.example.test");
        var written = new FileContents[1];
        Pkcs12Readers.withNormalOrder(() -> written[0] = FileContents.render(bundle,
                Set.of(CertificateFile.KEYSTORE), PASSWORD));
        var p12 = written[0].bytes(CertificateFile.KEYSTORE);
        Pkcs12Readers.withBouncyCastleFirst(() -> {
            var again = FileContents.render(bundle, Set.of(CertificateFile.KEYSTORE), PASSWORD);
            assertTrue("the same certificate: no upload", again.holds(CertificateFile.KEYSTORE, p12));
            var other = FileContents.render(bundle, Set.of(CertificateFile.KEYSTORE), "another".toCharArray());
            assertFalse("another password: deploy again", other.holds(CertificateFile.KEYSTORE, p12));
        });
    }

    private void checkKeystore() throws Exception {
        var bundle = TestBundles.issue("site.example.test");
        var contents = FileContents.render(bundle, Set.of(CertificateFile.KEYSTORE), PASSWORD);
        var p12 = contents.bytes(CertificateFile.KEYSTORE);
        assertEquals(List.of(Pkcs12.ITERATIONS, Pkcs12.ITERATIONS, Pkcs12.ITERATIONS),
                Pkcs12Readers.iterationCounts(p12));
        Pkcs12Readers.assertReadByAll(p12, PASSWORD, bundle.metadata().name(), bundle, temp.getRoot().toPath());
        assertTrue(contents.holds(CertificateFile.KEYSTORE, p12));
    }
}
