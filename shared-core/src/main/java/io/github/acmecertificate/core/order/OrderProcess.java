package io.github.acmecertificate.core.order;

import java.security.KeyPair;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import io.github.acmecertificate.core.challenge.ChallengeSolver;
import io.github.acmecertificate.core.challenge.ChallengeTask;
import io.github.acmecertificate.core.event.ProgressEvent.Stage;
import io.github.acmecertificate.core.event.ProgressListener;
import io.github.acmecertificate.core.exception.AcmeCertificateException;
import io.github.acmecertificate.core.exception.AcmeProblemException.Kind;
import io.github.acmecertificate.core.exception.AcmeProblemException;
import io.github.acmecertificate.core.exception.ProblemMapper;
import io.github.acmecertificate.core.name.SubjectName;
import io.github.acmecertificate.core.name.SubjectNames;
import org.shredzone.acme4j.Authorization;
import org.shredzone.acme4j.Certificate;
import org.shredzone.acme4j.Identifier;
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.challenge.Challenge;
import org.shredzone.acme4j.challenge.TokenChallenge;
import org.shredzone.acme4j.exception.AcmeException;

/**
 * Runs one ACME order from creation to the downloaded chain: authorizations, challenges
 * through a {@link ChallengeSolver}, finalization with a CSR, and the choice of chain.
 *
 * @since 0.1.0
 */
public final class OrderProcess {

    /** A pending challenge together with what the solver was given. */
    private record Pending(Challenge challenge, ChallengeTask task) {
    }

    private final Login login;
    private final Poller poller;
    private final ProgressListener listener;
    private java.security.cert.X509Certificate replaces;
    private String profile;

    /**
     * Creates a process.
     *
     * @param login    the account's login
     * @param poller   how to wait for the CA
     * @param listener where to report progress
     */
    public OrderProcess(Login login, Poller poller, ProgressListener listener) {
        this.login = login;
        this.poller = poller;
        this.listener = listener;
    }

    /**
     * Tells the CA that the new certificate replaces this one (RFC 9773 {@code replaces}),
     * which lets it relax rate limits and track the renewal. Only for a CA that offers
     * renewal information, and a certificate it issued.
     *
     * @param certificate the certificate being replaced, or {@code null}
     * @return this
     */
    public OrderProcess replacing(java.security.cert.X509Certificate certificate) {
        this.replaces = certificate;
        return this;
    }

    /**
     * Asks for a certificate profile the CA offers (e.g. {@code tlsserver}, {@code shortlived}).
     *
     * @param name the profile, or {@code null} for the CA's default
     * @return this
     */
    public OrderProcess profile(String name) {
        this.profile = name;
        return this;
    }

    /**
     * Orders a certificate.
     *
     * @param names          the names to cover
     * @param solver         answers the challenges
     * @param domainKey      the certificate's key pair; {@code null} when {@code csr} is given
     * @param csr            a DER-encoded CSR supplied by the user, or {@code null}
     * @param preferredChain the common name of a preferred issuer, or {@code null}
     * @return the order's result
     * @throws AcmeCertificateException if the CA refuses or a challenge fails
     * @throws InterruptedException     if interrupted while waiting
     */
    public IssuedOrder run(List<SubjectName> names, ChallengeSolver solver, KeyPair domainKey, byte[] csr,
            String preferredChain) throws AcmeCertificateException, InterruptedException {
        var order = createOrder(names);
        // Once its challenges are valid the order is most likely ready: ask at once.
        boolean validated = authorize(order, solver);
        awaitOrder(order, EnumSet.of(Status.READY, Status.VALID, Status.INVALID), "the order to become ready",
                validated);
        if (order.getStatus() == Status.READY) {
            finalizeOrder(order, domainKey, csr);
        }
        return download(order, preferredChain);
    }

    private Order createOrder(List<SubjectName> names) throws AcmeCertificateException {
        var identifiers = names.stream()
                .map(n -> n.type() == SubjectName.Type.IP ? Identifier.ip(n.value()) : Identifier.dns(n.value()))
                .toList();
        try {
            var builder = login.newOrder().identifiers(identifiers);
            if (replaces != null) {
                builder.replaces(replaces);
            }
            if (profile != null) {
                builder.profile(profile);
            }
            var order = builder.create();
            listener.report(Stage.ORDER, "Created order " + order.getLocation() + " for " + SubjectNames.format(names)
                    + " (" + status(order.getStatus()) + ")");
            return order;
        } catch (AcmeException ex) {
            throw ProblemMapper.map(ex, "creating the order for " + SubjectNames.format(names));
        }
    }

    /** Answers the pending challenges; tells whether there were any. */
    private boolean authorize(Order order, ChallengeSolver solver) throws AcmeCertificateException, InterruptedException {
        var pending = new ArrayList<Pending>();
        try {
            for (var authorization : order.getAuthorizations()) {
                var challenge = pendingChallenge(authorization, solver);
                if (challenge.isEmpty()) {
                    continue;
                }
                var task = task(authorization, challenge.get());
                solver.prepare(task, listener);
                pending.add(new Pending(challenge.get(), task));
                listener.report(Stage.CHALLENGE, "Prepared " + task);
            }
            if (pending.isEmpty()) {
                return false;
            }
            solver.awaitReady(pending.stream().map(Pending::task).toList(), listener);
            for (var p : pending) {
                trigger(p);
            }
            // The CA validates them all at once: while the first is awaited the others finish,
            // so they are asked about at once rather than after a first interval.
            boolean first = true;
            for (var p : pending) {
                awaitChallenge(p, !first);
                first = false;
            }
            return true;
        } catch (AcmeException ex) {
            throw ProblemMapper.map(ex, "authorizing the order");
        } finally {
            cleanUp(pending, solver);
        }
    }

    private Optional<Challenge> pendingChallenge(Authorization authorization, ChallengeSolver solver)
            throws AcmeException, AcmeCertificateException {
        var name = (authorization.isWildcard() ? "*." : "") + authorization.getIdentifier().getValue();
        var status = authorization.getStatus();
        if (status == Status.VALID) {
            listener.report(Stage.AUTHORIZATION, "Authorization for " + name + " is already valid");
            return Optional.empty();
        }
        if (status != Status.PENDING) {
            var detail = authorization.getChallenges().stream()
                    .map(Challenge::getError).flatMap(Optional::stream).findFirst();
            if (detail.isPresent()) {
                throw ProblemMapper.fromProblem(detail.get(), "the authorization for " + name, null, null);
            }
            throw new AcmeProblemException(Kind.UNAUTHORIZED, "The authorization for " + name + " is "
                    + status(status) + " and cannot be completed. Run again to start a new order", null, null);
        }
        Optional<Challenge> challenge = authorization.findChallenge(solver.challengeType());
        if (challenge.isEmpty()) {
            var offered = authorization.getChallenges().stream().map(Challenge::getType)
                    .collect(Collectors.joining(", "));
            throw new AcmeProblemException(Kind.OTHER, "The CA offers no " + solver.challengeType() + " challenge for "
                    + name + " (it offers " + offered + "). Choose one of those with the challenge setting",
                    null, null);
        }
        listener.report(Stage.AUTHORIZATION, "Authorization for " + name + " needs " + solver.challengeType());
        return challenge;
    }

    private static ChallengeTask task(Authorization authorization, Challenge challenge) {
        var token = challenge instanceof TokenChallenge tokenChallenge
                ? tokenChallenge.getJSON().get("token").asString() : "";
        var keyAuthorization = challenge instanceof TokenChallenge tokenChallenge
                ? tokenChallenge.getAuthorization() : "";
        return new ChallengeTask(challenge.getType(), authorization.getIdentifier().getValue(),
                authorization.isWildcard(), token, keyAuthorization);
    }

    private void trigger(Pending p) throws AcmeException {
        if (p.challenge().getStatus() == Status.PENDING) {
            p.challenge().trigger();
        }
        listener.report(Stage.CHALLENGE, "Asked the CA to validate " + p.task());
    }

    private void awaitChallenge(Pending p, boolean fresh)
            throws AcmeException, AcmeCertificateException, InterruptedException {
        var challenge = p.challenge();
        var what = p.task() + " to be validated";
        var until = EnumSet.of(Status.VALID, Status.INVALID);
        if (fresh) {
            poller.awaitFresh(what, target(challenge), until);
        } else {
            poller.await(what, target(challenge), until);
        }
        if (challenge.getStatus() == Status.INVALID) {
            var problem = challenge.getError();
            if (problem.isPresent()) {
                throw ProblemMapper.fromProblem(problem.get(), "to validate " + p.task(), null, null);
            }
            throw new AcmeProblemException(Kind.CHALLENGE_FAILED, "The CA could not validate " + p.task()
                    + " and gave no reason. Check that the challenge answer is reachable", null, null);
        }
        listener.report(Stage.CHALLENGE, "Validated " + p.task());
    }

    private void cleanUp(List<Pending> pending, ChallengeSolver solver) {
        for (var p : pending) {
            try {
                solver.cleanUp(p.task(), listener);
            } catch (AcmeCertificateException | RuntimeException ex) {
                listener.report(Stage.WARNING, "Could not clean up " + p.task() + ": " + ex.getMessage());
            }
        }
    }

    private void finalizeOrder(Order order, KeyPair domainKey, byte[] csr)
            throws AcmeCertificateException, InterruptedException {
        try {
            if (csr != null) {
                listener.report(Stage.FINALIZE, "Finalizing the order with the supplied CSR");
                order.execute(csr);
            } else {
                listener.report(Stage.FINALIZE, "Finalizing the order");
                order.execute(domainKey);
            }
        } catch (AcmeException ex) {
            throw ProblemMapper.map(ex, "finalizing the order");
        }
        awaitOrder(order, EnumSet.of(Status.VALID, Status.INVALID), "the certificate to be issued", false);
    }

    private void awaitOrder(Order order, EnumSet<Status> until, String what, boolean fresh)
            throws AcmeCertificateException, InterruptedException {
        try {
            if (fresh) {
                poller.awaitFresh(what, target(order), until);
            } else {
                poller.await(what, target(order), until);
            }
        } catch (AcmeException ex) {
            throw ProblemMapper.map(ex, "waiting for " + what);
        }
        if (order.getStatus() == Status.INVALID) {
            var problem = order.getError();
            if (problem.isPresent()) {
                throw ProblemMapper.fromProblem(problem.get(), "the order", null, null);
            }
            throw new AcmeProblemException(Kind.OTHER, "The CA marked the order " + order.getLocation()
                    + " invalid without a reason. Run again to start a new order", null, null);
        }
        listener.report(Stage.ORDER, "Order is " + status(order.getStatus()));
    }

    private IssuedOrder download(Order order, String preferredChain) throws AcmeCertificateException {
        try {
            Certificate certificate = order.getCertificate();
            certificate.download();
            var chosen = certificate;
            if (preferredChain != null && !preferredChain.isBlank()) {
                chosen = choose(certificate, preferredChain.strip());
            }
            var chain = chosen.getCertificateChain();
            listener.report(Stage.DOWNLOAD, "Downloaded certificate " + chosen.getLocation() + " (serial "
                    + chain.get(0).getSerialNumber().toString(16) + ", valid until "
                    + chain.get(0).getNotAfter().toInstant() + ")");
            return new IssuedOrder(order.getLocation(), chosen.getLocation(), chain);
        } catch (AcmeException ex) {
            throw ProblemMapper.map(ex, "downloading the certificate");
        }
    }

    private Certificate choose(Certificate certificate, String issuerCn) throws AcmeException {
        var candidates = new ArrayList<Certificate>();
        candidates.add(certificate);
        candidates.addAll(certificate.getAlternateCertificates());
        var chains = new ArrayList<List<java.security.cert.X509Certificate>>();
        for (var candidate : candidates) {
            candidate.download();
            chains.add(candidate.getCertificateChain());
        }
        var index = ChainSelector.select(chains, issuerCn);
        if (index.isEmpty()) {
            listener.report(Stage.WARNING, "No chain offered by the CA has an issuer named '" + issuerCn
                    + "'; using the default chain");
            return certificate;
        }
        listener.report(Stage.DOWNLOAD, "Chose the chain issued by " + issuerCn);
        return candidates.get(index.get());
    }

    private static Poller.Target target(Order order) {
        return new Poller.Target() {
            @Override
            public Optional<java.time.Instant> refresh() throws AcmeException {
                return order.fetch();
            }

            @Override
            public Status status() {
                return order.getStatus();
            }
        };
    }

    private static Poller.Target target(Challenge challenge) {
        return new Poller.Target() {
            @Override
            public Optional<java.time.Instant> refresh() throws AcmeException {
                return challenge.fetch();
            }

            @Override
            public Status status() {
                return challenge.getStatus();
            }
        };
    }

    private static String status(Status status) {
        return status.name().toLowerCase(java.util.Locale.ROOT);
    }
}
