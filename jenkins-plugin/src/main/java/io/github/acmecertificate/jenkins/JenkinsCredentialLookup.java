package io.github.acmecertificate.jenkins;

import java.util.List;
import java.util.Optional;

import com.cloudbees.jenkins.plugins.sshcredentials.SSHUserPrivateKey;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import hudson.model.Item;
import hudson.model.ItemGroup;
import hudson.model.Run;
import hudson.security.ACL;
import hudson.security.ACLContext;
import hudson.util.Secret;
import io.github.acmecertificate.jenkins.credentials.CredentialLookup;
import io.github.acmecertificate.jenkins.credentials.UserCredential;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

/**
 * Reads the credentials a step names (a DNS provider's secret, an SSH key, a key store
 * password) the way Pipeline steps do.
 *
 * <ul>
 * <li>For a build: {@code CredentialsProvider.findCredentialById(id, type, build)}, which looks
 * in the job's context with the job's authentication (and credentials parameters), and
 * {@code CredentialsProvider.track} records the use on the credential.</li>
 * <li>For the scheduled renewal: the credentials the job that last ran the step sees, read as
 * the system; when that job is gone, those of the folder that holds the certificate.</li>
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
     * The credentials of a job, read as the system, for the scheduled renewal.
     *
     * @param job     the job's full name, or empty
     * @param context the folder holding the certificate credential (empty for the global store)
     * @return the lookup
     */
    @SuppressWarnings("try") // the ACL context is held, not read
    static CredentialLookup forJob(String job, String context) {
        return id -> {
            try (ACLContext ignored = ACL.as2(ACL.SYSTEM2)) {
                var jenkins = Jenkins.get();
                var item = job == null || job.isEmpty() ? null : jenkins.getItemByFullName(job, Item.class);
                StandardCredentials found;
                if (item != null) {
                    found = CredentialsProvider.findCredentialByIdInItem(id, StandardCredentials.class, item,
                            ACL.SYSTEM2, List.of());
                } else {
                    var folder = context == null || context.isEmpty() ? null
                            : jenkins.getItemByFullName(context, Item.class);
                    ItemGroup<?> group = folder instanceof ItemGroup<?> g ? g : jenkins;
                    found = CredentialsProvider.findCredentialByIdInItemGroup(id, StandardCredentials.class, group,
                            ACL.SYSTEM2, List.of());
                }
                return Optional.ofNullable(found).map(JenkinsCredentialLookup::convert);
            }
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
