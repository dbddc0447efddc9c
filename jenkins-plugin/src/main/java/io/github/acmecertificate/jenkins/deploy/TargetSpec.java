package io.github.acmecertificate.jenkins.deploy;

import java.util.ArrayList;

import io.github.acmecertificate.core.config.Credential;
import io.github.acmecertificate.core.deploy.DeployTarget;
import io.github.acmecertificate.core.deploy.DeployTargets;
import io.github.acmecertificate.core.deploy.TargetContext;
import io.github.acmecertificate.core.deploy.TargetDescription;
import io.github.acmecertificate.core.exception.AcmeCertificateException;
import io.github.acmecertificate.core.exception.InvalidInputException;
import io.github.acmecertificate.core.exception.InvalidInputException.Problem;
import io.github.acmecertificate.core.ssh.SshEndpoint;
import io.github.acmecertificate.jenkins.credentials.CredentialLookup;
import io.github.acmecertificate.jenkins.credentials.UserCredential;
import io.github.acmecertificate.jenkins.ssh.KnownHostsFiles;
import io.github.acmecertificate.jenkins.ssh.SshSpec;

/**
 * One deploy target of the step: the core's {@link TargetDescription}, which the core turns
 * into a target of the type it names, whichever artifact on the class path provides it.
 *
 * @since 0.1.0
 */
public interface TargetSpec {

    /**
     * Returns the core's description.
     *
     * @return the description; never secrets, only credential ids
     */
    TargetDescription description();

    /**
     * Describes the target as a step argument would read.
     *
     * @return e.g. {@code sftp(name: 'web1', host: 'web1.example.com', credentialsId: 'web-deploy-ssh')}
     */
    String describe();

    /**
     * Builds the core's target: looks credentials up and checks every value, before any
     * connection.
     *
     * @param credentials the credentials the build may use
     * @param knownHosts  where known_hosts lines go for the run
     * @return the target
     * @throws InvalidInputException    listing every problem, each naming its field
     * @throws AcmeCertificateException if a credential cannot be read
     */
    default DeployTarget toTarget(CredentialLookup credentials, KnownHostsFiles knownHosts)
            throws AcmeCertificateException {
        return DeployTargets.create(description(), new Context(credentials, knownHosts),
                TargetSpec.class.getClassLoader());
    }

    /** Credentials as the build reads them; SSH endpoints from SSH credentials and known_hosts lines. */
    record Context(CredentialLookup credentials, KnownHostsFiles knownHosts) implements TargetContext {

        @Override
        public Credential credential(String field, String reference) throws AcmeCertificateException {
            var found = credentials.find(reference);
            if (found.isPresent() && found.get() instanceof UserCredential.SecretText text) {
                return new Credential(null, text.secret());
            }
            if (found.isPresent() && found.get() instanceof UserCredential.UsernamePassword login) {
                return new Credential(login.username(), login.password());
            }
            throw new InvalidInputException(field, "the credential '" + reference + "' " + found.map(c -> "is "
                    + c.kind()).orElse("is not visible to this job") + ". Give a Secret text or Username with "
                    + "password credential");
        }

        @Override
        public SshEndpoint sshEndpoint(TargetDescription d) throws AcmeCertificateException {
            var port = d.get("port");
            var ssh = new SshSpec(d.get("host"), port == null ? SshEndpoint.DEFAULT_PORT : Integer.parseInt(port),
                    d.get("credential"), d.get("knownHosts"), d.get("hostKeyFingerprint"));
            try {
                return ssh.endpoint(SftpTargetSpec.FIELD_PREFIX, credentials, knownHosts);
            } catch (InvalidInputException ex) {
                var name = d.get("name");
                if (name == null) {
                    throw ex;
                }
                // The SSH settings' messages name the host; say which target too.
                var problems = new ArrayList<Problem>();
                ex.problems().forEach(p -> problems.add(new Problem(p.field(), "target " + name + ": " + p.problem())));
                throw new InvalidInputException(problems);
            }
        }
    }
}
