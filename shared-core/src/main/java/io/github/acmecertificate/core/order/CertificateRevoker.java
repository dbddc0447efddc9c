package io.github.acmecertificate.core.order;

import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;

import io.github.acmecertificate.core.ca.CertificateAuthority;
import io.github.acmecertificate.core.event.ProgressEvent.Stage;
import io.github.acmecertificate.core.event.ProgressListener;
import io.github.acmecertificate.core.exception.AcmeCertificateException;
import io.github.acmecertificate.core.exception.InvalidInputException;
import io.github.acmecertificate.core.exception.ProblemMapper;
import io.github.acmecertificate.core.store.AccountStore;
import io.github.acmecertificate.core.store.CertificateStore;
import io.github.acmecertificate.core.store.RenewalState;
import org.shredzone.acme4j.Certificate;
import org.shredzone.acme4j.exception.AcmeException;

/**
 * Revokes a stored certificate (RFC 8555 section 7.6), signed with the account key that
 * ordered it or with the certificate's own key (what to use when the account is lost), and
 * records the revocation in the certificate's state: the next issuance run then replaces it.
 *
 * @since 0.1.0
 */
public final class CertificateRevoker {

    /** Which key signs the revocation request. */
    public enum SigningKey {
        /** The account key stored for the CA. */
        ACCOUNT,
        /** The certificate's own private key. */
        CERTIFICATE;

        /**
         * Parses {@code account} or {@code certificate}.
         *
         * @param value the value as the user wrote it; blank for {@code account}
         * @return the key
         * @throws InvalidInputException naming {@code revokeWith}
         */
        public static SigningKey parse(String value) throws InvalidInputException {
            if (value == null || value.isBlank() || value.strip().equalsIgnoreCase("account")) {
                return ACCOUNT;
            }
            if (value.strip().equalsIgnoreCase("certificate")) {
                return CERTIFICATE;
            }
            throw new InvalidInputException("revokeWith", "'" + value + "' is not a key to sign with. Use account "
                    + "(the account that ordered it) or certificate (the certificate's own key)");
        }
    }

    private final CertificateStore certificates;
    private final AccountStore accounts;
    private final Clock clock;

    /**
     * Creates a revoker.
     *
     * @param certificates where the certificate is kept
     * @param accounts     where the account is kept
     * @param clock        the clock for the recorded time
     */
    public CertificateRevoker(CertificateStore certificates, AccountStore accounts, Clock clock) {
        this.certificates = certificates;
        this.accounts = accounts;
        this.clock = clock;
    }

    /**
     * Revokes the certificate stored under a name.
     *
     * @param name     the certificate's name
     * @param ca       the CA that issued it; {@code null} for the one recorded with it
     * @param reason   why
     * @param key      which key signs the request
     * @param listener where to report progress
     * @throws AcmeCertificateException if nothing is stored, the key is missing, or the CA refuses
     * @throws InterruptedException     if interrupted while waiting for the certificate's lock
     */
    public void revoke(String name, CertificateAuthority ca, RevocationReason reason, SigningKey key,
            ProgressListener listener) throws AcmeCertificateException, InterruptedException {
        try (var lock = certificates.lock(name, Duration.ofMinutes(5), listener)) {
            var bundle = certificates.load(name).orElseThrow(() -> new InvalidInputException("name",
                    "no certificate is stored under '" + name + "'. Give the name of a stored certificate"));
            var stored = bundle.metadata().ca();
            var authority = ca != null ? ca : CertificateAuthority.of(stored, null);
            if (!authority.directoryUrl().toString().equals(stored)) {
                throw new InvalidInputException("server", "certificate " + name + " was issued by " + stored + ", not "
                        + authority.directoryUrl() + ". Leave server empty, or set it to the CA that issued it");
            }
            var state = certificates.loadState(name).orElse(RenewalState.NONE);
            if (state.revokedAt().isPresent()) {
                throw new InvalidInputException("name", "certificate " + name + " was already revoked at "
                        + state.revokedAt().get() + " (" + state.revocationReason().orElse("unspecified")
                        + "). Run the issue goal to replace it");
            }
            var certificate = bundle.certificate();
            var session = authority.openSession(Duration.ofSeconds(30));
            try {
                if (key == SigningKey.CERTIFICATE) {
                    var privateKey = bundle.privateKey().orElseThrow(() -> new InvalidInputException("revokeWith",
                            "the store holds no private key for " + name + " (it was ordered with a CSR). Sign with "
                                    + "the account key instead"));
                    Certificate.revoke(session, new KeyPair(certificate.getPublicKey(), privateKey), certificate,
                            reason.toAcme());
                } else {
                    var account = accounts.loadAccount(authority.storeKey()).filter(a -> a.location().isPresent())
                            .orElseThrow(() -> new InvalidInputException("revokeWith", "no account with "
                                    + authority + " is stored. Sign with the certificate's own key instead"));
                    Certificate.revoke(session.login(account.location().get(), account.keyPair()), certificate,
                            reason.toAcme());
                }
            } catch (AcmeException ex) {
                throw ProblemMapper.map(ex, "revoking certificate " + name);
            }
            var serial = certificate.getSerialNumber().toString(16);
            listener.report(Stage.INFO, "Revoked certificate " + name + " (serial " + serial + ", reason "
                    + reason.id() + ")");
            certificates.saveState(name, state.withRevocation(clock.instant(), reason.id()));
        }
    }
}
