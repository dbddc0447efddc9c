/**
 * The {@code acme-dns} DNS provider: updates an acme-dns registration over its HTTP API.
 */
package io.github.acmecertificate.core.challenge.dns.acmedns;
