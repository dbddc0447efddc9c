package io.github.acmecertificate.jenkins;

import java.util.List;
import java.util.Optional;

import com.cloudbees.jenkins.plugins.sshcredentials.SSHUserPrivateKey;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import hudson.model.Item;
import hudson.model.Run;
import hudson.security.ACL;
import hudson.util.Secret;
import io.github.acmecertificate.jenkins.credentials.CredentialLookup;
import io.github.acmecertificate.jenkins.credentials.UserCredential;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.springframework.security.core.Authentication;

/**
 * Reads the credentials a step names (a DNS provider's secret, an SSH key, a key store
 * password) the way Pipeline steps do.
 *
 * <ul>
 * <li>For a build: {@code CredentialsProvider.findCredentialById(id, type, build)}, which looks
 * in the job's context with the job's authentication (and credentials parameters), and
 * {@code CredentialsProvider.track} records the use on the credential.</li>
 * <li>For the scheduled renewal: the credentials the job that last ran the step may use, with
 * the job's authentication; when that job is gone, the certificate is not renewed at all.</li>
 * </ul>
 *
 * @since 0.1.0
 */
final class JenkinsCredentialLookup {

    private JenkinsCredentialLookup() {
    }

    /**
     * The credentials a build may use.
     *
     * @param build the build
     * @return the lookup
     */
    static CredentialLookup forBuild(Run<?, ?> build) {
        return id -> {
            var found = CredentialsProvider.findCredentialById(id, StandardCredentials.class, build);
            if (found != null) {
                CredentialsProvider.track(build, found);
            }
            return Optional.ofNullable(found).map(JenkinsCredentialLookup::convert);
        };
    }

    /**
     * The credentials a job's builds may use, for the scheduled renewal: looked up in the job
     * with the job's authentication, as {@code findCredentialById} does for a build (never a
     * SYSTEM-scoped credential); each use is recorded on the job.
     *
     * @param job            the job that last ran the step
     * @param authentication the job's authentication ({@code Tasks.getAuthenticationOf2})
     * @return the lookup
     */
    static CredentialLookup forJob(Item job, Authentication authentication) {
        return id -> {
            var found = CredentialsProvider.findCredentialByIdInItem(id, StandardCredentials.class, job,
                    authentication, List.of());
            if (found == null && !JenkinsAuthorization.isSystem(authentication)
                    && job.hasPermission2(authentication, CredentialsProvider.USE_ITEM)) {
                found = CredentialsProvider.findCredentialByIdInItem(id, StandardCredentials.class, job, ACL.SYSTEM2,
                        List.of());
            }
            if (found != null) {
                CredentialsProvider.track(job, found);
            }
            return Optional.ofNullable(found).map(JenkinsCredentialLookup::convert);
        };
    }

    private static UserCredential convert(StandardCredentials credentials) {
        var id = credentials.getId();
        if (credentials instanceof SSHUserPrivateKey key) {
            return new UserCredential.SshPrivateKey(id, key.getUsername(), key.getPrivateKeys(),
                    plain(key.getPassphrase()));
        }
        if (credentials instanceof StandardUsernamePasswordCredentials login) {
            return new UserCredential.UsernamePassword(id, login.getUsername(), plain(login.getPassword()));
        }
        if (credentials instanceof StringCredentials text) {
            return new UserCredential.SecretText(id, plain(text.getSecret()));
        }
        return new UserCredential.Other(id, "a " + credentials.getDescriptor().getDisplayName() + " credential");
    }

    private static String plain(Secret secret) {
        return secret == null ? null : secret.getPlainText();
    }
}
