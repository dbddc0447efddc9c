package io.github.acmecertificate.core.renewal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import io.github.acmecertificate.core.exception.StoreException;
import io.github.acmecertificate.core.store.CertificateMetadata;
import io.github.acmecertificate.core.store.CertificateStore;
import io.github.acmecertificate.core.store.RenewalState;

/**
 * Decides which of many stored certificates are due, from their metadata and kept state alone.
 *
 * <p>The decision is the one a run makes ({@link RenewalPolicy#decide(Instant, Instant,
 * Optional, RenewalState, Instant)}): a revoked certificate is due, the CA's renewal advice
 * and the lifetime rule decide otherwise, and failed attempts back off. The validity dates and
 * the renewal information identifier it needs are kept in each certificate's metadata, so the
 * scan parses no certificate and reads no key: a store of ten thousand certificates is
 * scanned in well under a second. (Only metadata written before the identifier was kept, with
 * renewal information kept beside it, costs a read of its certificate.) A certificate whose
 * metadata cannot be read is reported as such, and the scan goes on with the others.
 *
 * @since 0.1.0
 */
public final class RenewalScan {

    /**
     * One stored certificate and what the scan decided about it.
     *
     * @param name     the certificate's name in the store
     * @param metadata its metadata, or empty when it could not be read
     * @param decision the decision, or empty when the metadata could not be read
     * @param problem  why the metadata, or the state kept beside it, could not be read; or empty
     */
    public record Entry(String name, Optional<CertificateMetadata> metadata, Optional<RenewalDecision> decision,
            Optional<String> problem) {

        /**
         * Tells whether this certificate should be renewed now; an unreadable one is not
         * reported as due, but as a {@link #problem()}.
         *
         * @return true when due
         */
        public boolean due() {
            return decision.map(RenewalDecision::due).orElse(false);
        }
    }

    private final CertificateStore store;
    private final Function<String, RenewalPolicy> policies;
    private final Clock clock;

    /**
     * Creates a scan with one policy for every certificate.
     *
     * @param store  where the certificates are kept
     * @param policy the renewal policy
     * @param clock  the clock
     */
    public RenewalScan(CertificateStore store, RenewalPolicy policy, Clock clock) {
        this(store, name -> policy, clock);
    }

    /**
     * Creates a scan with a policy per certificate (each may have its own renewBefore).
     *
     * @param store    where the certificates are kept
     * @param policies the policy for a certificate name
     * @param clock    the clock
     */
    public RenewalScan(CertificateStore store, Function<String, RenewalPolicy> policies, Clock clock) {
        this.store = store;
        this.policies = policies;
        this.clock = clock;
    }

    /**
     * Scans the named certificates; a name with nothing stored is due (it was never issued).
     *
     * @param names the certificate names
     * @return one entry per name, in the order given
     */
    public List<Entry> scan(Collection<String> names) {
        var now = clock.instant();
        var entries = new ArrayList<Entry>(names.size());
        for (var name : names) {
            entries.add(scanOne(name, now));
        }
        return entries;
    }

    /**
     * Returns the entries that are due, from a {@link #scan(Collection)}.
     *
     * @param entries the scanned entries
     * @return those due, in order
     */
    public static List<Entry> due(List<Entry> entries) {
        return entries.stream().filter(Entry::due).toList();
    }

    private Entry scanOne(String name, Instant now) {
        Optional<CertificateMetadata> metadata;
        try {
            metadata = store.metadata(name);
        } catch (StoreException | RuntimeException ex) {
            return new Entry(name, Optional.empty(), Optional.empty(), Optional.of(String.valueOf(ex.getMessage())));
        }
        if (metadata.isEmpty()) {
            var decision = new RenewalDecision(true, RenewalDecision.Reason.NO_CERTIFICATE, Optional.empty(),
                    "no certificate is stored under " + name);
            return new Entry(name, metadata, Optional.of(decision), Optional.empty());
        }
        var m = metadata.get();
        var state = RenewalState.NONE;
        Optional<String> problem = Optional.empty();
        try {
            state = store.loadState(name).orElse(RenewalState.NONE);
        } catch (StoreException | RuntimeException ex) {
            // The certificate is still decided on, by its dates; the unreadable state is reported.
            problem = Optional.of(String.valueOf(ex.getMessage()));
        }
        var id = m.ariCertificateId();
        if (id.isEmpty() && state.ariCertificateId().isPresent()) {
            id = certificateIdOf(name);
        }
        var decision = policies.apply(name).decide(m.notBefore(), m.notAfter(), id, state, now);
        return new Entry(name, metadata, Optional.of(decision), problem);
    }

    private Optional<String> certificateIdOf(String name) {
        try {
            return store.load(name).flatMap(b -> RenewalInfoCheck.certificateId(b.certificate()));
        } catch (StoreException | RuntimeException ex) {
            return Optional.empty();
        }
    }
}
