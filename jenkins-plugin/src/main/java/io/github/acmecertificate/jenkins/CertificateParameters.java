package io.github.acmecertificate.jenkins;

import java.util.ArrayList;
import java.util.List;

import io.github.acmecertificate.core.CertificateDescription;
import io.github.acmecertificate.core.deploy.TargetDescription;
import io.github.acmecertificate.core.exception.InvalidInputException;

/**
 * The parameters that describe one certificate, shared by the step and each entry of its
 * {@code certificates} list, and their one mapping to the core's {@link CertificateDescription}.
 * (A common base class is not possible: the step must extend {@code Step}, the entry must not.)
 */
interface CertificateParameters {

    String getDomains();

    String getCredentialsId();

    AcmeChallenge getChallenge();

    String getKeyType();

    String getRenewBefore();

    String getProfile();

    boolean isForce();

    /**
     * Returns the targets.
     *
     * @return the targets, or {@code null} for those of what is described already
     */
    List<AcmeDeployTarget> getDeploy();

    /**
     * Writes these parameters over a description: the names and credential always, every other
     * value where it is set.
     *
     * @param builder what is described already (the step's shared options, for an entry)
     * @param forced  whether what is described already is forced
     * @return the builder
     * @throws InvalidInputException if a target's options cannot be read
     */
    default CertificateDescription.Builder describe(CertificateDescription.Builder builder, boolean forced)
            throws InvalidInputException {
        builder.domains(getDomains()).name(getCredentialsId()).force(forced || isForce());
        if (getChallenge() != null) {
            builder.challenge(getChallenge().toDescription());
        }
        if (getKeyType() != null) {
            builder.keyType(getKeyType());
        }
        if (getRenewBefore() != null) {
            builder.renewBefore(getRenewBefore());
        }
        if (getProfile() != null) {
            builder.profile(getProfile());
        }
        if (getDeploy() != null) {
            var targets = new ArrayList<TargetDescription>();
            for (var target : getDeploy()) {
                targets.add(target.toDescription());
            }
            builder.targets(targets);
        }
        return builder;
    }
}
