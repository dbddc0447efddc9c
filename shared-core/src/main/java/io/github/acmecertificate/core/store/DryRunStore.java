package io.github.acmecertificate.core.store;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.github.acmecertificate.core.event.ProgressListener;
import io.github.acmecertificate.core.exception.StoreException;

/**
 * A view of a store for a dry run (certbot's {@code renew --dry-run}): it reads what the real
 * store keeps (the account, so the dry run uses the account a real run would), and keeps
 * whatever the run writes (a new account, the new certificate) in memory only, so that the
 * whole exchange with the CA runs and nothing on disk changes.
 *
 * @since 0.1.0
 */
public final class DryRunStore implements CertificateStore, AccountStore {

    /** What {@link #location(String)} says instead of a place on disk. */
    public static final String LOCATION = "memory only (dry run: nothing was written)";

    private final CertificateStore certificates;
    private final AccountStore accounts;
    private final Map<String, CertificateBundle> keptCertificates = new ConcurrentHashMap<>();
    private final Map<String, AccountRecord> keptAccounts = new ConcurrentHashMap<>();

    /**
     * Creates a view over a store that keeps both certificates and accounts.
     *
     * @param store the real store, only read
     * @param <S>   a store of both kinds, such as {@link FileStore}
     */
    public <S extends CertificateStore & AccountStore> DryRunStore(S store) {
        this.certificates = store;
        this.accounts = store;
    }

    @Override
    public Optional<CertificateBundle> load(String name) throws StoreException {
        var kept = keptCertificates.get(name);
        return kept != null ? Optional.of(kept) : certificates.load(name);
    }

    @Override
    public void save(CertificateBundle bundle) {
        keptCertificates.put(bundle.metadata().name(), bundle);
    }

    /** A dry run writes nothing, so it need not wait for a real run that holds the name. */
    @Override
    public Lock lock(String name, Duration timeout, ProgressListener listener) {
        return () -> { };
    }

    @Override
    public String location(String name) {
        return LOCATION;
    }

    @Override
    public Optional<AccountRecord> loadAccount(String caKey) throws StoreException {
        var kept = keptAccounts.get(caKey);
        return kept != null ? Optional.of(kept) : accounts.loadAccount(caKey);
    }

    @Override
    public void saveAccount(String caKey, AccountRecord account) {
        keptAccounts.put(caKey, account);
    }
}
