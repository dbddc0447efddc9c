package io.github.acmecertificate.jenkins.managed;

import java.util.Objects;

import io.github.acmecertificate.jenkins.challenge.ChallengeSpec;

/**
 * What a step asked for, kept so the scheduled renewal can ask the same: the step's
 * parameters other than the credential's id, with the server and defaults as they were
 * resolved. Holds no secret.
 *
 * @param domains              the names, comma-separated
 * @param server               the server as resolved: a configured server's name, an alias or a URL
 * @param acceptTermsOfService whether the terms of service were accepted
 * @param email                the account's contact address, or empty
 * @param accountCredentialsId the id of the account credential
 * @param keyType              the key type id
 * @param renewBefore          the renewal margin (ISO-8601), or empty for the lifetime rule
 * @param challenge            how challenges are answered
 * @since 0.1.0
 */
public record RenewalTemplate(String domains, String server, boolean acceptTermsOfService, String email,
        String accountCredentialsId, String keyType, String renewBefore, ChallengeSpec challenge) {

    /**
     * Creates a template.
     *
     * @param domains              the names
     * @param server               the server
     * @param acceptTermsOfService the terms agreement
     * @param email                the contact, or {@code null}
     * @param accountCredentialsId the account credential
     * @param keyType              the key type
     * @param renewBefore          the margin, or {@code null}
     * @param challenge            the challenge
     */
    public RenewalTemplate {
        Objects.requireNonNull(domains, "domains");
        Objects.requireNonNull(server, "server");
        email = email == null ? "" : email;
        Objects.requireNonNull(accountCredentialsId, "accountCredentialsId");
        Objects.requireNonNull(keyType, "keyType");
        renewBefore = renewBefore == null ? "" : renewBefore;
        Objects.requireNonNull(challenge, "challenge");
    }
}
