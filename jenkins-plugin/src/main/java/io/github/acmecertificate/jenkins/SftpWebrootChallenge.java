package io.github.acmecertificate.jenkins;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.util.FormValidation;
import io.github.acmecertificate.core.challenge.ChallengeType;
import io.github.acmecertificate.jenkins.run.FormChecks;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.QueryParameter;

/**
 * {@code sftpWebroot(host: 'web1.example.com', credentialsId: 'web-deploy-ssh', hostKeyFingerprint: 'SHA256:...',
 * path: '/var/www/example.com')}: HTTP-01 answered by token files uploaded over SFTP into the
 * document root of the web server that serves the names, reached from the controller over SSH.
 * Nothing is written on the controller.
 *
 * @since 0.1.0
 */
public class SftpWebrootChallenge extends SftpServer implements AcmeChallenge {

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
        super(host, credentialsId);
        this.path = Forms.trim(path);
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
    public ChallengeType type() {
        return ChallengeType.HTTP_01_SFTP;
    }

    /** Its descriptor, with the symbol {@code sftpWebroot}. */
    @Extension
    @Symbol("sftpWebroot")
    public static class DescriptorImpl extends SftpServerDescriptor<AcmeChallenge> {

        @NonNull
        @Override
        public String getDisplayName() {
            return "HTTP-01, token files uploaded over SFTP to the web server's document root";
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
