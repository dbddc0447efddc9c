/**
 * The credentials a run reads by id, without Jenkins types: SSH keys for deploy targets and
 * HTTP-01 over SFTP, passwords and secret texts for DNS providers and key store passwords.
 * In Jenkins they are looked up as the build would ({@code CredentialsProvider.findCredentialById}),
 * and for the scheduled renewal in the job's context.
 *
 * @since 0.1.0
 */
package io.github.acmecertificate.jenkins.credentials;
