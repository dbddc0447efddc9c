package io.github.acmecertificate.jenkins;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.ExtensionList;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.github.acmecertificate.core.FleetProvisioner;
import io.github.acmecertificate.jenkins.run.FormChecks;
import io.github.acmecertificate.jenkins.run.GlobalSettings;
import io.github.acmecertificate.jenkins.security.ControllerUse;
import jenkins.model.GlobalConfiguration;
import jenkins.model.Jenkins;
import net.sf.json.JSONObject;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;
import org.kohsuke.stapler.StaplerRequest2;

/**
 * The plugin's section of Manage Jenkins &gt; System: named ACME servers (with a trusted root
 * for a private CA and an External Account Binding), and the defaults for steps that leave
 * {@code server}, {@code keyType} or {@code renewBefore} out. Configuration as Code reads it
 * under {@code unclassified: acmeCertificate:}.
 *
 * <pre>
 * unclassified:
 *   acmeCertificate:
 *     defaultServer: "internal"
 *     defaultKeyType: "ec-p256"
 *     defaultRenewBefore: "P30D"
 *     servers:
 *       - name: "internal"
 *         directory: "https://ca.internal.example/acme/directory"
 *         trustedRootPem: "-----BEGIN CERTIFICATE-----..."
 *         eabKeyId: "kid-1"
 *         eabCredentialsId: "internal-eab-hmac"
 * </pre>
 *
 * @since 0.1.0
 */
@Extension
@Symbol("acmeCertificate")
public class AcmeGlobalConfiguration extends GlobalConfiguration {

    private List<AcmeServer> servers = new ArrayList<>();
    private String defaultServer;
    private String defaultKeyType;
    private String defaultRenewBefore;
    private int renewalConcurrency = FleetProvisioner.DEFAULT_CONCURRENCY;
    private boolean allowExecOnController;
    private boolean allowWebrootOnController;
    private boolean allowHttp01OnController;
    private boolean allowFilesOnController;
    private boolean allowCloudIdentityOnController;

    /** Loads the saved configuration. */
    public AcmeGlobalConfiguration() {
        load();
    }

    /**
     * Returns the configuration.
     *
     * @return the singleton
     */
    public static AcmeGlobalConfiguration get() {
        return ExtensionList.lookupSingleton(AcmeGlobalConfiguration.class);
    }

    /**
     * Returns the configured servers.
     *
     * @return the servers, possibly empty
     */
    public List<AcmeServer> getServers() {
        return servers == null ? List.of() : List.copyOf(servers);
    }

    /**
     * Replaces the configured servers.
     *
     * @param servers the servers
     */
    @DataBoundSetter
    public void setServers(List<AcmeServer> servers) {
        this.servers = servers == null ? new ArrayList<>() : new ArrayList<>(servers);
        save();
    }

    /**
     * Returns the default server.
     *
     * @return a configured server's name, an alias or a URL, or {@code null}
     */
    public String getDefaultServer() {
        return defaultServer;
    }

    /**
     * Sets the server used by steps that name none.
     *
     * @param defaultServer a configured server's name, an alias or a URL
     */
    @DataBoundSetter
    public void setDefaultServer(String defaultServer) {
        this.defaultServer = Forms.trim(defaultServer);
        save();
    }

    /**
     * Returns the default key type.
     *
     * @return the key type id, or {@code null} for {@code ec-p256}
     */
    public String getDefaultKeyType() {
        return defaultKeyType;
    }

    /**
     * Sets the key type used by steps that name none.
     *
     * @param defaultKeyType the key type id
     */
    @DataBoundSetter
    public void setDefaultKeyType(String defaultKeyType) {
        this.defaultKeyType = Forms.trim(defaultKeyType);
        save();
    }

    /**
     * Returns the default renewal margin.
     *
     * @return an ISO-8601 duration, or {@code null} for the lifetime rule
     */
    public String getDefaultRenewBefore() {
        return defaultRenewBefore;
    }

    /**
     * Sets the renewal margin used by steps that give none.
     *
     * @param defaultRenewBefore an ISO-8601 duration, e.g. {@code P30D}
     */
    @DataBoundSetter
    public void setDefaultRenewBefore(String defaultRenewBefore) {
        this.defaultRenewBefore = Forms.trim(defaultRenewBefore);
        save();
    }

    /**
     * Returns how many certificates the scheduled renewal renews at once.
     *
     * @return 1 to 256; 8 by default
     */
    public int getRenewalConcurrency() {
        return renewalConcurrency;
    }

    /**
     * Sets how many certificates the scheduled renewal renews at once.
     *
     * @param renewalConcurrency 1 to 256
     */
    @DataBoundSetter
    public void setRenewalConcurrency(int renewalConcurrency) {
        this.renewalConcurrency = renewalConcurrency;
        save();
    }

    /**
     * Tells whether builds that do not run as an administrator may use the {@code exec} DNS
     * provider on the controller (it runs a program there).
     *
     * @return true if allowed; false by default
     */
    public boolean isAllowExecOnController() {
        return allowExecOnController;
    }

    /**
     * Allows every build to run {@code exec} DNS provider programs on the controller.
     *
     * @param allow true to allow
     */
    @DataBoundSetter
    public void setAllowExecOnController(boolean allow) {
        this.allowExecOnController = allow;
        save();
    }

    /**
     * Tells whether builds that do not run as an administrator may use {@code webroot} on the
     * controller (it writes files there).
     *
     * @return true if allowed; false by default
     */
    public boolean isAllowWebrootOnController() {
        return allowWebrootOnController;
    }

    /**
     * Allows every build to write {@code webroot} token files on the controller.
     *
     * @param allow true to allow
     */
    @DataBoundSetter
    public void setAllowWebrootOnController(boolean allow) {
        this.allowWebrootOnController = allow;
        save();
    }

    /**
     * Tells whether builds that do not run as an administrator may use {@code http01} on the
     * controller (it opens a listening port there).
     *
     * @return true if allowed; false by default
     */
    public boolean isAllowHttp01OnController() {
        return allowHttp01OnController;
    }

    /**
     * Allows every build to open the {@code http01} responder's port on the controller.
     *
     * @param allow true to allow
     */
    @DataBoundSetter
    public void setAllowHttp01OnController(boolean allow) {
        this.allowHttp01OnController = allow;
        save();
    }

    /**
     * Tells whether builds that do not run as an administrator may name controller files in DNS
     * options ({@code tsigSecretFile}, {@code apiTokenFile}, ...).
     *
     * @return true if allowed; false by default
     */
    public boolean isAllowFilesOnController() {
        return allowFilesOnController;
    }

    /**
     * Allows every build to have DNS providers read files named in their options on the controller.
     *
     * @param allow true to allow
     */
    @DataBoundSetter
    public void setAllowFilesOnController(boolean allow) {
        this.allowFilesOnController = allow;
        save();
    }

    /**
     * Tells whether builds that do not run as an administrator may have DNS providers use the
     * controller's own cloud credentials (Route 53's default credential chain or a profile).
     *
     * @return true if allowed; false by default
     */
    public boolean isAllowCloudIdentityOnController() {
        return allowCloudIdentityOnController;
    }

    /**
     * Allows every build to have DNS providers use the controller's own cloud credentials.
     *
     * @param allow true to allow
     */
    @DataBoundSetter
    public void setAllowCloudIdentityOnController(boolean allow) {
        this.allowCloudIdentityOnController = allow;
        save();
    }

    /**
     * Returns the kinds of controller use an administrator allowed to every build.
     *
     * @return the kinds switched on
     */
    public Set<ControllerUse> allowedOnController() {
        var allowed = EnumSet.noneOf(ControllerUse.class);
        Map.of(ControllerUse.EXEC, allowExecOnController, ControllerUse.WEBROOT, allowWebrootOnController,
                ControllerUse.HTTP01, allowHttp01OnController, ControllerUse.FILES, allowFilesOnController,
                ControllerUse.CLOUD_IDENTITY, allowCloudIdentityOnController)
                .forEach((use, on) -> {
                    if (on) {
                        allowed.add(use);
                    }
                });
        return allowed;
    }

    @Override
    public boolean configure(StaplerRequest2 req, JSONObject json) throws FormException {
        // A form without any server sends no "servers" at all: start from none.
        servers = new ArrayList<>();
        return super.configure(req, json);
    }

    /**
     * Returns the configuration as plain values for a run.
     *
     * @return the settings
     */
    public GlobalSettings toSettings() {
        return new GlobalSettings(getServers().stream().map(AcmeServer::toSettings).toList(), defaultServer,
                defaultKeyType, defaultRenewBefore);
    }

    @NonNull
    @Override
    public String getDisplayName() {
        return "ACME Certificate";
    }

    /**
     * Checks the default server.
     *
     * @param value the value
     * @return the check
     */
    @POST
    public FormValidation doCheckDefaultServer(@QueryParameter String value) {
        if (!Jenkins.get().hasPermission(Jenkins.ADMINISTER) || value == null || value.isBlank()) {
            return FormValidation.ok();
        }
        return Forms.validation(FormChecks.server(value, toSettings()));
    }

    /**
     * Checks the default renewal margin.
     *
     * @param value the value
     * @return the check
     */
    public FormValidation doCheckDefaultRenewBefore(@QueryParameter String value) {
        return Forms.validation(FormChecks.renewBefore(value));
    }

    /**
     * Checks how many certificates the scheduled renewal renews at once.
     *
     * @param value the number
     * @return the check
     */
    public FormValidation doCheckRenewalConcurrency(@QueryParameter int value) {
        return Forms.validation(FormChecks.concurrency(value));
    }

    /**
     * Lists the key types.
     *
     * @return {@code ec-p256} (when none is chosen), then every key type
     */
    public ListBoxModel doFillDefaultKeyTypeItems() {
        return AcmeCertificateStep.DescriptorImpl.keyTypes("(ec-p256)");
    }
}
