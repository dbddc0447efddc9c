/**
 * The SSH settings shared by deploy targets and HTTP-01 over SFTP, without Jenkins types: the
 * host, the credential to log in with, and how the host key is checked, turned into the core's
 * {@link io.github.acmecertificate.core.ssh.SshEndpoint}.
 *
 * @since 0.1.0
 */
package io.github.acmecertificate.jenkins.ssh;
