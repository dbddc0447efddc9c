package io.github.acmecertificate.jenkins;

import com.cloudbees.jenkins.plugins.sshcredentials.SSHUserPrivateKey;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.model.Item;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.github.acmecertificate.core.ssh.SshEndpoint;
import io.github.acmecertificate.core.challenge.ChallengeType;
import io.github.acmecertificate.jenkins.run.FormChecks;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code sftpWebroot(host: 'web1.example.com', credentialsId: 'web-deploy-ssh', hostKeyFingerprint: 'SHA256:...',
 * path: '/var/www/example.com')}: HTTP-01 answered by token files uploaded over SFTP into the
 * document root of the web server that serves the names, reached from the controller over SSH.
 * Nothing is written on the controller.
 *
 * @since 0.1.0
 */
public class SftpWebrootChallenge extends AcmeChallenge {

    private final String host;
    private int port = SshEndpoint.DEFAULT_PORT;
    private final String credentialsId;
    private String knownHosts;
    private String hostKeyFingerprint;
    private final String path;

    /**
     * Creates the challenge.
     *
     * @param host          the web server's SSH host
     * @param credentialsId an SSH Username with private key (or Username with password) credential
     * @param path          the absolute path of the folder served at {@code http://<name>/}
     */
    @DataBoundConstructor
    public SftpWebrootChallenge(String host, String credentialsId, String path) {
        this.host = Forms.trim(host);
        this.credentialsId = Forms.trim(credentialsId);
        this.path = Forms.trim(path);
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
     * Returns the document root on the web server.
     *
     * @return an absolute path
     */
    public String getPath() {
        return path;
    }

    @Override
    protected ChallengeType type() {
        return ChallengeType.HTTP_01_SFTP;
    }

    /** Its descriptor, with the symbol {@code sftpWebroot}. */
    @Extension
    @Symbol("sftpWebroot")
    public static class DescriptorImpl extends AcmeChallengeDescriptor {

        @NonNull
        @Override
        public String getDisplayName() {
            return "HTTP-01, token files uploaded over SFTP to the web server's document root";
        }

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

        /**
         * Checks the document root.
         *
         * @param value the path
         * @return the check
         */
        public FormValidation doCheckPath(@QueryParameter String value) {
            return Forms.validation(FormChecks.absolutePath(value, true,
                    "Give the web server's document root, an absolute path on the server, e.g. /var/www/html"));
        }
    }
}
