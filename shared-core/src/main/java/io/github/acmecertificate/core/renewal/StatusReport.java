package io.github.acmecertificate.core.renewal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.github.acmecertificate.core.exception.StoreException;
import io.github.acmecertificate.core.store.CertificateMetadata;
import io.github.acmecertificate.core.store.CertificateStore;
import io.github.acmecertificate.core.store.RenewalState;

/**
 * Lists the managed certificates of a store and says which need attention, without any
 * network call: one past its renewal time, one expiring within the threshold (by default a
 * third of its lifetime), one whose last renewal failed, one revoked, one that cannot be read.
 * Meant for a cron job or a monitoring check, now that CAs no longer send expiry mail.
 *
 * @since 0.1.0
 */
public final class StatusReport {

    private final List<CertificateStatus> certificates;

    private StatusReport(List<CertificateStatus> certificates) {
        this.certificates = List.copyOf(certificates);
    }

    /**
     * Reads every certificate of a store.
     *
     * @param store     the store
     * @param now       the current time
     * @param threshold flag certificates that expire within this; empty for a third of each one's lifetime
     * @return the report
     * @throws StoreException if the store cannot be listed
     */
    public static StatusReport of(CertificateStore store, Instant now, Optional<Duration> threshold)
            throws StoreException {
        var policy = new RenewalPolicy(null, false);
        var list = new ArrayList<CertificateStatus>();
        for (var name : store.names()) {
            list.add(status(store, name, now, threshold, policy));
        }
        return new StatusReport(list);
    }

    private static CertificateStatus status(CertificateStore store, String name, Instant now,
            Optional<Duration> threshold, RenewalPolicy policy) {
        var problems = new ArrayList<String>();
        RenewalState loaded;
        try {
            loaded = store.loadState(name).orElse(RenewalState.NONE);
        } catch (StoreException ex) {
            loaded = RenewalState.NONE;
            problems.add(ex.getMessage());
        }
        var state = loaded;
        try {
            var bundle = store.load(name);
            if (bundle.isEmpty()) {
                problems.add("nothing is stored");
                return new CertificateStatus(name, List.of(), "", Optional.empty(), Optional.empty(), state.lastRun(),
                        state.lastResult(), state.lastError(), problems);
            }
            var certificate = bundle.get().certificate();
            var metadata = bundle.get().metadata();
            var id = metadata.ariCertificateId().or(() -> RenewalInfoCheck.certificateId(certificate));
            return status(metadata, id, state, problems, policy, now, threshold);
        } catch (StoreException ex) {
            problems.add("cannot be read: " + ex.getMessage());
            return new CertificateStatus(name, List.of(), "", Optional.empty(), Optional.empty(), state.lastRun(),
                    state.lastResult(), state.lastError(), problems);
        }
    }

    /**
     * Describes one stored certificate from its metadata and kept state, as {@link #of} does
     * for each certificate of a store: for front ends that keep their certificates elsewhere
     * (the Jenkins plugin's records), so that they show the same status. The renewal time is
     * the one a run decides ({@link RenewalPolicy#decide(Instant, Instant, Optional,
     * RenewalState, Instant)}): the CA's advice, the lifetime rule, or the back-off.
     *
     * @param metadata      the certificate's metadata
     * @param certificateId its renewal information identifier, if known
     * @param state         what runs remember about it
     * @param problems      problems already found (e.g. an unreadable state), kept first
     * @param policy        the renewal policy it is renewed under
     * @param now           the current time
     * @param threshold     flag it when it expires within this; empty for a third of its lifetime
     * @return the status
     * @since 0.1.0
     */
    public static CertificateStatus status(CertificateMetadata metadata, Optional<String> certificateId,
            RenewalState state, List<String> problems, RenewalPolicy policy, Instant now,
            Optional<Duration> threshold) {
        var found = new ArrayList<>(problems);
        var notBefore = metadata.notBefore();
        var notAfter = metadata.notAfter();
        var decision = policy.decide(notBefore, notAfter, certificateId, state, now);
        var renewAt = decision.dueAt();
        if (!now.isBefore(notAfter)) {
            found.add("expired at " + notAfter);
        } else {
            if (decision.due() && decision.reason() != RenewalDecision.Reason.REVOKED) {
                found.add("past its renewal time (" + renewAt.map(Instant::toString).orElse("now") + ")");
            }
            var limit = threshold.orElse(Duration.between(notBefore, notAfter).dividedBy(3));
            if (Duration.between(now, notAfter).compareTo(limit) < 0) {
                found.add("expires within " + limit);
            }
        }
        if (state.lastFailed()) {
            found.add("the last renewal failed" + (state.failures() > 1 ? " (" + state.failures() + " times)" : "")
                    + state.lastError().map(e -> ": " + e).orElse("")
                    + state.nextAttempt().map(t -> "; next attempt from " + t).orElse(""));
        }
        state.revokedAt().ifPresent(at -> found.add("revoked at " + at
                + state.revocationReason().map(r -> " (" + r + ")").orElse("")));
        return new CertificateStatus(metadata.name(), metadata.names(), metadata.ca(), Optional.of(notAfter), renewAt,
                state.lastRun(), state.lastResult(), state.lastError(), found);
    }

    /**
     * Returns every certificate, by name.
     *
     * @return the statuses
     */
    public List<CertificateStatus> certificates() {
        return certificates;
    }

    /**
     * Tells whether no certificate needs attention.
     *
     * @return true when all are healthy
     */
    public boolean healthy() {
        return certificates.stream().allMatch(CertificateStatus::healthy);
    }

    /**
     * Returns the certificates that need attention.
     *
     * @return the unhealthy statuses
     */
    public List<CertificateStatus> problems() {
        return certificates.stream().filter(c -> !c.healthy()).toList();
    }
}
