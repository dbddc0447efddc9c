package io.github.acmecertificate.jenkins.status;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.github.acmecertificate.core.config.Values;
import io.github.acmecertificate.core.exception.InvalidInputException;
import io.github.acmecertificate.core.exception.StoreException;
import io.github.acmecertificate.core.renewal.CertificateStatus;
import io.github.acmecertificate.core.renewal.RenewalDecision;
import io.github.acmecertificate.core.renewal.RenewalInfoCheck;
import io.github.acmecertificate.core.renewal.RenewalPolicy;
import io.github.acmecertificate.core.renewal.StatusReport;
import io.github.acmecertificate.core.store.RenewalState;
import io.github.acmecertificate.jenkins.managed.ManagedCertificate;

/**
 * One managed certificate as the certificates page and the administrative monitor show it:
 * the same status {@code acme:status} prints ({@link StatusReport#status}), decided the way a
 * run decides (the CA's renewal advice, the lifetime rule, back-off, revocation), from the
 * record and the state kept beside it, with no credential read and no network call.
 *
 * @since 0.1.0
 */
public final class ManagedStatus {

    private final ManagedCertificate record;
    private final CertificateStatus status;

    private ManagedStatus(ManagedCertificate record, CertificateStatus status) {
        this.record = record;
        this.status = status;
    }

    /**
     * Describes every record.
     *
     * @param records the managed-certificate records
     * @param states  the states kept beside them
     * @param now     the current time
     * @return one status per record, in the records' order
     */
    public static List<ManagedStatus> of(List<ManagedCertificate> records, ManagedStates states, Instant now) {
        var list = new ArrayList<ManagedStatus>(records.size());
        for (var record : records) {
            list.add(of(record, states, now));
        }
        return list;
    }

    /**
     * Describes one record.
     *
     * @param record the record
     * @param states the states kept beside the records
     * @param now    the current time
     * @return its status
     */
    public static ManagedStatus of(ManagedCertificate record, ManagedStates states, Instant now) {
        var problems = new ArrayList<String>();
        var state = RenewalState.NONE;
        try {
            state = states.load(record.context(), record.credentialsId()).orElse(RenewalState.NONE);
        } catch (StoreException ex) {
            problems.add(ex.getMessage());
        }
        var id = state.ariCertificateId().filter(ari -> RenewalInfoCheck.identifiesSerial(ari, record.serialNumber()));
        var last = record.lastRun();
        if (last.failed() && !state.lastFailed()) {
            // A failure the core never saw (a refusal before the run, say) is still one to show.
            problems.add("the last run failed (" + last.by() + ", " + last.at() + "): " + last.message());
        }
        return new ManagedStatus(record, StatusReport.status(record.metadata(), id, state, problems, policy(record),
                now, Optional.empty()));
    }

    /**
     * Decides whether a managed certificate is due, as a run of its step would once its
     * settings match: for the scheduled renewal, which only starts a run for those due.
     *
     * @param record the record
     * @param states the states kept beside the records
     * @param now    the current time
     * @return the decision
     */
    public static RenewalDecision decide(ManagedCertificate record, ManagedStates states, Instant now) {
        RenewalState state;
        try {
            state = states.load(record.context(), record.credentialsId()).orElse(RenewalState.NONE);
        } catch (StoreException ex) {
            // An unreadable state costs its advice, not the renewal: the dates still decide.
            state = RenewalState.NONE;
        }
        var id = state.ariCertificateId().filter(ari -> RenewalInfoCheck.identifiesSerial(ari, record.serialNumber()));
        return policy(record).decide(record.metadata().notBefore(), record.metadata().notAfter(), id, state, now);
    }

    /** The policy the record is renewed under: its renewBefore, or the lifetime rule. */
    private static RenewalPolicy policy(ManagedCertificate record) {
        var renewBefore = record.template().certificate().renewBefore();
        if (renewBefore.isBlank()) {
            return new RenewalPolicy(null, false);
        }
        try {
            return new RenewalPolicy(Values.duration("renewBefore", renewBefore), false);
        } catch (InvalidInputException | IllegalArgumentException ex) {
            return new RenewalPolicy(null, false);
        }
    }

    /**
     * Returns the core's status.
     *
     * @return the status
     */
    public CertificateStatus status() {
        return status;
    }

    /**
     * Returns the record.
     *
     * @return the record
     */
    public ManagedCertificate record() {
        return record;
    }

    /**
     * Returns the credential's id.
     *
     * @return the id
     */
    public String getCredentialsId() {
        return record.credentialsId();
    }

    /**
     * Returns the credentials store, as the record names it: empty for the global store.
     *
     * @return the store's key
     */
    public String getContext() {
        return record.context();
    }

    /**
     * Returns where the credential is kept.
     *
     * @return {@code Jenkins (global)} or {@code folder <name>}
     */
    public String getStore() {
        return record.context().isEmpty() ? "Jenkins (global)" : "folder " + record.context();
    }

    /**
     * Returns the job the certificate is managed for.
     *
     * @return the job's full name, possibly empty
     */
    public String getJob() {
        return record.template().job();
    }

    /**
     * Returns the names covered.
     *
     * @return comma-separated names
     */
    public String getNames() {
        return String.join(", ", status.names());
    }

    /**
     * Returns the CA's directory URL.
     *
     * @return the URL
     */
    public String getCa() {
        return status.ca();
    }

    /**
     * Returns the end of validity.
     *
     * @return an ISO-8601 instant
     */
    public String getNotAfter() {
        return status.notAfter().map(Instant::toString).orElse("");
    }

    /**
     * Returns when the certificate is next due for renewal (the CA's chosen time, the lifetime
     * rule, or the end of a back-off).
     *
     * @return an ISO-8601 instant, or empty
     */
    public String getRenewAt() {
        return status.renewAt().map(Instant::toString).orElse("");
    }

    /**
     * Describes the last run: when, by whom, and what it did.
     *
     * @return e.g. {@code 2026-11-28T06:00:00Z, team/site #12: Renewed ...}
     */
    public String getLastRun() {
        var last = record.lastRun();
        return last.at() + (last.by().isEmpty() ? "" : ", " + last.by()) + ": " + (last.failed() ? "failed: " : "")
                + last.message();
    }

    /**
     * Says what needs attention.
     *
     * @return the problems, separated by semicolons; empty when all is well
     */
    public String getProblems() {
        return String.join("; ", status.problems());
    }

    /**
     * Tells whether nothing needs attention.
     *
     * @return true when healthy
     */
    public boolean isHealthy() {
        return status.healthy();
    }

    /**
     * Formats the status as {@code acme:status} prints it.
     *
     * @return one line
     */
    public String getLine() {
        return status.line();
    }
}
