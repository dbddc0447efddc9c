package io.github.acmecertificate.jenkins;

import hudson.ExtensionPoint;
import hudson.model.Describable;
import hudson.model.Descriptor;
import io.github.acmecertificate.core.challenge.ChallengeDescription;
import io.github.acmecertificate.core.challenge.ChallengeType;

/**
 * How the {@code acmeCertificate} step answers challenges: the value of its {@code challenge}
 * parameter. Each kind is an implementation with a {@code @Symbol}, written in a Jenkinsfile as
 * {@code http01(port: 80)} or {@code webroot(path: '/var/www/html')}; a new kind (DNS-01 with a
 * provider, say) is one more class and descriptor, nothing else changes in the step. An
 * interface, so that the SSH server settings of {@link SftpWebrootChallenge} come from the
 * same class ({@link SftpServer}) as those of {@link SftpDeployTarget}.
 *
 * @since 0.1.0
 */
public interface AcmeChallenge extends Describable<AcmeChallenge>, ExtensionPoint {

    /**
     * Returns the core's description of this challenge, which builds the solver and is kept for
     * the scheduled renewal.
     *
     * @return the description; never secrets, only credential ids
     */
    default ChallengeDescription toDescription() {
        return new ChallengeDescription(type(), Forms.options(this, type().options()));
    }

    /**
     * Returns the core's type of this challenge, whose declared options the describable's
     * parameters are (named as {@link io.github.acmecertificate.jenkins.run.StepErrors#parameterName} says).
     *
     * @return the type
     */
    ChallengeType type();

    /**
     * The descriptor of a kind of challenge; those reached over SSH have
     * {@link SftpServer.SftpServerDescriptor}.
     */
    abstract class AcmeChallengeDescriptor extends Descriptor<AcmeChallenge> {
    }
}
