package io.github.acmecertificate.jenkins;

import com.cloudbees.jenkins.plugins.sshcredentials.SSHUserPrivateKey;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.model.Item;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.github.acmecertificate.core.ssh.SshEndpoint;
import io.github.acmecertificate.jenkins.run.FormChecks;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * The SSH server that {@code sftp(...)} deploys to and {@code sftpWebroot(...)} writes token
 * files on, reached from the controller: its host, port, login credential and host key check,
 * written the same way in both ({@code host:}, {@code port:}, {@code credentialsId:},
 * {@code knownHosts:}, {@code hostKeyFingerprint:}) and checked by the same form methods.
 *
 * @since 0.1.0
 */
public abstract class SftpServer {

    private final String host;
    private int port = SshEndpoint.DEFAULT_PORT;
    private final String credentialsId;
    private String knownHosts;
    private String hostKeyFingerprint;

    /**
     * Creates the settings.
     *
     * @param host          the SSH server
     * @param credentialsId an SSH Username with private key (or Username with password) credential
     */
    protected SftpServer(String host, String credentialsId) {
        this.host = Forms.trim(host);
        this.credentialsId = Forms.trim(credentialsId);
    }

    /**
     * Returns the SSH host.
     *
     * @return the host
     */
    public String getHost() {
        return host;
    }

    /**
     * Returns the SSH port.
     *
     * @return the port
     */
    public int getPort() {
        return port;
    }

    /**
     * Sets the SSH port.
     *
     * @param port 1 to 65535 (22 by default)
     */
    @DataBoundSetter
    public void setPort(int port) {
        this.port = port;
    }

    /**
     * Returns the credential to log in with.
     *
     * @return the id
     */
    public String getCredentialsId() {
        return credentialsId;
    }

    /**
     * Returns the known_hosts lines.
     *
     * @return the lines, or {@code null}
     */
    public String getKnownHosts() {
        return knownHosts;
    }

    /**
     * Sets the known_hosts lines the host key is checked against.
     *
     * @param knownHosts lines as {@code ssh-keyscan} prints them
     */
    @DataBoundSetter
    public void setKnownHosts(String knownHosts) {
        this.knownHosts = Forms.trim(knownHosts);
    }

    /**
     * Returns the pinned host key fingerprints.
     *
     * @return {@code SHA256:...} values, comma-separated, or {@code null}
     */
    public String getHostKeyFingerprint() {
        return hostKeyFingerprint;
    }

    /**
     * Pins the host key.
     *
     * @param hostKeyFingerprint one or more {@code SHA256:...} fingerprints, comma-separated
     */
    @DataBoundSetter
    public void setHostKeyFingerprint(String hostKeyFingerprint) {
        this.hostKeyFingerprint = Forms.trim(hostKeyFingerprint);
    }

    /**
     * The form methods of the SSH server's fields, for the descriptors of both kinds.
     *
     * @param <T> the kind of describable: a deploy target or a challenge
     */
    public abstract static class SftpServerDescriptor<T extends Describable<T>> extends Descriptor<T> {

        /**
         * Lists the credentials that can log in over SSH.
         *
         * @param item          the job being configured
         * @param credentialsId the current value
         * @return SSH key and Username with password credentials the job sees
         */
        @POST
        public ListBoxModel doFillCredentialsIdItems(@AncestorInPath Item item,
                @QueryParameter String credentialsId) {
            return Forms.credentials(item, credentialsId, SSHUserPrivateKey.class,
                    StandardUsernamePasswordCredentials.class);
        }

        /**
         * Checks the host.
         *
         * @param value the host
         * @return the check
         */
        public FormValidation doCheckHost(@QueryParameter String value) {
            return Forms.validation(FormChecks.host(value));
        }

        /**
         * Checks the port.
         *
         * @param value the port
         * @return the check
         */
        public FormValidation doCheckPort(@QueryParameter int value) {
            return Forms.validation(FormChecks.port(value));
        }

        /**
         * Checks the fingerprints, and that the host key is checked somehow.
         *
         * @param value      the fingerprints
         * @param knownHosts the known_hosts lines
         * @return the check
         */
        public FormValidation doCheckHostKeyFingerprint(@QueryParameter String value,
                @QueryParameter String knownHosts) {
            return Forms.validation(FormChecks.hostKey(value, knownHosts));
        }
    }
}
