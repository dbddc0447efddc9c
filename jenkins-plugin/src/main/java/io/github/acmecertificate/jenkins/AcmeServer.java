package io.github.acmecertificate.jenkins;

import edu.umd.cs.findbugs.annotations.NonNull;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import hudson.Extension;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.security.ACL;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.github.acmecertificate.jenkins.run.FormChecks;
import io.github.acmecertificate.jenkins.run.ServerSettings;
import jenkins.model.Jenkins;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * An ACME server configured by name, which steps use as {@code server: '<name>'}: its
 * directory, the root to trust for a private CA, and its External Account Binding (a key id,
 * and the id of a secret text credential holding the HMAC key).
 *
 * @since 0.1.0
 */
public class AcmeServer implements Describable<AcmeServer> {

    private final String name;
    private final String directory;
    private String trustedRootPem;
    private String eabKeyId;
    private String eabCredentialsId;

    /**
     * Creates a server.
     *
     * @param name      the name steps use
     * @param directory an alias ({@code letsencrypt}, {@code zerossl}...) or the https URL of the ACME directory
     */
    @DataBoundConstructor
    public AcmeServer(String name, String directory) {
        this.name = name == null ? "" : name.strip();
        this.directory = directory == null ? "" : directory.strip();
    }

    /**
     * Returns the name.
     *
     * @return the name
     */
    public String getName() {
        return name;
    }

    /**
     * Returns the directory.
     *
     * @return an alias or URL
     */
    public String getDirectory() {
        return directory;
    }

    /**
     * Returns the trusted root.
     *
     * @return PEM certificates, or {@code null}
     */
    public String getTrustedRootPem() {
        return trustedRootPem;
    }

    /**
     * Sets the root certificate(s) to trust for this server's HTTPS endpoint (a private CA);
     * they replace the JVM's default roots for this server only.
     *
     * @param trustedRootPem PEM certificates
     */
    @DataBoundSetter
    public void setTrustedRootPem(String trustedRootPem) {
        this.trustedRootPem = Forms.trim(trustedRootPem);
    }

    /**
     * Returns the EAB key id.
     *
     * @return the key id, or {@code null}
     */
    public String getEabKeyId() {
        return eabKeyId;
    }

    /**
     * Sets the External Account Binding key id the CA gave.
     *
     * @param eabKeyId the key id
     */
    @DataBoundSetter
    public void setEabKeyId(String eabKeyId) {
        this.eabKeyId = Forms.trim(eabKeyId);
    }

    /**
     * Returns the EAB HMAC credential's id.
     *
     * @return the id, or {@code null}
     */
    public String getEabCredentialsId() {
        return eabCredentialsId;
    }

    /**
     * Sets the id of the secret text credential (global store) holding the EAB HMAC key.
     *
     * @param eabCredentialsId the id
     */
    @DataBoundSetter
    public void setEabCredentialsId(String eabCredentialsId) {
        this.eabCredentialsId = Forms.trim(eabCredentialsId);
    }

    ServerSettings toSettings() {
        return new ServerSettings(name, directory, trustedRootPem, eabKeyId, eabCredentialsId);
    }

    /** Its descriptor, with the form validation. */
    @Extension
    @Symbol("acmeServer")
    public static class DescriptorImpl extends Descriptor<AcmeServer> {

        @NonNull
        @Override
        public String getDisplayName() {
            return "ACME server";
        }

        /**
         * Checks the name.
         *
         * @param value the name
         * @return the check
         */
        public FormValidation doCheckName(@QueryParameter String value) {
            return value == null || value.isBlank() ? FormValidation.error("Give the name steps use in server: '...'")
                    : FormValidation.ok();
        }

        /**
         * Checks the directory with the core's parsing.
         *
         * @param value an alias or URL
         * @return the check
         */
        @POST
        public FormValidation doCheckDirectory(@QueryParameter String value) {
            if (!Jenkins.get().hasPermission(Jenkins.ADMINISTER)) {
                return FormValidation.ok();
            }
            return Forms.validation(FormChecks.directory(value));
        }

        /**
         * Checks the trusted root.
         *
         * @param value PEM certificates
         * @return the check
         */
        @POST
        public FormValidation doCheckTrustedRootPem(@QueryParameter String value) {
            if (!Jenkins.get().hasPermission(Jenkins.ADMINISTER)) {
                return FormValidation.ok();
            }
            return Forms.validation(FormChecks.trustedRootPem(value));
        }

        /**
         * Lists the secret text credentials of the global store, for the EAB HMAC key.
         *
         * @param eabCredentialsId the current value
         * @return the choices
         */
        @POST
        public ListBoxModel doFillEabCredentialsIdItems(@QueryParameter String eabCredentialsId) {
            if (!Jenkins.get().hasPermission(Jenkins.ADMINISTER)) {
                return new StandardListBoxModel().includeCurrentValue(eabCredentialsId);
            }
            return new StandardListBoxModel().includeEmptyValue()
                    .includeAs(ACL.SYSTEM2, Jenkins.get(), StringCredentials.class)
                    .includeCurrentValue(eabCredentialsId);
        }
    }
}
