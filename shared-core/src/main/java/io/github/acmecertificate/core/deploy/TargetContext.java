package io.github.acmecertificate.core.deploy;

import io.github.acmecertificate.core.config.Credential;
import io.github.acmecertificate.core.exception.AcmeCertificateException;
import io.github.acmecertificate.core.ssh.SshEndpoint;

/**
 * What a front end supplies when a {@link TargetDescription} becomes a target: the secrets its
 * credential references name, and SSH endpoints (front ends keep SSH keys and known hosts in
 * their own way).
 *
 * @since 0.1.0
 */
public interface TargetContext {

    /**
     * Reads the credential a target refers to.
     *
     * @param field     the option's neutral field name, e.g. {@code targets.credential}
     * @param reference the reference as written
     * @return the credential
     * @throws io.github.acmecertificate.core.exception.InvalidInputException naming the field
     * @throws AcmeCertificateException if it cannot be read
     */
    Credential credential(String field, String reference) throws AcmeCertificateException;

    /**
     * Builds the SSH endpoint of a target reached over SSH, from its {@code host}, {@code port},
     * {@code user}, {@code credential}, {@code knownHosts} and {@code hostKeyFingerprint}.
     *
     * @param description the target
     * @return the endpoint, checked
     * @throws io.github.acmecertificate.core.exception.InvalidInputException naming the field
     * @throws AcmeCertificateException if a credential cannot be read
     */
    SshEndpoint sshEndpoint(TargetDescription description) throws AcmeCertificateException;
}
