package io.github.acmecertificate.core;

import java.security.KeyPair;
import java.time.Clock;
import java.util.ArrayList;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import io.github.acmecertificate.core.account.AccountManager;
import io.github.acmecertificate.core.ca.CertificateAuthority;
import io.github.acmecertificate.core.event.ProgressEvent.Stage;
import io.github.acmecertificate.core.event.ProgressListener;
import io.github.acmecertificate.core.exception.AcmeCertificateException;
import io.github.acmecertificate.core.exception.InvalidInputException;
import io.github.acmecertificate.core.key.KeyType;
import io.github.acmecertificate.core.name.SubjectName;
import io.github.acmecertificate.core.order.OrderProcess;
import io.github.acmecertificate.core.order.Poller;
import io.github.acmecertificate.core.renewal.RenewalDecision.Reason;
import io.github.acmecertificate.core.renewal.RenewalDecision;
import io.github.acmecertificate.core.store.AccountStore;
import io.github.acmecertificate.core.store.CertificateBundle;
import io.github.acmecertificate.core.store.CertificateMetadata;
import io.github.acmecertificate.core.store.CertificateStore;
import io.github.acmecertificate.core.store.FileStore;
import org.shredzone.acme4j.Login;

/**
 * Issues a certificate, or renews it when due: the one workflow behind every front end.
 *
 * <p>A run takes the certificate's lock, reads what is stored and decides whether a new
 * certificate is due. When it is not, the run ends there, having sent nothing to the CA.
 * Otherwise it finds or registers the account, orders the certificate, answers the
 * challenges, finalizes with a new (or the kept) key, downloads the chain and stores the
 * whole set atomically.
 *
 * <pre>{@code
 * var store = new FileStore(FileStore.defaultRoot());
 * var request = CertificateRequest.builder()
 *         .server("letsencrypt-staging")
 *         .acceptTermsOfService(true)
 *         .domains("example.com,www.example.com")
 *         .challenge(new Http01WebrootSolver(Path.of("/var/www/html")))
 *         .build();
 * var result = new CertificateProvisioner(store, store).provision(request, System.out::println);
 * }</pre>
 *
 * @since 0.1.0
 */
public final class CertificateProvisioner {

    /** How long a run waits for another run that holds the same certificate's lock. */
    public static final Duration LOCK_TIMEOUT = Duration.ofMinutes(30);
    /** The time-out of each HTTP request to the CA. */
    public static final Duration NETWORK_TIMEOUT = Duration.ofSeconds(30);

    private final CertificateStore certificates;
    private final AccountStore accounts;
    private final Clock clock;

    /**
     * Creates a provisioner over a file store.
     *
     * @param store the store for both accounts and certificates
     */
    public CertificateProvisioner(FileStore store) {
        this(store, store, Clock.systemUTC());
    }

    /**
     * Creates a provisioner.
     *
     * @param certificates where certificates are kept
     * @param accounts     where accounts are kept
     */
    public CertificateProvisioner(CertificateStore certificates, AccountStore accounts) {
        this(certificates, accounts, Clock.systemUTC());
    }

    /**
     * Creates a provisioner with a given clock (for tests of the renewal decision).
     *
     * @param certificates where certificates are kept
     * @param accounts     where accounts are kept
     * @param clock        the clock
     */
    public CertificateProvisioner(CertificateStore certificates, AccountStore accounts, Clock clock) {
        this.certificates = certificates;
        this.accounts = accounts;
        this.clock = clock;
    }

    /**
     * Issues or renews the requested certificate if it is due.
     *
     * @param request  the checked request
     * @param listener where to report progress
     * @return what was done, and the current certificate
     * @throws AcmeCertificateException if input, CA, challenge or store fail; the stored
     *                                  certificate is then unchanged
     * @throws InterruptedException     if interrupted while waiting
     */
    public ProvisionResult provision(CertificateRequest request, ProgressListener listener)
            throws AcmeCertificateException, InterruptedException {
        var opened = new ArrayList<Login>(1);
        try (var solver = request.solver()) {
            return provision(request, listener, (r, accounts, l) -> {
                var login = newLogin(r, accounts, l);
                opened.add(login);
                return login;
            });
        } finally {
            opened.forEach(login -> CertificateAuthority.release(login.getSession()));
        }
    }

    /**
     * How a run that is due gets its login: a run of its own opens a session, a fleet run
     * shares one session and account per CA among its certificates.
     */
    @FunctionalInterface
    interface LoginSource {
        Login login(CertificateRequest request, AccountManager accounts, ProgressListener listener)
                throws AcmeCertificateException;
    }

    static Login newLogin(CertificateRequest request, AccountManager accounts, ProgressListener listener)
            throws AcmeCertificateException {
        return accounts.login(request.ca(), request.ca().openSession(NETWORK_TIMEOUT), request.account(), listener);
    }

    /** The run itself; the caller owns (and closes) the request's solver. */
    ProvisionResult provision(CertificateRequest request, ProgressListener listener, LoginSource logins)
            throws AcmeCertificateException, InterruptedException {
        var accountManager = new AccountManager(accounts);
        if (!request.account().termsOfServiceAgreed() && !accountManager.hasAccount(request.ca())) {
            throw new InvalidInputException("acceptTermsOfService", "a new account must be registered with "
                    + request.ca() + ", which requires agreeing to its terms of service. Read them, then set "
                    + "acceptTermsOfService to true");
        }
        var solver = request.solver();
        try (var lock = certificates.lock(request.name(), LOCK_TIMEOUT, listener)) {
            var existing = certificates.load(request.name());
            var decision = decide(request, existing);
            if (!decision.due()) {
                listener.report(Stage.NOT_DUE, "Certificate " + request.name() + " is not due: " + decision.detail()
                        + ". Nothing was sent to the CA");
                return new ProvisionResult(ProvisionResult.Outcome.NOT_DUE, existing.get(), decision,
                        certificates.location(request.name()));
            }
            listener.report(Stage.DUE, "Ordering a certificate for " + request.name() + ": " + decision.detail());

            // A new key is generated while the account logs in: the first key of a run costs
            // tens of milliseconds of class loading and prime search that need not wait on the network.
            var reused = request.csr().isPresent() ? null : reusableKey(request, existing);
            var newKey = request.csr().isPresent() || reused != null ? null
                    : CompletableFuture.supplyAsync(request.keyType()::generate);
            var login = logins.login(request, accountManager, listener);
            var key = request.csr().isPresent() ? null : reused != null ? reused : generated(request, newKey);
            listener.report(Stage.FINALIZE, (reused != null ? "Reusing the stored " : "Generated a new ")
                    + request.keyType() + " key");
            listener.report(Stage.CHALLENGE, "Answering challenges with " + solver.describe());
            var issued = new OrderProcess(login, Poller.standard(request.timeout()), listener)
                    .run(request.names(), solver, key, request.csr().orElse(null),
                            request.preferredChain().orElse(null));

            var leaf = issued.chain().get(0);
            if (key != null && !Arrays.equals(leaf.getPublicKey().getEncoded(), key.getPublic().getEncoded())) {
                throw new AcmeCertificateException("The CA returned a certificate for another key than the one "
                        + "sent. Nothing was stored; run again, and report this to the CA if it persists");
            }
            var metadata = new CertificateMetadata(request.name(),
                    request.names().stream().map(SubjectName::value).toList(),
                    request.ca().directoryUrl().toString(),
                    request.csr().isPresent() ? Optional.empty() : Optional.of(request.keyType().id()),
                    Optional.of(login.getAccountLocation().toString()),
                    Optional.of(issued.orderUrl().toString()),
                    Optional.ofNullable(issued.certificateUrl()).map(Object::toString),
                    clock.instant(), leaf.getNotBefore().toInstant(), leaf.getNotAfter().toInstant());
            var bundle = new CertificateBundle(issued.chain(), key == null ? null : key.getPrivate(), metadata);
            certificates.save(bundle);
            var location = certificates.location(request.name());
            listener.report(Stage.STORED, "Stored certificate " + request.name() + " in " + location);
            var outcome = existing.isPresent() ? ProvisionResult.Outcome.RENEWED : ProvisionResult.Outcome.ISSUED;
            return new ProvisionResult(outcome, bundle, decision, location);
        }
    }

    /**
     * Decides, from the store alone and without any network call, whether the requested
     * certificate is due.
     *
     * @param request the checked request
     * @return the decision
     * @throws AcmeCertificateException if the store cannot be read
     */
    public RenewalDecision check(CertificateRequest request) throws AcmeCertificateException {
        return decide(request, certificates.load(request.name()));
    }

    private RenewalDecision decide(CertificateRequest request, Optional<CertificateBundle> existing) {
        if (existing.isEmpty()) {
            return new RenewalDecision(true, Reason.NO_CERTIFICATE, Optional.empty(),
                    "no certificate is stored under " + request.name());
        }
        var bundle = existing.get();
        var stored = bundle.metadata();
        var dueAt = Optional.of(request.renewal().dueAt(bundle.certificate()));
        if (request.renewal().forced()) {
            return new RenewalDecision(true, Reason.FORCED, dueAt, "renewal forced");
        }
        var wanted = new HashSet<>(request.names().stream().map(SubjectName::value).toList());
        if (!wanted.equals(new HashSet<>(stored.names()))) {
            return new RenewalDecision(true, Reason.NAMES_CHANGED, dueAt, "the stored certificate covers "
                    + String.join(", ", stored.names()) + ", not the names requested");
        }
        var ca = request.ca().directoryUrl().toString();
        if (!ca.equals(stored.ca())) {
            return new RenewalDecision(true, Reason.CA_CHANGED, dueAt, "the stored certificate comes from "
                    + stored.ca() + ", not from " + ca);
        }
        if (request.csr().isEmpty() && stored.keyType().isPresent()
                && !stored.keyType().get().equals(request.keyType().id())) {
            return new RenewalDecision(true, Reason.KEY_TYPE_CHANGED, dueAt, "the stored certificate has a "
                    + stored.keyType().get() + " key, not " + request.keyType().id());
        }
        return request.renewal().decide(bundle.certificate(), clock.instant(), Optional.empty());
    }

    private static KeyPair reusableKey(CertificateRequest request, Optional<CertificateBundle> existing) {
        if (request.reuseKey() && existing.isPresent() && existing.get().privateKey().isPresent()) {
            var publicKey = existing.get().certificate().getPublicKey();
            if (KeyType.of(publicKey).orElse(null) == request.keyType()) {
                return new KeyPair(publicKey, existing.get().privateKey().get());
            }
        }
        return null;
    }

    private static KeyPair generated(CertificateRequest request, CompletableFuture<KeyPair> pending)
            throws InterruptedException {
        try {
            return pending.get();
        } catch (ExecutionException ex) {
            // Key generation fails only when the JDK lacks the algorithm: say so as it would have.
            if (ex.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("Could not generate a " + request.keyType() + " key", ex.getCause());
        }
    }
}
