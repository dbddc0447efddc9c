package io.github.acmecertificate.core;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.acmecertificate.core.account.AccountManager;
import io.github.acmecertificate.core.ca.CertificateAuthority;
import io.github.acmecertificate.core.challenge.ChallengeSolver;
import io.github.acmecertificate.core.config.Values;
import io.github.acmecertificate.core.deploy.DeployReport;
import io.github.acmecertificate.core.event.ProgressListener;
import io.github.acmecertificate.core.exception.AcmeCertificateException;
import io.github.acmecertificate.core.exception.InvalidInputException;
import io.github.acmecertificate.core.exception.InvalidInputException.Problem;
import io.github.acmecertificate.core.store.AccountStore;
import io.github.acmecertificate.core.store.CertificateStore;
import io.github.acmecertificate.core.store.FileStore;
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.Session;

/**
 * Issues or renews many certificates in one run, a few at a time.
 *
 * <p>Each certificate goes through the same workflow as a run of its own
 * ({@link CertificateProvisioner}): a certificate that is not due costs no request. Those
 * that are due share one session and one account per CA, so the CA's directory is fetched
 * and the account looked up once per run, not once per certificate; up to
 * {@link #concurrency()} certificates are in flight at once, and key generation of one
 * overlaps the network waits of the others. A failure ends that certificate only: the run
 * goes on with the others and returns every outcome; callers fail at the end if any failed.
 *
 * <p>Requests that share a challenge solver (one built-in HTTP-01 server for all of them)
 * keep it open for the whole run; every solver is closed once, at the end.
 *
 * @since 0.1.0
 */
public final class FleetProvisioner {

    /** How many certificates are in flight at once unless told otherwise. */
    public static final int DEFAULT_CONCURRENCY = 8;

    /** The most certificates a front end lets run at once. */
    public static final int MAX_CONCURRENCY = 256;

    private final CertificateProvisioner provisioner;
    private final ConcurrentRuns runs;

    /**
     * Creates a fleet run over a file store with the default concurrency.
     *
     * @param store the store for both accounts and certificates
     */
    public FleetProvisioner(FileStore store) {
        this(store, store, Clock.systemUTC(), DEFAULT_CONCURRENCY);
    }

    /**
     * Creates a fleet run.
     *
     * @param certificates where certificates are kept
     * @param accounts     where accounts are kept
     * @param clock        the clock (for tests of the renewal decision)
     * @param concurrency  how many certificates are in flight at once, at least 1
     */
    public FleetProvisioner(CertificateStore certificates, AccountStore accounts, Clock clock, int concurrency) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1, not " + concurrency);
        }
        this.provisioner = new CertificateProvisioner(certificates, accounts, clock);
        this.runs = new ConcurrentRuns(concurrency);
    }

    /**
     * Checks a fleet before any network call: two certificates with the same name would
     * overwrite each other.
     *
     * @param requests the checked requests
     * @throws InvalidInputException naming the duplicated certificate name
     */
    public static void validate(List<CertificateRequest> requests) throws InvalidInputException {
        validateNames(requests.stream().map(CertificateRequest::name).toList(), requests.stream()
                .map(r -> String.join(", ", r.names().stream().map(Object::toString).toList())).toList(), "name");
    }

    /**
     * Checks the names of the certificates of one run before anything runs, as every front end
     * does: at least one certificate, each one named, and no name twice (two certificates would
     * replace each other).
     *
     * @param names   each certificate's name (Jenkins: its credential id), blank when it has none
     * @param domains each certificate's domains, to point out one that has no name
     * @param field   what the front end calls a certificate's name, for the messages
     * @throws InvalidInputException naming {@code certificates}, listing every problem
     */
    public static void validateNames(List<String> names, List<String> domains, String field)
            throws InvalidInputException {
        if (names.isEmpty()) {
            throw new InvalidInputException("certificates", "no certificate was given. Give at least one "
                    + "certificate, with its domains and its " + field);
        }
        var problems = new ArrayList<Problem>();
        var seen = new HashSet<String>();
        for (int i = 0; i < names.size(); i++) {
            var name = names.get(i);
            if (name.isEmpty()) {
                problems.add(new Problem("certificates", "certificate " + (i + 1) + " (" + (domains.get(i).isBlank()
                        ? "no domains" : domains.get(i)) + ") has no " + field + ". Give each certificate its own"));
            } else if (!seen.add(name)) {
                problems.add(new Problem("certificates", "two certificates have the " + field + " '" + name
                        + "'. Give each certificate its own " + field));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
    }

    /**
     * Reads a concurrency setting, as every front end does.
     *
     * @param field the setting's name, for the message
     * @param value the value as written; blank for {@value #DEFAULT_CONCURRENCY}
     * @return 1 to {@value #MAX_CONCURRENCY}
     * @throws InvalidInputException naming the field and the accepted range
     */
    public static int concurrency(String field, String value) throws InvalidInputException {
        var parsed = Values.integer(field, value, 1, MAX_CONCURRENCY);
        return parsed == null ? DEFAULT_CONCURRENCY : parsed;
    }

    /**
     * Returns how many certificates are in flight at once.
     *
     * @return the concurrency
     */
    public int concurrency() {
        return runs.concurrency();
    }

    /**
     * Issues or renews every requested certificate that is due.
     *
     * @param requests the checked requests, names unique
     * @param listener where to report progress; called from several threads, one event at a time
     * @return one outcome per request, in order
     * @throws InvalidInputException if the fleet itself is invalid (nothing was sent)
     * @throws InterruptedException  if interrupted; certificates in flight are interrupted too
     */
    public FleetResult provision(List<CertificateRequest> requests, ProgressListener listener)
            throws InvalidInputException, InterruptedException {
        validate(requests);
        var logins = new SharedLogins();
        try {
            var tasks = new LinkedHashMap<String, ConcurrentRuns.Task<CertificateRollout.Result>>();
            for (var request : requests) {
                // No deploy plan here: each outcome has an empty deployment.
                tasks.put(request.name(), log -> new CertificateRollout.Result(
                        provisioner.provision(request, log, logins), new DeployReport(List.of())));
            }
            return new FleetResult(runs.run(tasks, listener));
        } finally {
            closeSolvers(requests);
            logins.release();
        }
    }

    private static void closeSolvers(List<CertificateRequest> requests) {
        Map<ChallengeSolver, Boolean> solvers = new IdentityHashMap<>();
        for (var request : requests) {
            if (solvers.put(request.solver(), Boolean.TRUE) == null) {
                request.solver().close();
            }
        }
    }

    /** The wrapped listener sees one event at a time, whatever thread reports it. */
    private static final class SharedLogins implements CertificateProvisioner.LoginSource {
        private final Map<String, Session> sessions = new ConcurrentHashMap<>();
        private final Map<String, Object> locks = new ConcurrentHashMap<>();
        private final Map<String, Login> logins = new ConcurrentHashMap<>();

        private static String key(CertificateRequest request) {
            return request.ca().directoryUrl() + " " + request.ca().trustFile().map(Object::toString).orElse("");
        }

        @Override
        public Session session(CertificateRequest request) {
            return sessions.computeIfAbsent(key(request),
                    k -> request.ca().openSession(CertificateProvisioner.NETWORK_TIMEOUT));
        }

        @Override
        public Login login(CertificateRequest request, Session session, AccountManager accounts,
                ProgressListener listener) throws AcmeCertificateException {
            var key = key(request);
            var known = logins.get(key);
            if (known != null) {
                return known;
            }
            synchronized (locks.computeIfAbsent(key, k -> new Object())) {
                known = logins.get(key);
                if (known == null) {
                    known = accounts.login(request.ca(), session, request.account(), listener);
                    logins.put(key, known);
                }
                return known;
            }
        }

        void release() {
            logins.values().forEach(login -> CertificateAuthority.release(login.getSession()));
        }
    }
}
