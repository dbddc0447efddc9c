package io.github.acmecertificate.jenkins;

import static io.github.acmecertificate.jenkins.Forms.trim;

import java.util.ArrayList;
import java.util.List;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.model.Item;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.github.acmecertificate.jenkins.run.FormChecks;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * One certificate of an {@code acmeCertificate} call that looks after several: its names, its
 * certificate credential, and the options in which it differs from the call's own (which it
 * shares otherwise). Written in a Jenkinsfile as a map in the step's {@code certificates} list:
 *
 * <pre>
 * acmeCertificate server: 'letsencrypt', acceptTermsOfService: true, challenge: http01(),
 *         certificates: [[domains: 'a.example,www.a.example', credentialsId: 'a-tls'],
 *                        [domains: 'b.example', credentialsId: 'b-tls', profile: 'shortlived']]
 * </pre>
 *
 * @since 0.1.0
 */
public class AcmeCertificate implements Describable<AcmeCertificate>, CertificateParameters {

    private final String domains;
    private final String credentialsId;
    private AcmeChallenge challenge;
    private String keyType;
    private String renewBefore;
    private String profile;
    private boolean force;
    private List<AcmeDeployTarget> deploy;

    /**
     * Creates one certificate of the call.
     *
     * @param domains       the names to cover, comma-separated
     * @param credentialsId the certificate credential to create or update
     */
    @DataBoundConstructor
    public AcmeCertificate(String domains, String credentialsId) {
        this.domains = trim(domains);
        this.credentialsId = trim(credentialsId);
    }

    /**
     * Returns the names to cover.
     *
     * @return comma- or line-separated names
     */
    public String getDomains() {
        return domains;
    }

    /**
     * Returns the id of the certificate credential.
     *
     * @return the id
     */
    public String getCredentialsId() {
        return credentialsId;
    }

    /**
     * Returns this certificate's own challenge.
     *
     * @return the challenge, or {@code null} for the call's
     */
    public @CheckForNull AcmeChallenge getChallenge() {
        return challenge;
    }

    /**
     * Answers this certificate's challenges otherwise than the call's others.
     *
     * @param challenge e.g. {@code dns01(provider: ...)} for a wildcard among HTTP-01 certificates
     */
    @DataBoundSetter
    public void setChallenge(AcmeChallenge challenge) {
        this.challenge = challenge;
    }

    /**
     * Returns this certificate's own key type.
     *
     * @return the id, or {@code null} for the call's
     */
    public @CheckForNull String getKeyType() {
        return keyType;
    }

    /**
     * Sets this certificate's key type.
     *
     * @param keyType {@code ec-p256}, {@code ec-p384}, {@code rsa-2048}, {@code rsa-3072} or {@code rsa-4096}
     */
    @DataBoundSetter
    public void setKeyType(String keyType) {
        this.keyType = trim(keyType);
    }

    /**
     * Returns this certificate's own renewal margin.
     *
     * @return an ISO-8601 duration, or {@code null} for the call's
     */
    public @CheckForNull String getRenewBefore() {
        return renewBefore;
    }

    /**
     * Sets this certificate's renewal margin.
     *
     * @param renewBefore an ISO-8601 duration, e.g. {@code P30D}
     */
    @DataBoundSetter
    public void setRenewBefore(String renewBefore) {
        this.renewBefore = trim(renewBefore);
    }

    /**
     * Returns this certificate's own CA profile.
     *
     * @return a profile name, or {@code null} for the call's
     */
    public @CheckForNull String getProfile() {
        return profile;
    }

    /**
     * Orders this certificate under another of the CA's profiles than the call's others.
     *
     * @param profile a profile name, e.g. {@code shortlived}
     */
    @DataBoundSetter
    public void setProfile(String profile) {
        this.profile = trim(profile);
    }

    /**
     * Tells whether this certificate is renewed even when not due.
     *
     * @return true to force it (the call's {@code force} forces every certificate)
     */
    public boolean isForce() {
        return force;
    }

    /**
     * Renews this certificate even when it is not due.
     *
     * @param force true to force
     */
    @DataBoundSetter
    public void setForce(boolean force) {
        this.force = force;
    }

    /**
     * Returns this certificate's own deploy targets.
     *
     * @return the targets, or {@code null} for the call's
     */
    public @CheckForNull List<AcmeDeployTarget> getDeploy() {
        return deploy == null ? null : List.copyOf(deploy);
    }

    /**
     * Deploys this certificate to these targets instead of the call's.
     *
     * @param deploy e.g. {@code [sftp(host: 'b1.example.com', ...)]}; an empty list deploys it nowhere
     */
    @DataBoundSetter
    public void setDeploy(List<AcmeDeployTarget> deploy) {
        this.deploy = deploy == null ? null : new ArrayList<>(deploy);
    }

    /** Its descriptor, with the form validation. */
    @Extension
    public static class DescriptorImpl extends Descriptor<AcmeCertificate> {

        @NonNull
        @Override
        public String getDisplayName() {
            return "Certificate";
        }

        /**
         * Checks the names.
         *
         * @param item  the job being configured
         * @param value the names
         * @return the check
         */
        @POST
        public FormValidation doCheckDomains(@AncestorInPath Item item, @QueryParameter String value) {
            return AcmeCertificateStep.DescriptorImpl.mayConfigure(item) ? Forms.validation(FormChecks.domains(value)) : FormValidation.ok();
        }

        /**
         * Checks the certificate credential's id.
         *
         * @param value the id
         * @return the check
         */
        public FormValidation doCheckCredentialsId(@QueryParameter String value) {
            return Forms.validation(FormChecks.credentialsId(value, true));
        }

        /**
         * Checks the renewal margin.
         *
         * @param value an ISO-8601 duration
         * @return the check
         */
        public FormValidation doCheckRenewBefore(@QueryParameter String value) {
            return Forms.validation(FormChecks.renewBefore(value));
        }

        /**
         * Lists the key types.
         *
         * @return the call's, then every key type
         */
        public ListBoxModel doFillKeyTypeItems() {
            return AcmeCertificateStep.DescriptorImpl.keyTypes("(the call's)");
        }
    }
}
