package io.github.acmecertificate.core.store;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import io.github.acmecertificate.core.event.ProgressEvent.Stage;
import io.github.acmecertificate.core.event.ProgressListener;
import io.github.acmecertificate.core.exception.StoreException;

/** The in-JVM account locks behind {@link AccountStore#lockAccount}'s default. */
final class AccountLocks {

    private static final Map<String, Semaphore> LOCKS = new ConcurrentHashMap<>();

    private AccountLocks() {
    }

    static CertificateStore.Lock lock(String caKey, Duration timeout, ProgressListener listener)
            throws StoreException, InterruptedException {
        var semaphore = LOCKS.computeIfAbsent(caKey, key -> new Semaphore(1));
        if (!semaphore.tryAcquire()) {
            listener.report(Stage.LOCK_WAIT, "Waiting for another run that is registering the account for " + caKey);
            if (!semaphore.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new StoreException("Another run kept the account for " + caKey + " locked for more than "
                        + timeout + ". Wait for it to finish, or check for a hung build", null);
            }
        }
        return semaphore::release;
    }
}
