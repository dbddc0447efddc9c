/**
 * Exceptions: one checked root, {@link io.github.acmecertificate.core.exception.AcmeCertificateException},
 * with subtypes for bad input, CA problems and storage failures.
 */
package io.github.acmecertificate.core.exception;
