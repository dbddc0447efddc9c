package io.github.acmecertificate.core.deploy;

import java.util.List;

import io.github.acmecertificate.core.config.Option;
import io.github.acmecertificate.core.exception.AcmeCertificateException;

/**
 * Creates one kind of {@link DeployTarget} and declares its options: the service that
 * {@link java.util.ServiceLoader} finds, as it finds DNS providers. A new destination (a
 * Kubernetes secret, a vault, a cloud certificate manager) is one artifact registering its
 * factory in {@code META-INF/services/io.github.acmecertificate.core.deploy.DeployTargetFactory};
 * both front ends then pick it up by its {@link #name()} without code changes.
 *
 * @since 0.1.0
 */
public interface DeployTargetFactory {

    /**
     * Returns the name users choose the target type by.
     *
     * @return lower case, e.g. {@code sftp}
     */
    String name();

    /**
     * Describes the target type in one sentence.
     *
     * @return the description
     */
    String description();

    /**
     * Declares the type's own options, beyond {@link DeployTargets#COMMON_OPTIONS}.
     *
     * @return the options
     */
    List<Option> options();

    /**
     * Creates a target; checks every value, makes no connection.
     *
     * @param description the target as the user wrote it; only declared options are present
     * @param context     the front end's credentials and SSH endpoints
     * @return the target
     * @throws io.github.acmecertificate.core.exception.InvalidInputException naming every field that is wrong
     * @throws AcmeCertificateException if a credential cannot be read
     */
    DeployTarget create(TargetDescription description, TargetContext context) throws AcmeCertificateException;
}
