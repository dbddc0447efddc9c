package io.github.acmecertificate.core.store;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import io.github.acmecertificate.core.event.ProgressEvent.Stage;
import io.github.acmecertificate.core.event.ProgressListener;
import io.github.acmecertificate.core.exception.StoreException;

/**
 * Locks by name within this JVM: runs in one process (builds and the scheduled renewal on a
 * Jenkins controller, threads of one Maven build) that provision the same certificate or
 * account wait for each other here. Runs in other processes need a lock the store shares,
 * such as {@link FileStore}'s lock files.
 *
 * @since 0.1.0
 */
public final class NameLocks {

    private static final Map<String, Semaphore> LOCKS = new ConcurrentHashMap<>();

    private NameLocks() {
    }

    /**
     * Takes the lock for a key, waiting while another thread holds it.
     *
     * @param key         the lock's key
     * @param description what is locked, for messages
     * @param timeout     how long to wait
     * @param listener    told once when the wait begins
     * @return the held lock
     * @throws StoreException       if the lock is not free in time
     * @throws InterruptedException if interrupted while waiting
     */
    public static CertificateStore.Lock lock(String key, String description, Duration timeout,
            ProgressListener listener) throws StoreException, InterruptedException {
        var semaphore = LOCKS.computeIfAbsent(key, k -> new Semaphore(1));
        if (!semaphore.tryAcquire()) {
            listener.report(Stage.LOCK_WAIT, "Waiting for another run that is provisioning " + description);
            if (!semaphore.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new StoreException("Another run kept " + description + " locked for more than "
                        + timeout.toString().substring(2).toLowerCase(java.util.Locale.ROOT)
                        + ". Check for a stuck build, then run again", null);
            }
        }
        return semaphore::release;
    }
}
