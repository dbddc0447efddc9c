package io.github.acmecertificate.core.challenge;

import io.github.acmecertificate.core.config.Credential;
import io.github.acmecertificate.core.exception.AcmeCertificateException;
import io.github.acmecertificate.core.ssh.SshEndpoint;

/**
 * What a front end supplies when a {@link ChallengeDescription} becomes a solver: the secrets
 * its credential references name, and the SSH endpoint of an {@code http-01-sftp} description
 * (front ends keep SSH keys and known hosts in their own way: key files and settings.xml, or
 * Jenkins credentials and inline known_hosts lines).
 *
 * @since 0.1.0
 */
public interface ChallengeContext {

    /**
     * Reads the credential a description refers to.
     *
     * @param field     the option's neutral field name, for messages (e.g. {@code dns.credential})
     * @param reference the reference as written (a server id, a credential id)
     * @return the credential
     * @throws io.github.acmecertificate.core.exception.InvalidInputException naming the field when the
     *                                  reference finds nothing usable
     * @throws AcmeCertificateException if it cannot be read
     */
    Credential credential(String field, String reference) throws AcmeCertificateException;

    /**
     * Builds the SSH endpoint of an {@code http-01-sftp} description, with its credential.
     *
     * @param description the description
     * @return the endpoint, checked
     * @throws io.github.acmecertificate.core.exception.InvalidInputException naming the field
     * @throws AcmeCertificateException if a credential cannot be read
     */
    SshEndpoint sshEndpoint(ChallengeDescription description) throws AcmeCertificateException;

    /**
     * Returns the class loader that sees the DNS providers.
     *
     * @return the loader; the core's own unless a front end bundles providers elsewhere
     */
    default ClassLoader providers() {
        return ChallengeContext.class.getClassLoader();
    }
}
