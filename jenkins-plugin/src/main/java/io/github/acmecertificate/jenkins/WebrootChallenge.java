package io.github.acmecertificate.jenkins;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.util.FormValidation;
import io.github.acmecertificate.core.challenge.ChallengeType;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.QueryParameter;

/**
 * {@code webroot(path: '/var/www/html')}: HTTP-01 answered by token files written into the
 * document root of a web server that serves the names, a folder on the controller.
 *
 * @since 0.1.0
 */
public class WebrootChallenge implements AcmeChallenge {

    private final String path;

    /**
     * Creates the challenge.
     *
     * @param path the folder served at {@code http://<name>/}
     */
    @DataBoundConstructor
    public WebrootChallenge(String path) {
        this.path = path == null ? null : path.strip();
    }

    /**
     * Returns the document root.
     *
     * @return the folder
     */
    public String getPath() {
        return path;
    }

    @Override
    public ChallengeType type() {
        return ChallengeType.HTTP_01_WEBROOT;
    }

    /** Its descriptor, with the symbol {@code webroot}. */
    @Extension
    @Symbol("webroot")
    public static class DescriptorImpl extends AcmeChallengeDescriptor {

        @NonNull
        @Override
        public String getDisplayName() {
            return "HTTP-01, token files in a web server's document root on the controller";
        }

        /**
         * Checks the path is given; whether it exists is checked when the step runs, on the
         * controller, since the form may be filled elsewhere.
         *
         * @param value the path
         * @return the check
         */
        public FormValidation doCheckPath(@QueryParameter String value) {
            return value == null || value.isBlank()
                    ? FormValidation.error("Give the folder the web server serves at http://<name>/")
                    : FormValidation.ok();
        }
    }
}
