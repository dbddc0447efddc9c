package io.github.acmecertificate.jenkins.status;

import java.time.Clock;
import java.util.ArrayList;

import io.github.acmecertificate.core.ca.CertificateAuthority;
import io.github.acmecertificate.core.event.ProgressEvent.Stage;
import io.github.acmecertificate.core.event.ProgressListener;
import io.github.acmecertificate.core.exception.AcmeCertificateException;
import io.github.acmecertificate.core.exception.InvalidInputException;
import io.github.acmecertificate.core.exception.InvalidInputException.Problem;
import io.github.acmecertificate.core.exception.StoreException;
import io.github.acmecertificate.core.order.CertificateRevoker;
import io.github.acmecertificate.core.order.CertificateRevoker.SigningKey;
import io.github.acmecertificate.core.order.RevocationReason;
import io.github.acmecertificate.jenkins.managed.LastRun;
import io.github.acmecertificate.jenkins.managed.ManagedCertificate;
import io.github.acmecertificate.jenkins.managed.ManagedCertificateRegistry;
import io.github.acmecertificate.jenkins.run.GlobalSettings;
import io.github.acmecertificate.jenkins.run.FormChecks;
import io.github.acmecertificate.jenkins.security.RunGuard;
import io.github.acmecertificate.core.store.credentials.CertificateCredentialMapper;
import io.github.acmecertificate.core.store.credentials.CredentialsAccountStore;
import io.github.acmecertificate.core.store.credentials.CredentialsBackend;
import io.github.acmecertificate.core.store.credentials.CredentialsCertificateStore;

/**
 * Revokes a certificate this plugin manages, from its credential, at the CA that issued it:
 * what the {@code acmeRevokeCertificate} step does, without Jenkins types.
 *
 * <p>Who may: the job the certificate is managed for, or a build running as an administrator
 * (as for stopping to manage it); and only a credential the build could use and that this
 * plugin wrote (as for replacing it). Everything is checked before the CA is contacted. The
 * revocation is recorded in the certificate's renewal state, so that the next run of its
 * {@code acmeCertificate} step replaces it at once and the status pages flag it until then,
 * and on its record's last run.
 *
 * @since 0.1.0
 */
public final class Revocation {

    /**
     * What the step asked for.
     *
     * @param credentialsId        the certificate credential
     * @param reason               the reason: a name, a code, or blank for unspecified
     * @param useCertificateKey    sign with the certificate's own key instead of the account's
     * @param server               the CA, or blank for the one the certificate came from
     * @param accountCredentialsId the account credential, or blank for the one recorded with the certificate
     */
    public record Request(String credentialsId, String reason, boolean useCertificateKey, String server,
            String accountCredentialsId) {
    }

    private final CredentialsBackend backend;
    private final ManagedCertificateRegistry registry;
    private final ManagedStates states;
    private final RunGuard guard;
    private final CertificateCredentialMapper mapper;
    private final Clock clock;

    /**
     * Creates a revocation for one build.
     *
     * @param backend  the credentials of the build's job, unguarded
     * @param registry the managed-certificate records
     * @param states   the renewal states
     * @param guard    what the build's authentication may do
     * @param fipsMode true when Jenkins runs in FIPS-140 mode
     * @param clock    the clock
     */
    public Revocation(CredentialsBackend backend, ManagedCertificateRegistry registry, ManagedStates states,
            RunGuard guard, boolean fipsMode, Clock clock) {
        this.backend = backend;
        this.registry = registry;
        this.states = states;
        this.guard = guard;
        this.mapper = new CertificateCredentialMapper(fipsMode);
        this.clock = clock;
    }

    /**
     * Revokes the certificate.
     *
     * @param request  what the step asked for
     * @param settings the global configuration (configured servers and their trust)
     * @param job      the full name of the job running the step
     * @param by       the build, for the record
     * @param listener where progress goes
     * @return a sentence for the build log
     * @throws AcmeCertificateException bad input, a refusal, or the CA's answer (the message says what to do)
     * @throws InterruptedException     if interrupted while waiting for the certificate's lock
     */
    public String revoke(Request request, GlobalSettings settings, String job, String by, ProgressListener listener)
            throws AcmeCertificateException, InterruptedException {
        var id = request.credentialsId() == null ? "" : request.credentialsId().strip();
        var problems = new ArrayList<Problem>();
        if (!FormChecks.isValidCredentialsId(id)) {
            problems.add(new Problem("credentialsId", id.isEmpty() ? "no credential id was given. Set credentialsId "
                    + "to the id of the certificate credential to revoke" : "'" + id + "' cannot be a credential id. "
                    + "Use letters, digits, '.', '-' and '_'"));
        }
        var account = request.accountCredentialsId() == null ? "" : request.accountCredentialsId().strip();
        if (!account.isEmpty() && !FormChecks.isValidCredentialsId(account)) {
            problems.add(new Problem("accountCredentialsId", "'" + account + "' cannot be a credential id. Use "
                    + "letters, digits, '.', '-' and '_'"));
        }
        RevocationReason reason = null;
        try {
            reason = RevocationReason.parse(request.reason());
        } catch (InvalidInputException ex) {
            problems.addAll(ex.problems());
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        var context = backend.contextOf(id);
        var record = registry.find(context, id).orElseThrow(() -> new InvalidInputException("credentialsId",
                "the credential '" + id + "' is not a certificate this plugin manages (" + backend.describe(id)
                        + "). Give the credentialsId of a certificate issued by acmeCertificate"));
        guard.rules().revoke(id, record.template().job(), job).require();
        guard.checkCertificateWritable(backend, id);

        var server = settings.resolve(request.server() == null || request.server().isBlank()
                ? record.template().certificate().server() : request.server());
        var ca = CertificateAuthority.ofPem(server.directory(), server.trustedRootPem());
        var certificates = states.around(new CredentialsCertificateStore(guard.certificates(backend), mapper,
                name -> registry.find(context, name).map(ManagedCertificate::metadata)), context);
        var accounts = new CredentialsAccountStore(guard.accounts(backend), account.isEmpty()
                ? record.template().certificate().account() : account);
        var key = request.useCertificateKey() ? SigningKey.CERTIFICATE : SigningKey.ACCOUNT;
        new CertificateRevoker(certificates, accounts, clock).revoke(id, ca, reason, key, listener);

        var message = "Revoked certificate " + id + " (serial " + record.serialNumber() + ", reason " + reason.id()
                + ", signed with the " + (key == SigningKey.CERTIFICATE ? "certificate's own key" : "account key")
                + "). The next run of its acmeCertificate step replaces it";
        try {
            registry.update(context, id, r -> r.withLastRun(new LastRun(clock.instant(), by, false, message)));
        } catch (StoreException ex) {
            listener.report(Stage.WARNING, "Could not record the revocation on the managed certificate: "
                    + ex.getMessage());
        }
        return message;
    }
}
