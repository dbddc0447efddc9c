/**
 * Renewal: when a certificate is due, scaled to its lifetime.
 */
package io.github.acmecertificate.core.renewal;
