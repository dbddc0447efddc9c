package io.github.acmecertificate.core.store;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.github.acmecertificate.core.TestCertificates;
import io.github.acmecertificate.core.event.ProgressEvent;
import io.github.acmecertificate.core.exception.StoreException;
import io.github.acmecertificate.core.key.KeyType;
import io.github.acmecertificate.core.key.Pem;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class FileStoreTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private Path root;
    private FileStore store;

    @Before
    public void setUp() {
        root = temp.getRoot().toPath().resolve("store");
        store = new FileStore(root);
    }

    static CertificateBundle bundle(String name, String cn) throws Exception {
        var caKey = KeyType.EC_P256.generate();
        var key = KeyType.EC_P256.generate();
        var now = Instant.now();
        var issuer = TestCertificates.issue("Test Intermediate", caKey, "CN=Test Root", caKey,
                now.minusSeconds(60), now.plusSeconds(86400), true);
        var leaf = TestCertificates.issue(cn, key, "CN=Test Intermediate", caKey,
                now.minusSeconds(60), now.plusSeconds(3600), false);
        var metadata = new CertificateMetadata(name, List.of(cn), "https://ca.example/dir", Optional.of("ec-p256"),
                Optional.of("https://ca.example/acct/1"), Optional.of("https://ca.example/order/1"),
                Optional.of("https://ca.example/cert/1"), now, leaf.getNotBefore().toInstant(),
                leaf.getNotAfter().toInstant());
        return new CertificateBundle(List.of(leaf, issuer), key.getPrivate(), metadata);
    }

    @Test
    public void savesAndLoadsTheWholeSet() throws Exception {
        var bundle = bundle("example.com", "example.com");
        store.save(bundle);
        var dir = store.certificateDirectory("example.com");
        for (var file : List.of(FileStore.PRIVKEY, FileStore.CERT, FileStore.CHAIN, FileStore.FULLCHAIN,
                FileStore.KEYSTORE, FileStore.KEYSTORE_PASS, FileStore.METADATA)) {
            assertTrue(file, Files.isRegularFile(dir.resolve(file)));
        }
        var loaded = store.load("example.com").orElseThrow();
        assertEquals(bundle.chain(), loaded.chain());
        assertArrayEquals(bundle.privateKey().get().getEncoded(), loaded.privateKey().get().getEncoded());
        assertEquals(bundle.metadata(), loaded.metadata());
        var fullchain = Pem.readCertificates(Files.readString(dir.resolve(FileStore.FULLCHAIN)));
        assertEquals(bundle.chain(), fullchain);
        assertEquals(List.of(bundle.chain().get(1)), Pem.readCertificates(Files.readString(dir.resolve(FileStore.CHAIN))));
    }

    @Test
    public void secretsAreOwnerOnly() throws Exception {
        store.save(bundle("example.com", "example.com"));
        var dir = store.certificateDirectory("example.com");
        assertEquals("rw-------", perms(dir.resolve(FileStore.PRIVKEY)));
        assertEquals("rw-------", perms(dir.resolve(FileStore.KEYSTORE)));
        assertEquals("rw-------", perms(dir.resolve(FileStore.KEYSTORE_PASS)));
        assertEquals("rw-r--r--", perms(dir.resolve(FileStore.FULLCHAIN)));
        assertEquals("rwx------", perms(root));
    }

    private static String perms(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    @Test
    public void keystoreIsModernPkcs12WithAStablePassword() throws Exception {
        var bundle = bundle("example.com", "example.com");
        store.save(bundle);
        var password = store.keystorePassword("example.com").orElseThrow();
        assertTrue("generated passwords are long", password.length >= 20);
        var keystore = Pkcs12.decode(Files.readAllBytes(store.certificateDirectory("example.com")
                .resolve(FileStore.KEYSTORE)), password);
        assertEquals(bundle.chain().size(), keystore.getCertificateChain("example.com").length);
        assertArrayEquals(bundle.privateKey().get().getEncoded(),
                keystore.getKey("example.com", password).getEncoded());
        store.save(bundle("example.com", "example.com"));
        assertArrayEquals("the generated password survives renewal", password,
                store.keystorePassword("example.com").orElseThrow());
    }

    @Test
    public void configuredPasswordIsUsedAndNotWritten() throws Exception {
        var configured = new FileStore(root, "correct horse battery".toCharArray());
        configured.save(bundle("example.com", "example.com"));
        var dir = configured.certificateDirectory("example.com");
        assertFalse(Files.exists(dir.resolve(FileStore.KEYSTORE_PASS)));
        Pkcs12.decode(Files.readAllBytes(dir.resolve(FileStore.KEYSTORE)), "correct horse battery".toCharArray());
    }

    @Test
    public void saveReplacesTheSetAndLeavesNoLeftovers() throws Exception {
        store.save(bundle("example.com", "example.com"));
        var second = bundle("example.com", "example.com");
        store.save(second);
        assertEquals(second.serialNumber(), store.load("example.com").orElseThrow().serialNumber());
        try (var entries = Files.list(root.resolve("certificates"))) {
            assertEquals(List.of("example.com"), entries.map(p -> p.getFileName().toString())
                    .filter(n -> !n.endsWith(".lock")).toList());
        }
    }

    @Test
    public void runKilledWhileWritingTheNewSetLeavesTheOldOne() throws Exception {
        var old = bundle("example.com", "example.com");
        store.save(old);
        // A killed run left a half-written staging folder beside the live set.
        var staging = root.resolve("certificates/.example.com.new-deadbeef");
        Files.createDirectories(staging);
        Files.writeString(staging.resolve(FileStore.CERT), "-----BEGIN CERT");
        assertEquals(old.serialNumber(), store.load("example.com").orElseThrow().serialNumber());
        try (var lock = store.lock("example.com", Duration.ofSeconds(5), e -> { })) {
            assertFalse("the next run removes the leftover", Files.exists(staging));
        }
        assertEquals(old.serialNumber(), store.load("example.com").orElseThrow().serialNumber());
    }

    @Test
    public void runKilledBetweenTheTwoRenamesKeepsTheOldSet() throws Exception {
        var old = bundle("example.com", "example.com");
        store.save(old);
        var certs = root.resolve("certificates");
        // Killed after the live set moved aside, before the new one moved in.
        Files.move(certs.resolve("example.com"), certs.resolve(".example.com.old"));
        var staging = certs.resolve(".example.com.new-0badf00d");
        Files.createDirectories(staging);
        assertEquals("readers still see the old set", old.serialNumber(),
                store.load("example.com").orElseThrow().serialNumber());
        try (var lock = store.lock("example.com", Duration.ofSeconds(5), e -> { })) {
            assertTrue(Files.isDirectory(certs.resolve("example.com")));
            assertFalse(Files.exists(certs.resolve(".example.com.old")));
            assertFalse(Files.exists(staging));
        }
        assertEquals(old.serialNumber(), store.load("example.com").orElseThrow().serialNumber());
    }

    @Test
    public void runKilledBeforeRemovingTheOldSetKeepsTheNewOne() throws Exception {
        var old = bundle("example.com", "example.com");
        store.save(old);
        var certs = root.resolve("certificates");
        Files.move(certs.resolve("example.com"), certs.resolve(".example.com.old"));
        var fresh = bundle("example.com", "example.com");
        new FileStore(temp.getRoot().toPath().resolve("other")).save(fresh);
        Files.move(temp.getRoot().toPath().resolve("other/certificates/example.com"), certs.resolve("example.com"));
        assertEquals(fresh.serialNumber(), store.load("example.com").orElseThrow().serialNumber());
        try (var lock = store.lock("example.com", Duration.ofSeconds(5), e -> { })) {
            assertFalse(Files.exists(certs.resolve(".example.com.old")));
        }
        assertEquals(fresh.serialNumber(), store.load("example.com").orElseThrow().serialNumber());
    }

    @Test
    public void missingNameLoadsEmpty() throws Exception {
        assertTrue(store.load("nothing.example").isEmpty());
        assertTrue(store.loadAccount("ca.example_dir").isEmpty());
    }

    @Test
    public void corruptSetGivesAClearError() throws Exception {
        store.save(bundle("example.com", "example.com"));
        Files.writeString(store.certificateDirectory("example.com").resolve(FileStore.METADATA), "names=a\n");
        var ex = org.junit.Assert.assertThrows(io.github.acmecertificate.core.exception.StoreException.class,
                () -> store.load("example.com"));
        assertTrue(ex.getMessage(), ex.getMessage().contains("force"));
    }

    @Test
    public void accountRoundTripsAndKeyIsOwnerOnly() throws Exception {
        var key = KeyType.EC_P256.generate();
        store.saveAccount("ca.example_dir", new AccountRecord(key, URI.create("https://ca.example/acct/7").toURL()));
        var loaded = store.loadAccount("ca.example_dir").orElseThrow();
        assertArrayEquals(key.getPublic().getEncoded(), loaded.keyPair().getPublic().getEncoded());
        assertArrayEquals(key.getPrivate().getEncoded(), loaded.keyPair().getPrivate().getEncoded());
        assertEquals("https://ca.example/acct/7", loaded.location().orElseThrow().toString());
        assertEquals("rw-------", perms(root.resolve("accounts/ca.example_dir/" + FileStore.ACCOUNT)));
        assertFalse("toString hides the key", loaded.toString().contains("PRIVATE"));
    }

    @Test
    public void anAccountIsOneFileSoItsKeyAndLocationNeverComeFromTwoAccounts() throws Exception {
        var first = KeyType.EC_P256.generate();
        store.saveAccount("ca.example_dir", new AccountRecord(first, null));
        var second = KeyType.EC_P256.generate();
        store.saveAccount("ca.example_dir", new AccountRecord(second, URI.create("https://ca.example/acct/8").toURL()));
        var dir = root.resolve("accounts/ca.example_dir");
        try (var files = Files.list(dir)) {
            assertEquals("key and location in one file, replaced in one rename", List.of(FileStore.ACCOUNT),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
        var text = Files.readString(dir.resolve(FileStore.ACCOUNT));
        assertTrue(text, text.contains("location=https\\://ca.example/acct/8"));
        assertArrayEquals(second.getPublic().getEncoded(),
                Pem.readKeyPair(text.substring(text.indexOf("-----BEGIN"))).getPublic().getEncoded());
    }

    @Test
    public void anAccountWrittenAsTwoFilesByAnEarlierVersionIsStillRead() throws Exception {
        var key = KeyType.EC_P256.generate();
        var dir = Files.createDirectories(root.resolve("accounts/ca.example_dir"));
        Files.writeString(dir.resolve("account-key.pem"), Pem.keyPair(key));
        Files.writeString(dir.resolve("account.properties"), "location=https\\://ca.example/acct/3\n");
        var loaded = store.loadAccount("ca.example_dir").orElseThrow();
        assertArrayEquals(key.getPublic().getEncoded(), loaded.keyPair().getPublic().getEncoded());
        assertEquals("https://ca.example/acct/3", loaded.location().orElseThrow().toString());
    }

    @Test
    public void accountLockExcludesASecondRegistration() throws Exception {
        try (var lock = store.lockAccount("ca.example_dir", Duration.ofSeconds(5), e -> { })) {
            var waited = new CountDownLatch(1);
            var other = new Thread(() -> {
                try (var second = store.lockAccount("ca.example_dir", Duration.ofMillis(300), e -> waited.countDown())) {
                    fail("the second lock was granted while the first was held");
                } catch (StoreException expected) {
                    // Timed out, as it should.
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
            });
            other.start();
            other.join(5000);
            assertEquals("the second run was told it waits", 0, waited.getCount());
        }
        try (var again = store.lockAccount("ca.example_dir", Duration.ofMillis(300), e -> { })) {
            assertTrue("free again once released", again != null);
        }
    }

    @Test
    public void recoveringOneNameLeavesANameThatStartsWithItAlone() throws Exception {
        // "web.new-site" is a valid certificate name; its files must not look like leftovers of "web".
        store.save(bundle("web.new-site", "new-site.example.com"));
        var certificates = root.resolve("certificates");
        // web.new-site's swap was interrupted after its live set moved aside: that set is current.
        Files.move(certificates.resolve("web.new-site"), certificates.resolve(".web.new-site.old"));
        var running = Files.createDirectories(certificates.resolve(".web.new-site.new-0123abcd"));
        Files.writeString(running.resolve("cert.pem"), "being written by a run of web.new-site");
        var leftover = Files.createDirectories(certificates.resolve(".web.new-89abcdef"));

        try (var lock = store.lock("web", Duration.ofSeconds(5), e -> { })) {
            assertFalse("web's own leftover staging folder is removed", Files.exists(leftover));
        }

        assertTrue("web.new-site's staging folder is kept", Files.exists(running.resolve("cert.pem")));
        assertTrue("web.new-site's current set is kept", store.load("web.new-site").isPresent());
        assertEquals("new-site.example.com", store.load("web.new-site").orElseThrow().metadata().names().get(0));
    }

    @Test
    public void aStoreFolderOthersCanWriteToIsRefused() throws Exception {
        store.save(bundle("example.com", "example.com"));
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxrwxrwx"));
        var ex = assertThrows(StoreException.class, () -> store.lock("example.com", Duration.ofSeconds(5), e -> { }));
        assertTrue(ex.getMessage(), ex.getMessage().contains(root + " is writable by other users"));
        assertTrue(ex.getMessage(), ex.getMessage().contains("chmod go-w"));
        var account = assertThrows(StoreException.class, () -> store.saveAccount("ca.example_dir",
                new AccountRecord(KeyType.EC_P256.generate(), null)));
        assertTrue(account.getMessage(), account.getMessage().contains("writable by other users"));
        assertFalse("nothing was written", Files.exists(root.resolve("accounts")));
    }

    @Test
    public void lockExcludesOtherThreadsUntilReleased() throws Exception {
        var waited = new CountDownLatch(1);
        var acquiredAt = new AtomicLong();
        var releasedAt = new AtomicLong();
        Thread other;
        try (var lock = store.lock("example.com", Duration.ofSeconds(5), e -> { })) {
            other = new Thread(() -> {
                try (var second = store.lock("example.com", Duration.ofSeconds(10), e -> {
                    if (e.stage() == ProgressEvent.Stage.LOCK_WAIT) {
                        waited.countDown();
                    }
                })) {
                    acquiredAt.set(System.nanoTime());
                } catch (Exception ex) {
                    throw new AssertionError(ex);
                }
            });
            other.start();
            assertTrue("the second run reports that it waits", waited.await(5, TimeUnit.SECONDS));
            Thread.sleep(100);
            assertEquals("not acquired while held", 0, acquiredAt.get());
            releasedAt.set(System.nanoTime());
        }
        other.join(5000);
        assertNotEquals(0, acquiredAt.get());
        assertTrue(acquiredAt.get() >= releasedAt.get());
    }

    @Test
    public void lockTimesOutWithAClearMessage() throws Exception {
        try (var lock = store.lock("example.com", Duration.ofSeconds(5), e -> { })) {
            var thread = new Thread(() -> { });
            var failure = new java.util.concurrent.atomic.AtomicReference<Exception>();
            thread = new Thread(() -> {
                try (var second = store.lock("example.com", Duration.ofMillis(200), e -> { })) {
                    failure.set(null);
                } catch (Exception ex) {
                    failure.set(ex);
                }
            });
            thread.start();
            thread.join(5000);
            assertTrue(String.valueOf(failure.get()), failure.get() != null
                    && failure.get().getMessage().contains("locked for more than"));
        }
    }

    @Test
    public void namesAreChecked() {
        assertTrue(FileStore.isValidName("example.com"));
        assertTrue(FileStore.isValidName("my_cert-1"));
        assertFalse(FileStore.isValidName(".hidden"));
        assertFalse(FileStore.isValidName("a/b"));
        assertFalse(FileStore.isValidName(".."));
        assertFalse(FileStore.isValidName(""));
    }
}
