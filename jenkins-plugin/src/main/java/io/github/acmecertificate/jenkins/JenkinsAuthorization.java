package io.github.acmecertificate.jenkins;

import hudson.security.ACL;
import io.github.acmecertificate.jenkins.security.BuildAuthorization;
import io.github.acmecertificate.jenkins.security.BuildAuthorization.Identity;
import io.github.acmecertificate.jenkins.security.RunGuard;
import io.github.acmecertificate.core.store.credentials.OwnedCredentials;
import jenkins.model.Jenkins;
import org.springframework.security.core.Authentication;

/**
 * Builds the plugin's authorization rules for an authentication of Jenkins: a build's, or a
 * job's for the scheduled renewal.
 *
 * @since 0.1.0
 */
final class JenkinsAuthorization {

    private JenkinsAuthorization() {
    }

    /**
     * Tells whether an authentication is SYSTEM: what every build runs as when no authenticator
     * (such as Authorize Project) is configured. Compared by name too, so that nothing named
     * SYSTEM ever counts as an administrator here.
     *
     * @param authentication the authentication
     * @return true for SYSTEM
     */
    static boolean isSystem(Authentication authentication) {
        return authentication == null || ACL.SYSTEM2.equals(authentication)
                || "SYSTEM".equals(authentication.getName());
    }

    /**
     * Returns the rules for an authentication, with the switches of the global configuration.
     *
     * @param authentication the build's or the job's authentication
     * @return the rules
     */
    static BuildAuthorization rules(Authentication authentication) {
        Identity identity;
        if (isSystem(authentication)) {
            identity = Identity.SYSTEM;
        } else if (Jenkins.get().hasPermission2(authentication, Jenkins.ADMINISTER)) {
            identity = Identity.ADMINISTRATOR;
        } else {
            identity = Identity.USER;
        }
        return new BuildAuthorization(identity, authentication == null ? "SYSTEM" : authentication.getName(),
                AcmeGlobalConfiguration.get().allowedOnController());
    }

    /**
     * Returns the guard of a run.
     *
     * @param authentication the build's or the job's authentication
     * @return the guard
     */
    static RunGuard guard(Authentication authentication) {
        return new RunGuard(rules(authentication), ledger());
    }

    /**
     * Returns the ledger of the credentials this plugin wrote:
     * {@code $JENKINS_HOME/acme-certificate/owned/}.
     *
     * @return the ledger
     */
    static OwnedCredentials ledger() {
        return new OwnedCredentials(Jenkins.get().getRootDir().toPath().resolve("acme-certificate").resolve("owned"));
    }
}
