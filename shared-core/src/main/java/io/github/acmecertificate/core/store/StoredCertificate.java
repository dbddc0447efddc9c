package io.github.acmecertificate.core.store;

import java.util.Objects;

/**
 * What a store can tell about a certificate without parsing it: its metadata and its ACME
 * Renewal Information identifier, both kept when the certificate was stored. Enough to decide
 * that a certificate is not due, with the CA's stored renewal advice, without reading any PEM.
 *
 * @param metadata      the certificate's metadata
 * @param renewalInfoId the certificate's ARI identifier (authority key identifier and serial
 *                      number, base64url, joined by a dot)
 * @since 0.1.0
 */
public record StoredCertificate(CertificateMetadata metadata, String renewalInfoId) {

    /**
     * Creates the description.
     *
     * @param metadata      the metadata
     * @param renewalInfoId the ARI identifier
     */
    public StoredCertificate {
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(renewalInfoId, "renewalInfoId");
    }
}
