package io.github.acmecertificate.core;

import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.random.RandomGenerator;

import io.github.acmecertificate.core.account.AccountManager;
import io.github.acmecertificate.core.ca.ProfileCheck;
import io.github.acmecertificate.core.challenge.ChallengeSolver;
import io.github.acmecertificate.core.exception.AcmeProblemException;
import io.github.acmecertificate.core.exception.StoreException;
import io.github.acmecertificate.core.renewal.RenewalInfoCheck;
import io.github.acmecertificate.core.renewal.RenewalPolicy;
import io.github.acmecertificate.core.store.RenewalState;
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.connector.Resource;
import org.shredzone.acme4j.exception.AcmeException;
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
    /** How long a session to a CA is reused by later runs of the same provisioner. */
    public static final Duration SESSION_KEPT = Duration.ofMinutes(10);

    private final CertificateStore certificates;
    private final AccountStore accounts;
    private final Clock clock;
    private final RandomGenerator random = new SecureRandom();
    private final KeptSessions keptSessions = new KeptSessions();

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
        try (var solver = request.solver()) {
            return provision(request, listener, keptSessions);
        }
    }

    /**
     * Where a run gets its session and login: a run of its own opens a session, a fleet run
     * shares one session and account per CA among its certificates. The session is only
     * asked for when the CA is to be contacted, so a run that is not due opens none.
     */
    interface LoginSource {
        Session session(CertificateRequest request);

        Login login(CertificateRequest request, Session session, AccountManager accounts, ProgressListener listener)
                throws AcmeCertificateException;
    }

    /**
     * The sessions of this provisioner's runs, one per CA, kept from one run to the next: a
     * process that issues one certificate after another (a bench, a Jenkins controller)
     * reuses the HTTPS connection, the directory and the nonce instead of paying a TLS
     * handshake and two requests each time. A session is replaced after
     * {@link #SESSION_KEPT}, so a changed directory or trust store is picked up; the account
     * is looked up again on every run, as its key may have been rolled over meanwhile. The
     * JDK's HTTP client runs on daemon threads, so kept sessions never hold a JVM open.
     */
    private static final class KeptSessions implements LoginSource {
        private record Kept(Session session, long openedAt) {
        }

        private final Map<String, Kept> sessions = new ConcurrentHashMap<>();

        @Override
        public Session session(CertificateRequest request) {
            var now = System.nanoTime();
            return sessions.compute(request.ca().sessionKey(), (key, kept) ->
                    kept != null && now - kept.openedAt() < SESSION_KEPT.toNanos() ? kept
                            : new Kept(request.ca().openSession(NETWORK_TIMEOUT), now)).session();
        }

        @Override
        public Login login(CertificateRequest request, Session session, AccountManager accounts,
                ProgressListener listener) throws AcmeCertificateException {
            return accounts.login(request.ca(), session, request.account(), listener);
        }
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
            var quick = notDueFromMetadata(request, listener);
            if (quick.isPresent()) {
                return quick.get();
            }
            var existing = certificates.load(request.name());
            if (existing.isEmpty() && request.previousDefaultName().isPresent()) {
                existing = fromPreviousName(request, request.previousDefaultName().get(), listener);
            }
            var now = clock.instant();
            var state = certificates.loadState(request.name()).orElse(RenewalState.NONE);
            var decision = decide(request, existing, state, now);
            var askedCa = false;
            if (!decision.due() && decision.reason() == Reason.NOT_DUE && certificates.keepsState()) {
                var certificate = existing.get().certificate();
                var id = RenewalInfoCheck.certificateId(certificate);
                if (id.isPresent() && RenewalInfoCheck.due(state, id.get(), now)) {
                    var answer = RenewalInfoCheck.fetch(logins.session(request), certificate);
                    state = RenewalInfoCheck.record(state, id.get(), answer, now, random);
                    listener.report(answer instanceof RenewalInfoCheck.Failed ? Stage.WARNING : Stage.INFO,
                            RenewalInfoCheck.describe(answer, state));
                    askedCa = true;
                    decision = decide(request, existing, state, now);
                }
            }
            if (!decision.due()) {
                var bundle = existing.get();
                return notDue(request, bundle.metadata(), decision, state, now, askedCa, listener, () -> bundle);
            }
            existing.flatMap(b -> request.renewal().cappedWarning(b.metadata().notBefore(), b.metadata().notAfter()))
                    .ifPresent(warning -> listener.report(Stage.WARNING, "Certificate " + request.name() + ": "
                            + warning));
            listener.report(Stage.DUE, "Ordering a certificate for " + request.name() + ": " + decision.detail());
            try {
                return order(request, existing, state, logins, decision, solver, accountManager, listener);
            } catch (InvalidInputException ex) {
                throw ex;
            } catch (AcmeCertificateException ex) {
                var failures = state.failures() + 1;
                var next = now.plus(RenewalPolicy.backOffAfter(failures));
                if (ex instanceof AcmeProblemException problem && problem.retryAfter().isPresent()) {
                    // acme4j reads Retry-After against the system clock; keep the wait it asked for.
                    var asked = now.plus(Duration.between(Instant.now(), problem.retryAfter().get()));
                    if (asked.isAfter(next)) {
                        next = asked;
                    }
                }
                saveState(request.name(), state.withFailure(now, ex.getMessage(), next), listener);
                throw ex;
            }
        }
    }

    private ProvisionResult order(CertificateRequest request, Optional<CertificateBundle> existing,
            RenewalState state, LoginSource logins, RenewalDecision decision, ChallengeSolver solver,
            AccountManager accountManager, ProgressListener listener)
            throws AcmeCertificateException, InterruptedException {
        // A new key is generated while the CA is asked: the first key of a run costs tens of
        // milliseconds of class loading and prime search that need not wait on the network.
        var reused = request.csr().isPresent() ? null : reusableKey(request, existing);
        var newKey = request.csr().isPresent() || reused != null ? null
                : CompletableFuture.supplyAsync(request.keyType()::generate);
        var session = logins.session(request);
        if (request.profile().isPresent()) {
            // Before the account is touched: an unknown profile is a setting to fix, not a CA error.
            ProfileCheck.require(session, request.profile().get(), request.ca());
        }
        var login = logins.login(request, session, accountManager, listener);
        var key = request.csr().isPresent() ? null : reused != null ? reused : generated(request, newKey);
        if (key != null) {
            listener.report(Stage.FINALIZE, (reused != null ? "Reusing the stored " : "Generated a new ")
                    + request.keyType() + " key");
        }
        var process = new OrderProcess(login, Poller.standard(request.timeout()), listener);
        request.profile().ifPresent(profile -> {
            process.profile(profile);
            listener.report(Stage.ORDER, "Asking for the CA's '" + profile + "' profile");
        });
        var replaced = replaceable(request, existing, session);
        if (replaced.isPresent()) {
            process.replacing(replaced.get());
            listener.report(Stage.ORDER, "The new certificate replaces serial "
                    + replaced.get().getSerialNumber().toString(16) + " (sent to the CA as 'replaces')");
        }
        listener.report(Stage.CHALLENGE, "Answering challenges with " + solver.describe());
        var issued = process.run(request.names(), solver, key, request.csr().orElse(null),
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
                clock.instant(), leaf.getNotBefore().toInstant(), leaf.getNotAfter().toInstant(),
                Optional.of(request.profile().orElse("")), RenewalInfoCheck.certificateId(leaf));
        var bundle = new CertificateBundle(issued.chain(), key == null ? null : key.getPrivate(), metadata);
        certificates.save(bundle);
        var location = certificates.location(request.name());
        listener.report(Stage.STORED, "Stored certificate " + request.name() + " in " + location);
        var outcome = existing.isPresent() ? ProvisionResult.Outcome.RENEWED : ProvisionResult.Outcome.ISSUED;
        var now = clock.instant();
        var after = state.withResult(now, outcome == ProvisionResult.Outcome.ISSUED ? "issued" : "renewed");
        var id = RenewalInfoCheck.certificateId(leaf);
        if (id.isPresent()) {
            // The directory is already known, so this costs no request: a CA with renewal
            // information is asked again after the usual interval, one without it a day later.
            after = after.withRenewalInfo(id.get(), null, null, null, now.plus(offersRenewalInfo(session)
                    ? RenewalPolicy.RENEWAL_INFO_INTERVAL : RenewalPolicy.RENEWAL_INFO_ABSENT_INTERVAL));
        }
        saveState(request.name(), after, listener);
        return new ProvisionResult(outcome, bundle, decision, location);
    }

    /** The stored certificate, when the new one may name it in {@code replaces}: same CA, and the CA offers ARI. */
    private static Optional<X509Certificate> replaceable(CertificateRequest request,
            Optional<CertificateBundle> existing, Session session) {
        if (existing.isEmpty() || !request.ca().directoryUrl().toString().equals(existing.get().metadata().ca())
                || RenewalInfoCheck.certificateId(existing.get().certificate()).isEmpty()
                || !offersRenewalInfo(session)) {
            return Optional.empty();
        }
        return Optional.of(existing.get().certificate());
    }

    private static boolean offersRenewalInfo(Session session) {
        try {
            return session.resourceUrlOptional(Resource.RENEWAL_INFO).isPresent();
        } catch (AcmeException ex) {
            return false;
        }
    }

    /** Keeps the state; a store that cannot write it costs a warning, never the certificate. */
    private void saveState(String name, RenewalState state, ProgressListener listener) {
        try {
            certificates.saveState(name, state);
        } catch (StoreException ex) {
            listener.report(Stage.WARNING, ex.getMessage());
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
        return decide(request, certificates.load(request.name()),
                certificates.loadState(request.name()).orElse(RenewalState.NONE), clock.instant());
    }

    /**
     * The not-due path without parsing anything: when the store describes the certificate
     * (metadata and ARI identifier, see {@link CertificateStore#stored}), the kept renewal
     * advice is current and the decision is "not due", the run ends here having read two
     * small text files. Anything else (due, advice to fetch, a store that cannot tell) goes
     * the full way, which loads the certificate and decides again.
     */
    private Optional<ProvisionResult> notDueFromMetadata(CertificateRequest request, ProgressListener listener)
            throws AcmeCertificateException {
        if (request.renewal().forced()) {
            return Optional.empty();
        }
        var stored = certificates.stored(request.name());
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        var now = clock.instant();
        var state = certificates.loadState(request.name()).orElse(RenewalState.NONE);
        var id = stored.get().renewalInfoId();
        if (certificates.keepsState() && RenewalInfoCheck.due(state, id, now)) {
            return Optional.empty();
        }
        var metadata = stored.get().metadata();
        var decision = decide(request, metadata, metadata.notBefore(), metadata.notAfter(), Optional.of(id), state,
                now);
        if (decision.due()) {
            return Optional.empty();
        }
        return Optional.of(notDue(request, metadata, decision, state, now, false, listener,
                () -> certificates.load(request.name()).orElseThrow(() -> new StoreException("The certificate "
                        + request.name() + " is no longer in " + certificates.location(request.name())
                        + "; run again to issue it", null))));
    }

    private ProvisionResult notDue(CertificateRequest request, CertificateMetadata metadata, RenewalDecision decision,
            RenewalState state, Instant now, boolean askedCa, ProgressListener listener,
            ProvisionResult.BundleSource bundle) {
        request.renewal().cappedWarning(metadata.notBefore(), metadata.notAfter())
                .ifPresent(warning -> listener.report(Stage.WARNING, "Certificate " + request.name() + ": " + warning));
        saveState(request.name(), state.withResult(now, "not-due"), listener);
        listener.report(Stage.NOT_DUE, "Certificate " + request.name() + " is not due: " + decision.detail()
                + (askedCa ? ". Only the CA's renewal information was requested" : ". Nothing was sent to the CA"));
        return ProvisionResult.notDue(metadata, decision, certificates.location(request.name()), bundle);
    }

    private RenewalDecision decide(CertificateRequest request, Optional<CertificateBundle> existing,
            RenewalState state, Instant now) throws InvalidInputException {
        if (existing.isEmpty()) {
            return new RenewalDecision(true, Reason.NO_CERTIFICATE, Optional.empty(),
                    "no certificate is stored under " + request.name());
        }
        var certificate = existing.get().certificate();
        var stored = existing.get().metadata();
        return decide(request, stored, certificate.getNotBefore().toInstant(), certificate.getNotAfter().toInstant(),
                stored.ariCertificateId().or(() -> RenewalInfoCheck.certificateId(certificate)), state, now);
    }

    /** The one decision, from the stored facts, whether they come from the certificate or its metadata. */
    private RenewalDecision decide(CertificateRequest request, CertificateMetadata stored, Instant notBefore,
            Instant notAfter, Optional<String> renewalInfoId, RenewalState state, Instant now)
            throws InvalidInputException {
        var dueAt = Optional.of(request.renewal().dueAt(notBefore, notAfter));
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
            request.renewal().checkCaChange(request.name(), stored.ca(), ca);
            return new RenewalDecision(true, Reason.CA_CHANGED, dueAt, "the stored certificate comes from "
                    + stored.ca() + ", not from " + ca);
        }
        if (request.csr().isEmpty() && stored.keyType().isPresent()
                && !stored.keyType().get().equals(request.keyType().id())) {
            return new RenewalDecision(true, Reason.KEY_TYPE_CHANGED, dueAt, "the stored certificate has a "
                    + stored.keyType().get() + " key, not " + request.keyType().id());
        }
        var profile = request.profile().orElse("");
        if (stored.profile().isPresent() && !stored.profile().get().equals(profile)) {
            return new RenewalDecision(true, Reason.PROFILE_CHANGED, dueAt, "the stored certificate was ordered with "
                    + profileName(stored.profile().get()) + ", not " + profileName(profile));
        }
        return request.renewal().decide(notBefore, notAfter, renewalInfoId, state, now);
    }

    private static String profileName(String profile) {
        return profile.isEmpty() ? "the CA's default profile" : "the profile '" + profile + "'";
    }

    /**
     * Finds a certificate that an earlier version stored under the base name of its wildcard
     * (which the base name's own certificate shares), and keeps it under today's name: only
     * when it covers exactly the requested names, so another build's certificate is never
     * taken for this one.
     */
    private Optional<CertificateBundle> fromPreviousName(CertificateRequest request, String previous,
            ProgressListener listener) throws AcmeCertificateException {
        var found = certificates.load(previous);
        if (found.isEmpty() || !new HashSet<>(found.get().metadata().names()).equals(
                new HashSet<>(request.names().stream().map(SubjectName::value).toList()))) {
            return Optional.empty();
        }
        var old = found.get().metadata();
        var renamed = new CertificateBundle(found.get().chain(), found.get().privateKey().orElse(null),
                old.renamed(request.name()));
        certificates.save(renamed);
        listener.report(Stage.STORED, "Found certificate " + String.join(", ", old.names()) + " under its earlier "
                + "default name " + previous + "; it is kept as " + request.name() + " from now on, so that the "
                + "certificate of " + previous + " alone no longer replaces it");
        return certificates.load(request.name());
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
