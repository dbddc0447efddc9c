package io.github.acmecertificate.jenkins;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.util.FormValidation;
import io.github.acmecertificate.core.challenge.Http01StandaloneSolver;
import io.github.acmecertificate.jenkins.run.FormChecks;
import io.github.acmecertificate.core.challenge.ChallengeType;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;

/**
 * {@code http01(port: 80, address: '')}: HTTP-01 answered by a built-in HTTP server on the
 * controller, listening only while challenges are pending. The CA connects to port 80 of each
 * name, so this fits a controller that the names point to, or a forward from port 80.
 *
 * @since 0.1.0
 */
public class Http01Challenge implements AcmeChallenge {

    private int port = Http01StandaloneSolver.DEFAULT_PORT;
    private String address;

    /** Creates the challenge: every interface, port 80. */
    @DataBoundConstructor
    public Http01Challenge() {
    }

    /**
     * Returns the port.
     *
     * @return the port
     */
    public int getPort() {
        return port;
    }

    /**
     * Sets the port the built-in server listens on.
     *
     * @param port 1 to 65535 (80 unless a forward from port 80 points elsewhere)
     */
    @DataBoundSetter
    public void setPort(int port) {
        this.port = port;
    }

    /**
     * Returns the address.
     *
     * @return the address, or {@code null} for every interface
     */
    public String getAddress() {
        return address;
    }

    /**
     * Sets the address the built-in server listens on.
     *
     * @param address an address, or empty for every interface
     */
    @DataBoundSetter
    public void setAddress(String address) {
        this.address = Forms.trim(address);
    }

    @Override
    public ChallengeType type() {
        return ChallengeType.HTTP_01;
    }

    /** Its descriptor, with the symbol {@code http01}. */
    @Extension
    @Symbol("http01")
    public static class DescriptorImpl extends AcmeChallengeDescriptor {

        @NonNull
        @Override
        public String getDisplayName() {
            return "HTTP-01, answered by a built-in server on the controller";
        }

        /**
         * Checks the port.
         *
         * @param value the port
         * @return the check
         */
        public FormValidation doCheckPort(@QueryParameter int value) {
            var check = FormChecks.option(ChallengeType.HTTP_01, "port", value);
            return check.kind() != FormChecks.Kind.OK || value == Http01StandaloneSolver.DEFAULT_PORT
                    ? Forms.validation(check)
                    : FormValidation.warning("CAs connect to port 80: use another port only behind a forward from 80");
        }
    }
}
