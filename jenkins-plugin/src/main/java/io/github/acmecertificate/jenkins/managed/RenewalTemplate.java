package io.github.acmecertificate.jenkins.managed;

import java.util.Objects;

import io.github.acmecertificate.jenkins.challenge.ChallengeSpec;
import io.github.acmecertificate.jenkins.deploy.DeploySpec;

/**
 * What a step asked for, kept so the scheduled renewal can ask the same: the step's
 * parameters other than the credential's id, with the server and defaults as they were
 * resolved, the deploy targets, and the job that ran it (whose credentials the challenge and
 * the targets name). Holds no secret.
 *
 * @param domains              the names, comma-separated
 * @param server               the server as resolved: a configured server's name, an alias or a URL
 * @param acceptTermsOfService whether the terms of service were accepted
 * @param email                the account's contact address, or empty
 * @param accountCredentialsId the id of the account credential
 * @param keyType              the key type id
 * @param renewBefore          the renewal margin (ISO-8601), or empty for the lifetime rule
 * @param challenge            how challenges are answered
 * @param deploy               where the certificate is deployed after a renewal
 * @param job                  the full name of the job that last ran the step, or empty
 * @param profile              the CA profile the certificate was ordered with, or empty for the CA's default
 * @since 0.1.0
 */
public record RenewalTemplate(String domains, String server, boolean acceptTermsOfService, String email,
        String accountCredentialsId, String keyType, String renewBefore, ChallengeSpec challenge, DeploySpec deploy,
        String job, String profile) {

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
     * @param deploy               the deploy targets, or {@code null} for none
     * @param job                  the job's full name, or {@code null}
     * @param profile              the CA profile, or {@code null} for the CA's default
     */
    public RenewalTemplate {
        Objects.requireNonNull(domains, "domains");
        Objects.requireNonNull(server, "server");
        email = email == null ? "" : email;
        Objects.requireNonNull(accountCredentialsId, "accountCredentialsId");
        Objects.requireNonNull(keyType, "keyType");
        renewBefore = renewBefore == null ? "" : renewBefore;
        Objects.requireNonNull(challenge, "challenge");
        deploy = deploy == null ? DeploySpec.NONE : deploy;
        job = job == null ? "" : job;
        profile = profile == null ? "" : profile.strip();
    }

    /**
     * Creates a template for the CA's default profile.
     *
     * @param domains              the names
     * @param server               the server
     * @param acceptTermsOfService the terms agreement
     * @param email                the contact, or {@code null}
     * @param accountCredentialsId the account credential
     * @param keyType              the key type
     * @param renewBefore          the margin, or {@code null}
     * @param challenge            the challenge
     * @param deploy               the deploy targets, or {@code null} for none
     * @param job                  the job's full name, or {@code null}
     */
    public RenewalTemplate(String domains, String server, boolean acceptTermsOfService, String email,
            String accountCredentialsId, String keyType, String renewBefore, ChallengeSpec challenge, DeploySpec deploy,
            String job) {
        this(domains, server, acceptTermsOfService, email, accountCredentialsId, keyType, renewBefore, challenge,
                deploy, job, "");
    }

    /**
     * Creates a template without deploy targets nor job.
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
    public RenewalTemplate(String domains, String server, boolean acceptTermsOfService, String email,
            String accountCredentialsId, String keyType, String renewBefore, ChallengeSpec challenge) {
        this(domains, server, acceptTermsOfService, email, accountCredentialsId, keyType, renewBefore, challenge,
                DeploySpec.NONE, "");
    }

    /**
     * Returns a copy naming another job (after the job was renamed or moved).
     *
     * @param newJob the job's new full name
     * @return the new template
     */
    public RenewalTemplate withJob(String newJob) {
        return new RenewalTemplate(domains, server, acceptTermsOfService, email, accountCredentialsId, keyType,
                renewBefore, challenge, deploy, newJob, profile);
    }
}
