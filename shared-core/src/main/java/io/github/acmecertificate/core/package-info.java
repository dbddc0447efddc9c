/**
 * The ACME certificate workflow, free of any build-tool types.
 *
 * <p>{@link io.github.acmecertificate.core.CertificateProvisioner} runs a
 * {@link io.github.acmecertificate.core.CertificateRequest} and reports through a
 * {@link io.github.acmecertificate.core.event.ProgressListener}.
 */
package io.github.acmecertificate.core;
