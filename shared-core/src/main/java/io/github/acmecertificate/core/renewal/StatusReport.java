package io.github.acmecertificate.core.renewal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.github.acmecertificate.core.exception.StoreException;
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
            var notAfter = certificate.getNotAfter().toInstant();
            var notBefore = certificate.getNotBefore().toInstant();
            var suggested = RenewalInfoCheck.certificateId(certificate)
                    .flatMap(id -> RenewalInfoCheck.suggestion(state, id));
            var decision = suggested.isPresent() ? policy.decide(certificate, now, suggested.get())
                    : policy.decide(certificate, now, Optional.empty());
            var renewAt = decision.dueAt();
            if (!now.isBefore(notAfter)) {
                problems.add("expired at " + notAfter);
            } else {
                if (decision.due()) {
                    problems.add("past its renewal time (" + renewAt.map(Instant::toString).orElse("now") + ")");
                }
                var limit = threshold.orElse(Duration.between(notBefore, notAfter).dividedBy(3));
                if (Duration.between(now, notAfter).compareTo(limit) < 0) {
                    problems.add("expires within " + limit);
                }
            }
            if (state.lastFailed()) {
                problems.add("the last renewal failed" + (state.failures() > 1 ? " (" + state.failures() + " times)" : "")
                        + state.lastError().map(e -> ": " + e).orElse("")
                        + state.nextAttempt().map(t -> "; next attempt from " + t).orElse(""));
            }
            state.revokedAt().ifPresent(at -> problems.add("revoked at " + at));
            return new CertificateStatus(name, metadata.names(), metadata.ca(), Optional.of(notAfter), renewAt,
                    state.lastRun(), state.lastResult(), state.lastError(), problems);
        } catch (StoreException ex) {
            problems.add("cannot be read: " + ex.getMessage());
            return new CertificateStatus(name, List.of(), "", Optional.empty(), Optional.empty(), state.lastRun(),
                    state.lastResult(), state.lastError(), problems);
        }
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
