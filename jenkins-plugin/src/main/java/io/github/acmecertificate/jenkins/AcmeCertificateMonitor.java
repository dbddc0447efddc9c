package io.github.acmecertificate.jenkins;

import java.time.Instant;
import java.util.List;

import hudson.Extension;
import hudson.model.AdministrativeMonitor;
import io.github.acmecertificate.jenkins.managed.Attention;

/**
 * Shows in Manage Jenkins every managed certificate that is expiring (half of its renewal window
 * passed without a renewal), expired, or whose last renewal failed: a failed renewal is never
 * silent.
 *
 * @since 0.1.0
 */
@Extension
public class AcmeCertificateMonitor extends AdministrativeMonitor {

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
    public List<Attention> getCertificates() {
        return Attention.list(ManagedCertificates.registry().all(), Instant.now());
    }
}
