package io.github.acmecertificate.core.account;

import java.time.Duration;

import io.github.acmecertificate.core.ca.CertificateAuthority;
import io.github.acmecertificate.core.event.ProgressEvent.Stage;
import io.github.acmecertificate.core.event.ProgressListener;
import io.github.acmecertificate.core.exception.AcmeCertificateException;
import io.github.acmecertificate.core.exception.ProblemMapper;
import io.github.acmecertificate.core.key.KeyType;
import io.github.acmecertificate.core.store.AccountRecord;
import io.github.acmecertificate.core.store.AccountStore;
import org.shredzone.acme4j.AccountBuilder;
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.exception.AcmeException;

/**
 * Finds or registers the ACME account for a CA.
 *
 * <p>The account key is generated once (EC P-256) and stored before the account is
 * registered, so a run killed right after registration still finds its account next time:
 * registering again with the same key returns the existing account (RFC 8555 section 7.3.1).
 *
 * @since 0.1.0
 */
public final class AccountManager {

    private static final Duration LOCK_TIMEOUT = Duration.ofMinutes(10);

    private final AccountStore store;

    /**
     * Creates a manager.
     *
     * @param store where account keys and locations are kept
     */
    public AccountManager(AccountStore store) {
        this.store = store;
    }

    /**
     * Tells whether an account for the CA is already stored, which a run can check without
     * any network call (a stored account has agreed to the terms already).
     *
     * @param ca the CA
     * @return true if an account key is stored
     * @throws AcmeCertificateException if the store cannot be read
     */
    public boolean hasAccount(CertificateAuthority ca) throws AcmeCertificateException {
        return store.loadAccount(ca.storeKey()).isPresent();
    }

    /**
     * Logs in to the account for the CA, registering it first if needed.
     *
     * @param ca       the CA
     * @param session  an open session to the CA
     * @param options  contact, terms agreement and external account binding
     * @param listener where to report progress
     * @return the login
     * @throws AcmeCertificateException if the CA refuses, or the store fails
     */
    public Login login(CertificateAuthority ca, Session session, AccountOptions options, ProgressListener listener)
            throws AcmeCertificateException {
        // Under the CA's account lock: a second first run waits and then uses this one's account.
        try (var lock = store.lockAccount(ca.storeKey(), LOCK_TIMEOUT, listener)) {
            return loginLocked(ca, session, options, listener);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new AcmeCertificateException("Interrupted while waiting for another run that registers the "
                    + "account with " + ca, ex);
        }
    }

    private Login loginLocked(CertificateAuthority ca, Session session, AccountOptions options,
            ProgressListener listener) throws AcmeCertificateException {
        var stored = store.loadAccount(ca.storeKey());
        if (stored.isPresent() && stored.get().location().isPresent()) {
            var location = stored.get().location().get();
            listener.report(Stage.ACCOUNT, "Using account " + location);
            return session.login(location, stored.get().keyPair());
        }
        var keyPair = stored.map(AccountRecord::keyPair).orElse(null);
        if (keyPair == null) {
            keyPair = KeyType.EC_P256.generate();
            store.saveAccount(ca.storeKey(), new AccountRecord(keyPair, null));
        }
        try {
            var builder = new AccountBuilder().useKeyPair(keyPair);
            if (options.termsOfServiceAgreed()) {
                builder.agreeToTermsOfService();
            }
            options.email().ifPresent(builder::addEmail);
            if (options.externalAccountBinding().isPresent()) {
                var eab = options.externalAccountBinding().get();
                builder.withKeyIdentifier(eab.keyId(), eab.hmacKey());
            }
            var login = builder.createLogin(session);
            store.saveAccount(ca.storeKey(), new AccountRecord(keyPair, login.getAccountLocation()));
            listener.report(Stage.ACCOUNT, "Registered account " + login.getAccountLocation() + " with " + ca);
            return login;
        } catch (AcmeException ex) {
            throw ProblemMapper.map(ex, "registering the account with " + ca);
        }
    }
}
