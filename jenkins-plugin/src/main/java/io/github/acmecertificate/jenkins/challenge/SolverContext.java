package io.github.acmecertificate.jenkins.challenge;

import java.util.Objects;

import io.github.acmecertificate.core.challenge.ChallengeContext;
import io.github.acmecertificate.core.config.Credential;
import io.github.acmecertificate.core.challenge.ChallengeDescription;
import io.github.acmecertificate.core.exception.AcmeCertificateException;
import io.github.acmecertificate.core.exception.InvalidInputException;
import io.github.acmecertificate.core.ssh.SshEndpoint;
import io.github.acmecertificate.jenkins.credentials.CredentialLookup;
import io.github.acmecertificate.jenkins.credentials.UserCredential;
import io.github.acmecertificate.jenkins.ssh.KnownHostsFiles;
import io.github.acmecertificate.jenkins.ssh.SshSpec;

/**
 * What a challenge needs from the run to build its solver: the credentials the build may use
 * (a DNS provider's token, an SSH key), a place for known_hosts lines, and the class loader
 * that sees the DNS providers (the plugin's own, which holds the provider artifacts it bundles).
 * It is the core's {@link ChallengeContext} for a Jenkins build.
 *
 * @param credentials the credentials, looked up as the build would
 * @param knownHosts  temporary known_hosts files for the run
 * @param providers   the class loader searched for DNS providers
 * @since 0.1.0
 */
public record SolverContext(CredentialLookup credentials, KnownHostsFiles knownHosts, ClassLoader providers)
        implements ChallengeContext {

    /**
     * Creates a context.
     *
     * @param credentials the credentials
     * @param knownHosts  the known_hosts files
     * @param providers   the class loader for DNS providers
     */
    public SolverContext {
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(knownHosts, "knownHosts");
        Objects.requireNonNull(providers, "providers");
    }

    /**
     * Creates a context that finds the DNS providers this plugin bundles.
     *
     * @param credentials the credentials
     * @param knownHosts  the known_hosts files
     * @return the context
     */
    public static SolverContext of(CredentialLookup credentials, KnownHostsFiles knownHosts) {
        return new SolverContext(credentials, knownHosts, SolverContext.class.getClassLoader());
    }

    /** A Secret text gives the secret; a Username with password gives both. */
    @Override
    public Credential credential(String field, String reference) throws AcmeCertificateException {
        var found = credentials.find(reference);
        if (found.isEmpty()) {
            throw new InvalidInputException(field, "the credential '" + reference + "' is not visible to this job. "
                    + "Add a Secret text (or Username with password) credential with this id to the job's folder or "
                    + "the global credentials");
        }
        if (found.get() instanceof UserCredential.SecretText text) {
            return new Credential(null, text.secret());
        }
        if (found.get() instanceof UserCredential.UsernamePassword login) {
            return new Credential(login.username(), login.password());
        }
        throw new InvalidInputException(field, "the credential '" + reference + "' is " + found.get().kind()
                + ". Give a Secret text credential, or a Username with password one");
    }

    @Override
    public SshEndpoint sshEndpoint(ChallengeDescription description) throws AcmeCertificateException {
        return new ChallengeSpec(description).ssh().endpoint(ChallengeSpec.SFTP_FIELD_PREFIX, credentials, knownHosts);
    }
}
