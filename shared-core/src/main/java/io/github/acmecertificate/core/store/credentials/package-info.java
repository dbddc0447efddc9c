/**
 * Certificates and ACME accounts kept in a secret store addressed by credential id, such as
 * Jenkins credentials: the mapping between a certificate and a certificate credential's
 * content (PKCS#12, or PEM where FIPS-140 rules refuse PKCS#12), the account key document,
 * the ledger of credentials this tool wrote, and the core's store interfaces implemented over
 * a {@link io.github.acmecertificate.core.store.credentials.CredentialsBackend}. A front end
 * supplies only the backend: its own credential types behind {@code find}, {@code add} and
 * {@code update}.
 *
 * @since 0.1.0
 */
package io.github.acmecertificate.core.store.credentials;
