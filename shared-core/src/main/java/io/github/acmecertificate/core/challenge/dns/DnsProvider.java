package io.github.acmecertificate.core.challenge.dns;

import java.time.Duration;
import java.util.List;

import io.github.acmecertificate.core.event.ProgressListener;
import io.github.acmecertificate.core.exception.AcmeCertificateException;
import io.github.acmecertificate.core.exception.InvalidInputException;
import io.github.acmecertificate.core.name.SubjectName;

/**
 * Writes DNS-01 TXT records into one kind of DNS service: the small interface every
 * provider implements, after lego's {@code challenge.Provider}.
 *
 * <p>The {@link Dns01Solver} does everything that is the same for every provider (CNAME
 * following, zone discovery, the propagation check, clean-up after failures); a provider
 * only adds and removes one value at one name. It is created by its
 * {@link DnsProviderFactory} from checked options, allocates nothing until the first
 * {@link #addTxtRecord}, and serves one run.
 *
 * <p>Messages of exceptions and progress events name records, zones and servers, never a
 * secret (token, TSIG secret, password).
 *
 * @since 0.1.0
 */
public interface DnsProvider extends AutoCloseable {

    /** How long the propagation check waits unless the provider or the user says otherwise. */
    Duration DEFAULT_PROPAGATION_TIMEOUT = Duration.ofSeconds(60);
    /** How long the propagation check pauses between rounds unless told otherwise. */
    Duration DEFAULT_PROPAGATION_INTERVAL = Duration.ofSeconds(2);

    /**
     * Describes the provider for the build log, without secrets.
     *
     * @return e.g. {@code rfc2136 (nameserver ns1.example.com:53, key acme-update.)}
     */
    String describe();

    /**
     * Checks, before any network call, that this provider can serve these names.
     *
     * @param names the names to be authorized
     * @throws InvalidInputException naming the option to change
     */
    default void validate(List<SubjectName> names) throws InvalidInputException {
        // Most providers serve any number of names.
    }

    /**
     * Adds one TXT value at {@link TxtRecord#name()}, keeping the values already there.
     *
     * @param record   the record
     * @param listener where to report progress
     * @throws AcmeCertificateException if the service refused or could not be reached; the
     *                                  message says what to check
     */
    void addTxtRecord(TxtRecord record, ProgressListener listener) throws AcmeCertificateException;

    /**
     * Removes the one TXT value that {@link #addTxtRecord} added, leaving others in place.
     * Called after validation whether it succeeded or not; a value that is already gone is
     * not an error.
     *
     * @param record   the record
     * @param listener where to report progress
     * @throws AcmeCertificateException if the service refused or could not be reached
     */
    void removeTxtRecord(TxtRecord record, ProgressListener listener) throws AcmeCertificateException;

    /**
     * Returns how long the propagation check waits for this service by default.
     *
     * @return the time-out
     */
    default Duration propagationTimeout() {
        return DEFAULT_PROPAGATION_TIMEOUT;
    }

    /**
     * Returns how long the propagation check pauses between rounds by default.
     *
     * @return the interval
     */
    default Duration propagationInterval() {
        return DEFAULT_PROPAGATION_INTERVAL;
    }

    /**
     * Releases connections or clients. Never throws.
     */
    @Override
    default void close() {
        // Nothing to release by default.
    }
}
