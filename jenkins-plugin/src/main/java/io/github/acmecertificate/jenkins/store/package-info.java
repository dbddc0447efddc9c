/**
 * Certificates and ACME accounts kept in Jenkins credentials, without Jenkins types: the
 * mapping between a certificate and a certificate credential's content, the account key
 * document, and the core's store interfaces implemented over a {@link
 * io.github.acmecertificate.jenkins.store.CredentialsBackend}.
 *
 * @since 0.1.0
 */
package io.github.acmecertificate.jenkins.store;
