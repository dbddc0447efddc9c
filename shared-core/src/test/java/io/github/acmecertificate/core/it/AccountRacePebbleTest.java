package io.github.acmecertificate.core.it;

import static io.github.acmecertificate.core.it.Issuance.request;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import io.github.acmecertificate.core.account.AccountManager;
import io.github.acmecertificate.core.event.ProgressListener;
import io.github.acmecertificate.core.exception.StoreException;
import io.github.acmecertificate.core.store.AccountRecord;
import io.github.acmecertificate.core.store.AccountStore;
import io.github.acmecertificate.core.store.CertificateStore;
import io.github.acmecertificate.core.store.FileStore;
import io.github.acmecertificate.testca.PebbleResource;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Two first runs for one CA at once register one account, and the store keeps its key with its location. */
public class AccountRacePebbleTest {

    @ClassRule
    public static PebbleResource pebble = new PebbleResource();

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    @Test
    public void twoFirstRunsForOneCaShareOneAccount() throws Exception {
        var files = new FileStore(Issuance.storeIn(temp));
        // Both runs look for an account before either stores one, unless the account lock orders them.
        var bothLooked = new CyclicBarrier(2);
        AccountStore racing = new AccountStore() {
            @Override
            public Optional<AccountRecord> loadAccount(String caKey) throws StoreException {
                var found = files.loadAccount(caKey);
                try {
                    bothLooked.await(2, TimeUnit.SECONDS);
                } catch (Exception ex) {
                    // The other run waits for the lock, and looks after this one stored its account.
                }
                return found;
            }

            @Override
            public void saveAccount(String caKey, AccountRecord account) throws StoreException {
                files.saveAccount(caKey, account);
            }

            @Override
            public CertificateStore.Lock lockAccount(String caKey, Duration timeout, ProgressListener listener)
                    throws StoreException, InterruptedException {
                return files.lockAccount(caKey, timeout, listener);
            }
        };
        var request = request(pebble.get(), "account.test").build();
        long registrations = pebble.get().requestCount("POST /sign-me-up");
        var pool = Executors.newFixedThreadPool(2);
        try {
            var first = pool.submit(() -> new AccountManager(racing).login(request.ca(),
                    request.ca().openSession(Duration.ofSeconds(30)), request.account(), ProgressListener.NONE)
                    .getAccountLocation());
            var second = pool.submit(() -> new AccountManager(racing).login(request.ca(),
                    request.ca().openSession(Duration.ofSeconds(30)), request.account(), ProgressListener.NONE)
                    .getAccountLocation());
            var one = first.get(60, TimeUnit.SECONDS);
            var two = second.get(60, TimeUnit.SECONDS);
            assertEquals("one account for both runs", one, two);
            var stored = files.loadAccount(request.ca().storeKey()).orElseThrow();
            assertEquals(one, stored.location().orElseThrow());
            // The stored key is that account's key: the CA accepts a request signed with it for that account.
            var again = new AccountManager(files).login(request.ca(), request.ca().openSession(Duration.ofSeconds(30)),
                    request.account(), ProgressListener.NONE);
            assertArrayEquals(stored.keyPair().getPublic().getEncoded(), again.getKeyPair().getPublic().getEncoded());
            again.getAccount().fetch();
            assertEquals(one, again.getAccount().getLocation());
        } finally {
            pool.shutdownNow();
        }
        assertEquals("one registration reached the CA", registrations + 1,
                pebble.get().requestCount("POST /sign-me-up"));
    }
}
