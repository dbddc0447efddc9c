/**
 * Deploy: putting a certificate on the servers that use it.
 *
 * <p>{@link io.github.acmecertificate.core.deploy.Deployer} writes a
 * {@link io.github.acmecertificate.core.store.CertificateBundle} to
 * {@link io.github.acmecertificate.core.deploy.DeployTarget}s, over SFTP
 * ({@link io.github.acmecertificate.core.deploy.SftpTarget}) or into local folders
 * ({@link io.github.acmecertificate.core.deploy.LocalTarget}): all or nothing per target,
 * then an optional reload command and an optional check of the certificate the server serves.
 */
package io.github.acmecertificate.core.deploy;
