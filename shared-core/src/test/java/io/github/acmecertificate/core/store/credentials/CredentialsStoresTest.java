package io.github.acmecertificate.core.store.credentials;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import io.github.acmecertificate.core.event.ProgressListener;
import io.github.acmecertificate.core.exception.StoreException;
import io.github.acmecertificate.core.key.KeyType;
import io.github.acmecertificate.core.key.Pem;
import io.github.acmecertificate.core.store.AccountRecord;
import io.github.acmecertificate.core.store.CertificateMetadata;
import org.junit.Test;

public class CredentialsStoresTest {

    private final InMemoryCredentials credentials = new InMemoryCredentials();

    private CredentialsCertificateStore store(Optional<CertificateMetadata> recorded) {
        return new CredentialsCertificateStore(credentials, new CertificateCredentialMapper(false), id -> recorded);
    }

    @Test
    public void savedCertificateLoadsBackWithTheRecordedMetadata() throws Exception {
        var bundle = TestCertificates.bundle("web-tls", "example.test", "www.example.test");
        store(Optional.of(bundle.metadata())).save(bundle);
        var loaded = store(Optional.of(bundle.metadata())).load("web-tls").orElseThrow();
        assertEquals(bundle.chain(), loaded.chain());
        assertEquals(bundle.privateKey(), loaded.privateKey());
        assertEquals(bundle.metadata(), loaded.metadata());
        assertTrue(credentials.raw("web-tls").get() instanceof CertificateEntry);
    }

    @Test
    public void savingAgainUpdatesInPlaceKeepingTheId() throws Exception {
        var store = store(Optional.empty());
        store.save(TestCertificates.bundle("web-tls", "example.test"));
        var second = TestCertificates.bundle("web-tls", "example.test");
        store.save(second);
        assertEquals(1, credentials.adds());
        assertEquals(1, credentials.updates());
        assertEquals(List.of("web-tls"), credentials.ids());
        assertEquals(second.certificate(), store.load("web-tls").orElseThrow().certificate());
    }

    @Test
    public void withoutARecordTheNamesComeFromTheCertificateAndTheCaIsUnknown() throws Exception {
        var bundle = TestCertificates.bundle("web-tls", "Example.TEST", "127.0.0.1");
        store(Optional.empty()).save(bundle);
        var metadata = store(Optional.empty()).load("web-tls").orElseThrow().metadata();
        assertEquals(List.of("example.test", "127.0.0.1"), metadata.names());
        assertEquals(CredentialsCertificateStore.UNKNOWN_CA, metadata.ca());
        assertEquals(Optional.of("ec-p256"), metadata.keyType());
    }

    @Test
    public void aCredentialOfAnotherKindIsNeitherReadNorOverwritten() throws Exception {
        credentials.preset(new OtherEntry("deploy", "", "Username with password"));
        var store = store(Optional.empty());
        var ex = assertThrows(StoreException.class, () -> store.load("deploy"));
        assertTrue(ex.getMessage(), ex.getMessage().contains("not a certificate credential (Username with password)"));
        assertThrows(StoreException.class, () -> store.save(TestCertificates.bundle("deploy", "example.test")));
        assertEquals(0, credentials.updates());
    }

    @Test
    public void fipsModeStoresPemAndJenkinsAcceptsIt() throws Exception {
        var fips = new InMemoryCredentials("team", true);
        var store = new CredentialsCertificateStore(fips, new CertificateCredentialMapper(true), id -> Optional.empty());
        var bundle = TestCertificates.bundle("web-tls", "example.test");
        store.save(bundle);
        assertTrue(((CertificateEntry) fips.raw("web-tls").get()).content() instanceof KeyStoreContent.PemEntry);
        assertEquals(bundle.certificate(), store.load("web-tls").orElseThrow().certificate());
        // PKCS#12 is what a FIPS-mode Jenkins refuses.
        var refused = new CredentialsCertificateStore(fips, new CertificateCredentialMapper(false), id -> Optional.empty());
        var ex = assertThrows(StoreException.class, () -> refused.save(bundle));
        assertTrue(ex.getMessage(), ex.getMessage().contains("FIPS"));
    }

    @Test
    public void aBuildWithoutPermissionWritesNothing() throws Exception {
        credentials.permissions(false, false);
        var ex = assertThrows(StoreException.class, () -> store(Optional.empty())
                .save(TestCertificates.bundle("web-tls", "example.test")));
        assertTrue(ex.getMessage(), ex.getMessage().contains("Credentials/Create"));
        assertTrue(credentials.ids().isEmpty());
    }

    @Test
    public void locksSerializeTwoRunsOnOneCredential() throws Exception {
        var store = store(Optional.empty());
        var waited = new CountDownLatch(1);
        ProgressListener listener = event -> waited.countDown();
        var pool = Executors.newSingleThreadExecutor();
        try (var lock = store.lock("web-tls", Duration.ofSeconds(5), ProgressListener.NONE)) {
            var other = pool.submit(() -> {
                try (var second = store.lock("web-tls", Duration.ofSeconds(5), listener)) {
                    return true;
                }
            });
            assertTrue("the second run says it waits", waited.await(5, TimeUnit.SECONDS));
            assertFalse(other.isDone());
            lock.close();
            assertTrue(other.get(5, TimeUnit.SECONDS));
        } finally {
            pool.shutdownNow();
        }
        assertThrows(StoreException.class, () -> {
            try (var held = store.lock("busy", Duration.ofSeconds(5), ProgressListener.NONE)) {
                var pool2 = Executors.newSingleThreadExecutor();
                try {
                    pool2.submit(() -> store.lock("busy", Duration.ofMillis(50), ProgressListener.NONE)).get();
                } catch (java.util.concurrent.ExecutionException e) {
                    throw (StoreException) e.getCause();
                } finally {
                    pool2.shutdownNow();
                }
            }
        });
    }

    @Test
    public void accountsAreKeptPerCaInOneSecretText() throws Exception {
        var accounts = new CredentialsAccountStore(credentials, "acme-account");
        assertTrue(accounts.loadAccount("ca-one").isEmpty());
        var one = KeyType.EC_P256.generate();
        var two = KeyType.EC_P256.generate();
        accounts.saveAccount("ca-one", new AccountRecord(one, null));
        accounts.saveAccount("ca-one", new AccountRecord(one, URI.create("https://one.test/acct/1").toURL()));
        accounts.saveAccount("ca-two", new AccountRecord(two, URI.create("https://two.test/acct/2").toURL()));
        assertEquals(1, credentials.adds());
        assertEquals(one.getPublic(), accounts.loadAccount("ca-one").get().keyPair().getPublic());
        assertEquals("https://one.test/acct/1", accounts.loadAccount("ca-one").get().location().get().toString());
        assertEquals(two.getPrivate(), accounts.loadAccount("ca-two").get().keyPair().getPrivate());
        var secret = (SecretTextEntry) credentials.find("acme-account").get();
        assertTrue(secret.description(), secret.description().contains("ca-one, ca-two"));
    }

    @Test
    public void aBareKeyPairServesEveryCa() throws Exception {
        var key = KeyType.EC_P256.generate();
        credentials.preset(new SecretTextEntry("mine", "", Pem.keyPair(key)));
        var accounts = new CredentialsAccountStore(credentials, "mine");
        var record = accounts.loadAccount("any-ca").orElseThrow();
        assertEquals(key.getPublic(), record.keyPair().getPublic());
        assertTrue(record.location().isEmpty());
    }

    @Test
    public void anAccountCredentialOfAnotherKindOrGarbageSaysWhatToDo() throws Exception {
        credentials.preset(new OtherEntry("acct", "", "SSH Username with private key"));
        var ex = assertThrows(StoreException.class, () -> new CredentialsAccountStore(credentials, "acct").loadAccount("x"));
        assertTrue(ex.getMessage(), ex.getMessage().contains("not a secret text"));
        credentials.preset(new SecretTextEntry("junk", "", "[ca]\nlocation=https://x.test/1\nnot a key\n"));
        ex = assertThrows(StoreException.class, () -> new CredentialsAccountStore(credentials, "junk").loadAccount("ca"));
        assertTrue(ex.getMessage(), ex.getMessage().contains("cannot be read"));
    }

    @Test
    public void twoBuildsRegisteringWithTwoCasAtOnceKeepBothAccounts() throws Exception {
        var credentials = new InMemoryCredentials();
        // Both builds read the credential before either writes it, unless something orders them.
        var bothRead = new java.util.concurrent.CyclicBarrier(2);
        CredentialsBackend racing = new CredentialsBackend() {
            @Override
            public Optional<CredentialEntry> find(String id) throws StoreException {
                var found = credentials.find(id);
                try {
                    bothRead.await(2, TimeUnit.SECONDS);
                } catch (Exception ex) {
                    // The other build waits for the lock: it reads after this one wrote.
                }
                return found;
            }

            @Override
            public boolean add(CredentialEntry entry) throws StoreException {
                return credentials.add(entry);
            }

            @Override
            public boolean update(CredentialEntry replacement) throws StoreException {
                return credentials.update(replacement);
            }

            @Override
            public String contextOf(String id) throws StoreException {
                return credentials.contextOf(id);
            }

            @Override
            public String describe(String id) {
                return credentials.describe(id);
            }
        };
        var one = KeyType.EC_P256.generate();
        var two = KeyType.EC_P256.generate();
        var pool = Executors.newFixedThreadPool(2);
        try {
            var first = pool.submit(() -> {
                new CredentialsAccountStore(racing, "acme-account").saveAccount("ca-one",
                        new AccountRecord(one, URI.create("https://one.test/acct/1").toURL()));
                return null;
            });
            var second = pool.submit(() -> {
                new CredentialsAccountStore(racing, "acme-account").saveAccount("ca-two",
                        new AccountRecord(two, URI.create("https://two.test/acct/2").toURL()));
                return null;
            });
            first.get(30, TimeUnit.SECONDS);
            second.get(30, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        var accounts = new CredentialsAccountStore(credentials, "acme-account");
        assertEquals(one.getPublic(), accounts.loadAccount("ca-one").orElseThrow().keyPair().getPublic());
        assertEquals(two.getPublic(), accounts.loadAccount("ca-two").orElseThrow().keyPair().getPublic());
    }
}
