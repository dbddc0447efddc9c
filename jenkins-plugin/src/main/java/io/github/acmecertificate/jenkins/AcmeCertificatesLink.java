package io.github.acmecertificate.jenkins;

import java.time.Instant;
import java.util.List;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.model.ManagementLink;
import io.github.acmecertificate.jenkins.status.ManagedStates;
import io.github.acmecertificate.jenkins.status.ManagedStatus;
import jenkins.model.Jenkins;

/**
 * Manage Jenkins &gt; ACME certificates: every certificate the plugin manages, with the status
 * {@code acme:status} prints (names, CA, expiry, next renewal, last result, what needs
 * attention), and a page per certificate ({@code ?id=<credential>&context=<folder>}). Reading
 * it sends nothing to any CA and reads no credential.
 *
 * @since 0.1.0
 */
@Extension
public class AcmeCertificatesLink extends ManagementLink {

    @Override
    public @CheckForNull String getIconFileName() {
        return "symbol-lock-closed";
    }

    @Override
    public String getDisplayName() {
        return "ACME certificates";
    }

    @Override
    public String getDescription() {
        return "The certificates the acmeCertificate step manages: expiry, next renewal, last result";
    }

    @Override
    public @CheckForNull String getUrlName() {
        return "acme-certificates";
    }

    @Override
    public @NonNull Category getCategory() {
        return Category.STATUS;
    }

    /**
     * Lists every managed certificate, soonest expiry first.
     *
     * @return the statuses
     */
    public List<ManagedStatus> getCertificates() {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        var registry = ManagedCertificates.registry();
        return ManagedStatus.of(registry.all(), ManagedStates.beside(registry), Instant.now());
    }

    /**
     * Finds one managed certificate, for its own page.
     *
     * @param context       the credentials store: empty for the global store, a folder's full name
     * @param credentialsId the credential's id
     * @return its status, or {@code null} when it is not managed
     */
    public @CheckForNull ManagedStatus certificate(String context, String credentialsId) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        if (credentialsId == null || credentialsId.isBlank()) {
            return null;
        }
        var registry = ManagedCertificates.registry();
        return registry.find(context == null ? "" : context, credentialsId)
                .map(r -> ManagedStatus.of(r, ManagedStates.beside(registry), Instant.now())).orElse(null);
    }
}
