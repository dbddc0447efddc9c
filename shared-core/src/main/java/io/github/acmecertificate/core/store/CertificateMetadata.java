package io.github.acmecertificate.core.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What is known about a stored certificate beyond the certificate itself: the names it
 * was ordered for, where it came from, and when.
 *
 * @param name           the certificate's name in the store (a folder name, a credential id)
 * @param names          the names ordered, normalized, in order
 * @param ca             the CA's directory URL
 * @param keyType        the key type id (e.g. {@code ec-p256}), or empty for a user-supplied CSR
 * @param accountUrl     the account's location
 * @param orderUrl       the order's location
 * @param certificateUrl the certificate's download location
 * @param issuedAt       when this tool stored it
 * @param notBefore      the certificate's start of validity
 * @param notAfter       the certificate's end of validity
 * @param profile        the CA profile it was ordered with, the empty string for the CA's default; empty
 *                       when not recorded (metadata written before profiles were kept), so that a
 *                       profile change is only noticed on what this version stored
 * @param ariCertificateId the certificate's ACME Renewal Information identifier, so that a scan can match
 *                       the kept renewal information to the certificate without parsing it; empty when
 *                       not recorded or the certificate has none
 * @since 0.1.0
 */
public record CertificateMetadata(String name, List<String> names, String ca, Optional<String> keyType,
        Optional<String> accountUrl, Optional<String> orderUrl, Optional<String> certificateUrl,
        Instant issuedAt, Instant notBefore, Instant notAfter, Optional<String> profile,
        Optional<String> ariCertificateId) {

    /**
     * Creates metadata that records neither profile nor renewal identifier (a certificate this
     * plugin did not order, or one read from an earlier layout).
     *
     * @param name           the certificate's name
     * @param names          the names ordered
     * @param ca             the CA's directory URL
     * @param keyType        the key type id
     * @param accountUrl     the account's location
     * @param orderUrl       the order's location
     * @param certificateUrl the certificate's location
     * @param issuedAt       when it was stored
     * @param notBefore      start of validity
     * @param notAfter       end of validity
     */
    public CertificateMetadata(String name, List<String> names, String ca, Optional<String> keyType,
            Optional<String> accountUrl, Optional<String> orderUrl, Optional<String> certificateUrl,
            Instant issuedAt, Instant notBefore, Instant notAfter) {
        this(name, names, ca, keyType, accountUrl, orderUrl, certificateUrl, issuedAt, notBefore, notAfter,
                Optional.empty(), Optional.empty());
    }

    /**
     * Creates metadata.
     *
     * @param name           the certificate's name
     * @param names          the names ordered
     * @param ca             the CA's directory URL
     * @param keyType        the key type id
     * @param accountUrl     the account's location
     * @param orderUrl       the order's location
     * @param certificateUrl the certificate's location
     * @param issuedAt       when it was stored
     * @param notBefore      start of validity
     * @param notAfter       end of validity
     * @param profile        the profile ordered, {@code ""} for the CA's default, empty when not recorded
     * @param ariCertificateId the renewal information identifier, if recorded
     */
    public CertificateMetadata {
        Objects.requireNonNull(name, "name");
        names = List.copyOf(names);
        Objects.requireNonNull(ca, "ca");
        Objects.requireNonNull(keyType, "keyType");
        Objects.requireNonNull(accountUrl, "accountUrl");
        Objects.requireNonNull(orderUrl, "orderUrl");
        Objects.requireNonNull(certificateUrl, "certificateUrl");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(notBefore, "notBefore");
        Objects.requireNonNull(notAfter, "notAfter");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(ariCertificateId, "ariCertificateId");
    }

    /**
     * Returns a copy under another name (a certificate found under an earlier default name).
     *
     * @param newName the name
     * @return the copy
     */
    public CertificateMetadata renamed(String newName) {
        return new CertificateMetadata(newName, names, ca, keyType, accountUrl, orderUrl, certificateUrl, issuedAt,
                notBefore, notAfter, profile, ariCertificateId);
    }
}
