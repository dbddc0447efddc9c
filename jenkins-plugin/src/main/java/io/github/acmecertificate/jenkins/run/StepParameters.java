package io.github.acmecertificate.jenkins.run;

import io.github.acmecertificate.jenkins.challenge.ChallengeSpec;
import io.github.acmecertificate.jenkins.deploy.DeploySpec;

/**
 * The {@code acmeCertificate} step's parameters as the user wrote them, blanks included (they
 * mean "use the default").
 *
 * @param domains              the names, comma- or line-separated
 * @param server               an alias, a directory URL, the name of a configured server, or blank for
 *                             the configured default
 * @param acceptTermsOfService whether the user agrees to the CA's terms of service
 * @param email                the account's contact address, or blank
 * @param credentialsId        the certificate credential to create or update
 * @param accountCredentialsId the secret text holding the account key, or blank for
 *                             {@code acme-account-<CA>}
 * @param challenge            how challenges are answered, or {@code null} for HTTP-01 on port 80
 * @param keyType              the key type id, or blank for the configured default
 * @param renewBefore          the renewal margin (ISO-8601), or blank for the configured default
 * @param force                whether to renew even when not due
 * @param deploy               where to deploy the certificate after every run, and how
 * @param profile              the CA profile to order (e.g. {@code shortlived}), or blank for the CA's default
 * @since 0.1.0
 */
public record StepParameters(String domains, String server, boolean acceptTermsOfService, String email,
        String credentialsId, String accountCredentialsId, ChallengeSpec challenge, String keyType,
        String renewBefore, boolean force, DeploySpec deploy, String profile) {

    /**
     * Creates the parameters.
     *
     * @param domains              the names
     * @param server               the server
     * @param acceptTermsOfService the terms agreement
     * @param email                the contact
     * @param credentialsId        the certificate credential
     * @param accountCredentialsId the account credential
     * @param challenge            the challenge
     * @param keyType              the key type
     * @param renewBefore          the margin
     * @param force                the force flag
     * @param deploy               the deploy targets and options, or {@code null} for none
     * @param profile              the CA profile, or blank
     */
    public StepParameters {
        domains = strip(domains);
        server = strip(server);
        email = strip(email);
        credentialsId = strip(credentialsId);
        accountCredentialsId = strip(accountCredentialsId);
        challenge = challenge == null ? ChallengeSpec.defaults() : challenge;
        keyType = strip(keyType);
        renewBefore = strip(renewBefore);
        deploy = deploy == null ? DeploySpec.NONE : deploy;
        profile = strip(profile);
    }

    /**
     * Creates parameters for the CA's default profile.
     *
     * @param domains              the names
     * @param server               the server
     * @param acceptTermsOfService the terms agreement
     * @param email                the contact
     * @param credentialsId        the certificate credential
     * @param accountCredentialsId the account credential
     * @param challenge            the challenge
     * @param keyType              the key type
     * @param renewBefore          the margin
     * @param force                the force flag
     * @param deploy               the deploy targets and options, or {@code null} for none
     */
    public StepParameters(String domains, String server, boolean acceptTermsOfService, String email,
            String credentialsId, String accountCredentialsId, ChallengeSpec challenge, String keyType,
            String renewBefore, boolean force, DeploySpec deploy) {
        this(domains, server, acceptTermsOfService, email, credentialsId, accountCredentialsId, challenge, keyType,
                renewBefore, force, deploy, "");
    }

    /**
     * Creates parameters without deploy targets.
     *
     * @param domains              the names
     * @param server               the server
     * @param acceptTermsOfService the terms agreement
     * @param email                the contact
     * @param credentialsId        the certificate credential
     * @param accountCredentialsId the account credential
     * @param challenge            the challenge
     * @param keyType              the key type
     * @param renewBefore          the margin
     * @param force                the force flag
     */
    public StepParameters(String domains, String server, boolean acceptTermsOfService, String email,
            String credentialsId, String accountCredentialsId, ChallengeSpec challenge, String keyType,
            String renewBefore, boolean force) {
        this(domains, server, acceptTermsOfService, email, credentialsId, accountCredentialsId, challenge, keyType,
                renewBefore, force, DeploySpec.NONE);
    }

    private static String strip(String value) {
        return value == null ? "" : value.strip();
    }

    /**
     * Returns a copy that renews even when not due.
     *
     * @param value the force flag
     * @return the copy
     */
    public StepParameters withForce(boolean value) {
        return new StepParameters(domains, server, acceptTermsOfService, email, credentialsId, accountCredentialsId,
                challenge, keyType, renewBefore, value, deploy, profile);
    }

    @Override
    public String toString() {
        return "StepParameters[domains=" + domains + ", server=" + server + ", credentialsId=" + credentialsId
                + ", challenge=" + challenge.describe() + ", deploy=" + deploy.describe() + "]";
    }

    /**
     * Checks that a value is a valid credential id.
     *
     * @param value the value
     * @return true if Jenkins accepts it as a credential id
     */
    public static boolean isValidCredentialsId(String value) {
        return value != null && value.matches("[A-Za-z0-9_.-]+");
    }
}
