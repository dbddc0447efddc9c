package io.github.acmecertificate.jenkins.managed;

import java.time.Instant;
import java.util.List;

/**
 * A managed certificate that needs attention, as the administrative monitor lists it.
 *
 * @since 0.1.0
 */
public final class Attention {

    private final ManagedCertificate certificate;
    private final Health health;

    private Attention(ManagedCertificate certificate, Health health) {
        this.certificate = certificate;
        this.health = health;
    }

    /**
     * Picks the certificates that are not OK.
     *
     * @param records the records
     * @param now     the time
     * @return those failed, expired or expiring, in the given order
     */
    public static List<Attention> list(List<ManagedCertificate> records, Instant now) {
        return records.stream().map(r -> new Attention(r, r.health(now))).filter(a -> a.health != Health.OK).toList();
    }

    /**
     * Returns the store of the credential, as the record names it: empty for the global store,
     * a folder's full name otherwise (what stopping to manage it needs).
     *
     * @return the store's key
     */
    public String getContext() {
        return certificate.context();
    }

    /**
     * Returns the job that last ran the certificate's step.
     *
     * @return the job's full name, possibly empty
     */
    public String getJob() {
        return certificate.template().job();
    }

    /**
     * Returns the credential's id.
     *
     * @return the id
     */
    public String getCredentialsId() {
        return certificate.credentialsId();
    }

    /**
     * Returns where the credential is kept.
     *
     * @return {@code Jenkins (global)} or {@code folder <name>}
     */
    public String getStore() {
        return certificate.context().isEmpty() ? "Jenkins (global)" : "folder " + certificate.context();
    }

    /**
     * Returns the names covered.
     *
     * @return comma-separated names
     */
    public String getNames() {
        return String.join(", ", certificate.names());
    }

    /**
     * Returns the end of validity.
     *
     * @return an ISO-8601 instant
     */
    public String getNotAfter() {
        return certificate.notAfter().toString();
    }

    /**
     * Returns the state.
     *
     * @return the health
     */
    public Health getHealth() {
        return health;
    }

    /**
     * Says what is wrong and what to do.
     *
     * @return a sentence
     */
    public String getDetail() {
        var last = certificate.lastRun();
        return switch (health) {
            case FAILED -> "The last renewal (" + last.by() + ", " + last.at() + ") failed: " + last.message();
            case EXPIRED -> "Expired: run its pipeline, or check why the scheduled renewal did not renew it";
            case EXPIRING -> "Due for renewal since " + certificate.dueAt() + " and not renewed yet: check its "
                    + "pipeline and the log of the ACME certificate renewal task";
            case OK -> "";
        };
    }
}
