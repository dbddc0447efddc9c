package io.github.acmecertificate.jenkins;

import hudson.ExtensionPoint;
import hudson.model.Describable;
import hudson.model.Descriptor;
import io.github.acmecertificate.jenkins.deploy.SftpTargetSpec;

/**
 * A place the {@code acmeCertificate} step deploys the certificate to: an element of its
 * {@code deploy} list, written in a Jenkinsfile as {@code sftp(host: ..., credentialsId: ...,
 * files: [targetFile(source: 'fullchain.pem'), ...])}. Only servers reached over SSH are
 * offered: a folder target would write to the controller, where the step runs.
 *
 * @since 0.1.0
 */
public abstract class AcmeDeployTarget implements Describable<AcmeDeployTarget>, ExtensionPoint {

    /**
     * Returns the plain description of this target, which builds the core's target and is
     * kept for the scheduled renewal.
     *
     * @return the spec
     */
    public abstract SftpTargetSpec toSpec();

    /** The descriptor of every kind of deploy target. */
    public abstract static class AcmeDeployTargetDescriptor extends Descriptor<AcmeDeployTarget> {
    }
}
