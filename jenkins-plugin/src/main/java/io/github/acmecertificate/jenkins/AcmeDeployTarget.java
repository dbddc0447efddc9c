package io.github.acmecertificate.jenkins;

import hudson.ExtensionPoint;
import hudson.model.Describable;
import hudson.model.Descriptor;
import io.github.acmecertificate.core.deploy.TargetDescription;
import io.github.acmecertificate.core.exception.InvalidInputException;

/**
 * A place the {@code acmeCertificate} step deploys the certificate to: an element of its
 * {@code deploy} list, written in a Jenkinsfile as {@code sftp(host: ..., credentialsId: ...,
 * files: [targetFile(source: 'fullchain.pem'), ...])}, or {@code deployTarget(type: ..., options: ...)}
 * for any other type the core finds. No folder target is offered: it would write to the
 * controller, where the step runs.
 *
 * @since 0.1.0
 */
public interface AcmeDeployTarget extends Describable<AcmeDeployTarget>, ExtensionPoint {

    /**
     * Returns the core's description of this target, which builds the target and is kept for
     * the scheduled renewal.
     *
     * @return the description; never secrets, only credential ids
     * @throws InvalidInputException if an option cannot be read
     */
    TargetDescription toDescription() throws InvalidInputException;

    /**
     * The descriptor of a kind of deploy target; those reached over SSH have
     * {@link SftpServer.SftpServerDescriptor}.
     */
    abstract class AcmeDeployTargetDescriptor extends Descriptor<AcmeDeployTarget> {
    }
}
