package io.github.acmecertificate.jenkins;

import java.time.Instant;
import java.util.List;

import hudson.Extension;
import hudson.model.AdministrativeMonitor;
import io.github.acmecertificate.core.exception.StoreException;
import io.github.acmecertificate.jenkins.managed.ManagedCertificate;
import io.github.acmecertificate.jenkins.status.ManagedStates;
import io.github.acmecertificate.jenkins.status.ManagedStatus;
import jenkins.model.Jenkins;
import org.kohsuke.stapler.HttpResponse;
import org.kohsuke.stapler.HttpResponses;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * Shows in Manage Jenkins every managed certificate that needs attention, as {@code acme:status}
 * reports it ({@link ManagedStatus}): past its renewal time, expiring within a third of its
 * lifetime, expired, revoked, or whose last renewal failed: a failed renewal is never silent.
 * Each can be dropped from management from there; all are listed under Manage Jenkins &gt;
 * ACME certificates.
 *
 * <p>Jenkins asks a monitor whether it is active on every page an administrator loads, so the
 * records are read once and kept; they are read again after each run of the step, each
 * renewal pass, and each change made through this plugin (a job deleted or renamed, a
 * certificate no longer managed).
 *
 * @since 0.1.0
 */
@Extension
public class AcmeCertificateMonitor extends AdministrativeMonitor {

    /** The records as last read; {@code null} until first needed. */
    private static volatile List<ManagedCertificate> records;

    /** Reads the records again, at the next look. */
    static void refresh() {
        records = null;
    }

    private static List<ManagedCertificate> records() {
        var current = records;
        if (current == null) {
            current = ManagedCertificates.registry().all();
            records = current;
        }
        return current;
    }

    @Override
    public String getDisplayName() {
        return "ACME certificates that need attention";
    }

    @Override
    public boolean isActivated() {
        return !getCertificates().isEmpty();
    }

    /**
     * Lists the certificates that need attention, soonest expiry first.
     *
     * @return the certificates
     */
    public List<ManagedStatus> getCertificates() {
        return unhealthy(Instant.now());
    }

    private static List<ManagedStatus> unhealthy(Instant now) {
        var cached = statuses;
        if (cached == null || cached.records() != records() || now.isAfter(cached.at().plusSeconds(60))) {
            // Asked on every page an administrator loads: the state files are read at most once a minute.
            var current = records();
            cached = new Statuses(current, now, ManagedStatus.of(current,
                    ManagedStates.beside(ManagedCertificates.registry()), now).stream()
                    .filter(s -> !s.isHealthy()).toList());
            statuses = cached;
        }
        return cached.unhealthy();
    }

    /** The statuses computed from a list of records, and when. */
    private record Statuses(List<ManagedCertificate> records, Instant at, List<ManagedStatus> unhealthy) {
    }

    /** The last statuses; {@code null} until first needed. */
    private static volatile Statuses statuses;

    /**
     * Stops managing a certificate: its record is removed, so the controller no longer renews
     * nor deploys it, this monitor no longer shows it, and another job may issue into the
     * credential. The credential itself is left as it is.
     *
     * @param context       the credential's store: empty for the global store, a folder's full name
     * @param credentialsId the credential's id
     * @return back to Manage Jenkins
     * @throws StoreException if the record cannot be removed
     */
    @POST
    public HttpResponse doStopManaging(@QueryParameter String context, @QueryParameter String credentialsId)
            throws StoreException {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        if (credentialsId != null && !credentialsId.isBlank()) {
            ManagedCertificates.registry().remove(context == null ? "" : context, credentialsId);
            refresh();
        }
        return HttpResponses.redirectViaContextPath("manage");
    }
}
