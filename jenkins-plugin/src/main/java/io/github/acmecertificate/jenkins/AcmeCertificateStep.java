package io.github.acmecertificate.jenkins;

import static io.github.acmecertificate.jenkins.Forms.trim;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.github.acmecertificate.core.deploy.DeployOptions;
import io.github.acmecertificate.core.key.KeyType;
import io.github.acmecertificate.core.CertificateDescription;
import io.github.acmecertificate.core.exception.InvalidInputException;
import io.github.acmecertificate.jenkins.managed.CertificateSettings;
import io.github.acmecertificate.core.FleetProvisioner;
import io.github.acmecertificate.jenkins.run.FormChecks;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * The {@code acmeCertificate} step: issues a certificate into a certificate credential, or
 * renews it when due, deploys it to its {@code deploy} targets, and returns {@code renewed},
 * {@code notAfter}, {@code serialNumber}, {@code sha256Fingerprint}, {@code credentialsId} and
 * {@code deployed}. Idempotent: when the certificate is not due, nothing is sent to the CA and
 * the log says until when it is valid; targets that already hold it are left alone.
 *
 * <pre>
 * def cert = acmeCertificate domains: '*.example.com,example.com', credentialsId: 'web-tls',
 *         server: 'letsencrypt', acceptTermsOfService: true, email: 'ops@example.com',
 *         challenge: dns01(provider: 'cloudflare', credentialsId: 'cloudflare-token'),
 *         deploy: [sftp(name: 'web1', host: 'web1.example.com', credentialsId: 'web-deploy-ssh',
 *                       hostKeyFingerprint: 'SHA256:...', directory: '/etc/nginx/tls',
 *                       reloadCommand: 'sudo systemctl reload nginx', verifyTls: '443')]
 * echo "valid until ${cert.notAfter}, web1: ${cert.deployed.web1}"
 * </pre>
 *
 * <p>Several certificates in one call, each with its own names and credential, the other
 * options shared, {@value FleetProvisioner#DEFAULT_CONCURRENCY} at a time by default; the
 * result then maps each credential id to its certificate's result:
 *
 * <pre>
 * def certs = acmeCertificate server: 'letsencrypt', acceptTermsOfService: true, concurrency: 4,
 *         certificates: [[domains: 'a.example,www.a.example', credentialsId: 'a-tls'],
 *                        [domains: 'b.example', credentialsId: 'b-tls', renewBefore: 'P20D']]
 * echo "a until ${certs['a-tls'].notAfter}"
 * </pre>
 *
 * <p>Runs on the controller (no {@code node} block needed): it needs only the build and its log.
 *
 * @since 0.1.0
 */
public class AcmeCertificateStep extends Step implements CertificateParameters {

    private final String domains;
    private final String credentialsId;
    private String server;
    private boolean acceptTermsOfService;
    private String email;
    private String accountCredentialsId;
    private AcmeChallenge challenge;
    private String keyType;
    private String renewBefore;
    private String profile;
    private boolean force;
    private List<AcmeDeployTarget> deploy = new ArrayList<>();
    private int deployParallelism = DeployOptions.DEFAULT_PARALLELISM;
    private boolean deployForce;
    private String deployCommandTimeout;
    private String deployVerifyTimeout;
    private String keystorePasswordCredentialsId;
    private List<AcmeCertificate> certificates = new ArrayList<>();
    private int concurrency = FleetProvisioner.DEFAULT_CONCURRENCY;

    /**
     * Creates the step.
     *
     * @param domains       the names to cover, comma-separated
     * @param credentialsId the certificate credential to create or update
     */
    @DataBoundConstructor
    public AcmeCertificateStep(String domains, String credentialsId) {
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
     * Returns the ACME server.
     *
     * @return an alias, a directory URL, a configured server's name, or {@code null} for the default
     */
    public @CheckForNull String getServer() {
        return server;
    }

    /**
     * Sets the ACME server.
     *
     * @param server an alias, a directory URL, or a configured server's name
     */
    @DataBoundSetter
    public void setServer(String server) {
        this.server = trim(server);
    }

    /**
     * Tells whether the CA's terms of service are accepted.
     *
     * @return true if accepted
     */
    public boolean isAcceptTermsOfService() {
        return acceptTermsOfService;
    }

    /**
     * Records the agreement to the CA's terms of service, which registering an account needs.
     *
     * @param acceptTermsOfService true to agree
     */
    @DataBoundSetter
    public void setAcceptTermsOfService(boolean acceptTermsOfService) {
        this.acceptTermsOfService = acceptTermsOfService;
    }

    /**
     * Returns the account's contact address.
     *
     * @return the address, or {@code null}
     */
    public @CheckForNull String getEmail() {
        return email;
    }

    /**
     * Sets the account's contact address.
     *
     * @param email an e-mail address
     */
    @DataBoundSetter
    public void setEmail(String email) {
        this.email = trim(email);
    }

    /**
     * Returns the id of the secret text holding the ACME account key.
     *
     * @return the id, or {@code null} for {@code acme-account-<CA>}
     */
    public @CheckForNull String getAccountCredentialsId() {
        return accountCredentialsId;
    }

    /**
     * Sets the id of the secret text holding the ACME account key; it is created when absent.
     *
     * @param accountCredentialsId the id
     */
    @DataBoundSetter
    public void setAccountCredentialsId(String accountCredentialsId) {
        this.accountCredentialsId = trim(accountCredentialsId);
    }

    /**
     * Returns how challenges are answered.
     *
     * @return the challenge, or {@code null} for {@code http01()} on port 80
     */
    public @CheckForNull AcmeChallenge getChallenge() {
        return challenge;
    }

    /**
     * Sets how challenges are answered.
     *
     * @param challenge e.g. {@code http01(port: 80)}, {@code webroot(path: '/var/www/html')},
     *                  {@code dns01(provider: ...)} or {@code sftpWebroot(host: ..., path: ...)}
     */
    @DataBoundSetter
    public void setChallenge(AcmeChallenge challenge) {
        this.challenge = challenge;
    }

    /**
     * Returns the key type.
     *
     * @return the id, or {@code null} for the configured default
     */
    public @CheckForNull String getKeyType() {
        return keyType;
    }

    /**
     * Sets the key type of new certificate keys.
     *
     * @param keyType {@code ec-p256}, {@code ec-p384}, {@code rsa-2048}, {@code rsa-3072} or {@code rsa-4096}
     */
    @DataBoundSetter
    public void setKeyType(String keyType) {
        this.keyType = trim(keyType);
    }

    /**
     * Returns the renewal margin.
     *
     * @return an ISO-8601 duration, or {@code null} for the configured default
     */
    public @CheckForNull String getRenewBefore() {
        return renewBefore;
    }

    /**
     * Renews when less than this remains, if earlier than the lifetime rule.
     *
     * @param renewBefore an ISO-8601 duration, e.g. {@code P30D}
     */
    @DataBoundSetter
    public void setRenewBefore(String renewBefore) {
        this.renewBefore = trim(renewBefore);
    }

    /**
     * Returns the CA profile to order.
     *
     * @return a profile name, or {@code null} for the CA's default
     */
    public @CheckForNull String getProfile() {
        return profile;
    }

    /**
     * Orders the certificate under one of the profiles the CA lists in its directory (Let's
     * Encrypt: {@code classic}, {@code tlsserver}, {@code shortlived}); changing it renews the
     * certificate at the next run.
     *
     * @param profile a profile name, or blank for the CA's default
     */
    @DataBoundSetter
    public void setProfile(String profile) {
        this.profile = trim(profile);
    }

    /**
     * Tells whether every run renews.
     *
     * @return true to renew even when not due
     */
    public boolean isForce() {
        return force;
    }

    /**
     * Renews even when the certificate is not due.
     *
     * @param force true to force
     */
    @DataBoundSetter
    public void setForce(boolean force) {
        this.force = force;
    }

    /**
     * Returns the deploy targets.
     *
     * @return the targets, possibly none
     */
    public List<AcmeDeployTarget> getDeploy() {
        return deploy == null ? List.of() : List.copyOf(deploy);
    }

    /**
     * Sets the servers the certificate is deployed to after every run (also when it was not
     * due: a target that already holds it is left alone).
     *
     * @param deploy e.g. {@code [sftp(host: 'web1.example.com', credentialsId: 'web-deploy-ssh', ...)]}
     */
    @DataBoundSetter
    public void setDeploy(List<AcmeDeployTarget> deploy) {
        this.deploy = deploy == null ? new ArrayList<>() : new ArrayList<>(deploy);
    }

    /**
     * Returns how many targets are deployed at once.
     *
     * @return 1 to 32
     */
    public int getDeployParallelism() {
        return deployParallelism;
    }

    /**
     * Sets how many targets are deployed at once.
     *
     * @param deployParallelism 1 to 32 (4 by default)
     */
    @DataBoundSetter
    public void setDeployParallelism(int deployParallelism) {
        this.deployParallelism = deployParallelism;
    }

    /**
     * Tells whether targets that hold the certificate are written anyway.
     *
     * @return true to write every target
     */
    public boolean isDeployForce() {
        return deployForce;
    }

    /**
     * Writes every target, even those that already hold the certificate.
     *
     * @param deployForce true to write every target
     */
    @DataBoundSetter
    public void setDeployForce(boolean deployForce) {
        this.deployForce = deployForce;
    }

    /**
     * Returns how long a reload command may run.
     *
     * @return an ISO-8601 duration or seconds, or {@code null} for two minutes
     */
    public @CheckForNull String getDeployCommandTimeout() {
        return deployCommandTimeout;
    }

    /**
     * Sets how long a target's reload command may run before it is stopped and the target fails.
     *
     * @param deployCommandTimeout an ISO-8601 duration ({@code PT2M}) or a number of seconds
     */
    @DataBoundSetter
    public void setDeployCommandTimeout(String deployCommandTimeout) {
        this.deployCommandTimeout = trim(deployCommandTimeout);
    }

    /**
     * Returns how long the TLS check waits.
     *
     * @return an ISO-8601 duration or seconds, or {@code null} for thirty seconds
     */
    public @CheckForNull String getDeployVerifyTimeout() {
        return deployVerifyTimeout;
    }

    /**
     * Sets how long the TLS check waits for a target to serve the new certificate.
     *
     * @param deployVerifyTimeout an ISO-8601 duration ({@code PT30S}) or a number of seconds
     */
    @DataBoundSetter
    public void setDeployVerifyTimeout(String deployVerifyTimeout) {
        this.deployVerifyTimeout = trim(deployVerifyTimeout);
    }

    /**
     * Returns the credential holding the password of deployed {@code keystore.p12} files.
     *
     * @return the id, or {@code null} for the certificate credential's own password
     */
    public @CheckForNull String getKeystorePasswordCredentialsId() {
        return keystorePasswordCredentialsId;
    }

    /**
     * Sets the Secret text credential whose secret protects the {@code keystore.p12} files
     * deployed to targets (a password a Tomcat is configured with). Without it, they are
     * protected by the certificate credential's own password, which renewals keep.
     *
     * @param keystorePasswordCredentialsId the id
     */
    @DataBoundSetter
    public void setKeystorePasswordCredentialsId(String keystorePasswordCredentialsId) {
        this.keystorePasswordCredentialsId = trim(keystorePasswordCredentialsId);
    }

    /**
     * Returns the certificates of a call that looks after several.
     *
     * @return the certificates; empty for a call of one certificate given by {@code domains}
     */
    public List<AcmeCertificate> getCertificates() {
        return certificates == null ? List.of() : List.copyOf(certificates);
    }

    /**
     * Looks after several certificates in one call, each with its own names and certificate
     * credential; the step's other options are shared by all of them, and each may set its own
     * {@code challenge}, {@code keyType}, {@code renewBefore}, {@code profile}, {@code force} or
     * {@code deploy}.
     * Then {@code domains} and {@code credentialsId} are left out of the step itself.
     *
     * @param certificates e.g. {@code [[domains: 'a.example', credentialsId: 'a-tls'], [domains: 'b.example',
     *                     credentialsId: 'b-tls']]}
     */
    @DataBoundSetter
    public void setCertificates(List<AcmeCertificate> certificates) {
        this.certificates = certificates == null ? new ArrayList<>() : new ArrayList<>(certificates);
    }

    /**
     * Returns how many certificates of the call run at once.
     *
     * @return 1 to 256
     */
    public int getConcurrency() {
        return concurrency;
    }

    /**
     * Sets how many of the call's {@code certificates} run at once.
     *
     * @param concurrency 1 to 256 (8 by default)
     */
    @DataBoundSetter
    public void setConcurrency(int concurrency) {
        this.concurrency = concurrency;
    }

    /**
     * Returns the settings of each certificate of a call that looks after several: the step's
     * options, with each certificate's own names, credential and options applied.
     *
     * @param job the full name of the job that runs the step
     * @return one settings per certificate, in the call's order
     * @throws InvalidInputException if {@code domains} or {@code credentialsId} is given beside
     *                               {@code certificates}, or a target's options cannot be read
     */
    public List<CertificateSettings> toCertificateSettings(String job) throws InvalidInputException {
        if (domains != null || credentialsId != null) {
            throw new InvalidInputException(domains != null ? "domains" : "credentialsId", "it is given beside "
                    + "certificates. Give each certificate its own domains and credentialsId inside certificates: "
                    + "[[domains: '...', credentialsId: '...'], ...], and leave them out of the step itself");
        }
        var shared = toSettings(job).certificate();
        var settings = new ArrayList<CertificateSettings>();
        for (var certificate : getCertificates()) {
            settings.add(new CertificateSettings(certificate.describe(shared.toBuilder(), shared.forced()).build(),
                    job));
        }
        return settings;
    }

    /**
     * Returns the parameters as the core's description, with the job that runs the step.
     *
     * @param job the full name of the job that runs the step
     * @return the settings
     * @throws InvalidInputException if a target's options cannot be read
     */
    public CertificateSettings toSettings(String job) throws InvalidInputException {
        var shared = CertificateDescription.builder().server(server).acceptTermsOfService(acceptTermsOfService)
                .email(email).account(accountCredentialsId).deployParallelism(deployParallelism).deployForce(deployForce)
                .deployCommandTimeout(deployCommandTimeout).deployVerifyTimeout(deployVerifyTimeout)
                .keystorePassword(keystorePasswordCredentialsId);
        return new CertificateSettings(describe(shared, false).build(), job);
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        return new AcmeCertificateExecution(this, context);
    }

    /** The step's descriptor: its name, its context, and its form validation. */
    @Extension
    public static class DescriptorImpl extends StepDescriptor {

        @Override
        public String getFunctionName() {
            return "acmeCertificate";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return "Issue or renew an ACME certificate into a certificate credential";
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class);
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
            return mayConfigure(item) ? Forms.validation(FormChecks.domains(value)) : FormValidation.ok();
        }

        /**
         * Checks the server.
         *
         * @param item  the job being configured
         * @param value an alias, a URL or a configured server's name
         * @return the check
         */
        @POST
        public FormValidation doCheckServer(@AncestorInPath Item item, @QueryParameter String value) {
            return mayConfigure(item)
                    ? Forms.validation(FormChecks.server(value, AcmeGlobalConfiguration.get().toSettings()))
                    : FormValidation.ok();
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
         * Checks the account credential's id.
         *
         * @param value the id
         * @return the check
         */
        public FormValidation doCheckAccountCredentialsId(@QueryParameter String value) {
            return Forms.validation(FormChecks.credentialsId(value, false));
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
         * Checks how many certificates run at once.
         *
         * @param value the number
         * @return the check
         */
        public FormValidation doCheckConcurrency(@QueryParameter int value) {
            return Forms.validation(FormChecks.concurrency(value));
        }

        /**
         * Checks the number of targets deployed at once.
         *
         * @param value the number
         * @return the check
         */
        public FormValidation doCheckDeployParallelism(@QueryParameter int value) {
            return Forms.validation(FormChecks.parallelism(value));
        }

        /**
         * Checks the reload command's time-out.
         *
         * @param value the duration
         * @return the check
         */
        public FormValidation doCheckDeployCommandTimeout(@QueryParameter String value) {
            return Forms.validation(FormChecks.duration(value));
        }

        /**
         * Checks the TLS check's time-out.
         *
         * @param value the duration
         * @return the check
         */
        public FormValidation doCheckDeployVerifyTimeout(@QueryParameter String value) {
            return Forms.validation(FormChecks.duration(value));
        }

        /**
         * Lists the credentials that can hold the key store password.
         *
         * @param item                          the job being configured
         * @param keystorePasswordCredentialsId the current value
         * @return the Secret text credentials the job sees
         */
        @POST
        public ListBoxModel doFillKeystorePasswordCredentialsIdItems(@AncestorInPath Item item,
                @QueryParameter String keystorePasswordCredentialsId) {
            return Forms.credentials(item, keystorePasswordCredentialsId, StringCredentials.class);
        }

        /**
         * Lists the key types.
         *
         * @return the configured default, then every key type
         */
        public ListBoxModel doFillKeyTypeItems() {
            return keyTypes("(default)");
        }

        static ListBoxModel keyTypes(String defaultLabel) {
            var model = new ListBoxModel();
            model.add(defaultLabel, "");
            for (var type : KeyType.values()) {
                model.add(type.id());
            }
            return model;
        }

        /** Whether the form's user may configure the job (or, outside one, Jenkins). */
        static boolean mayConfigure(Item item) {
            return item == null ? Jenkins.get().hasPermission(Jenkins.ADMINISTER) : item.hasPermission(Item.CONFIGURE);
        }
    }
}
