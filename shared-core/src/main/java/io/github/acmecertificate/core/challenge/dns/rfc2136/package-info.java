/**
 * The {@code rfc2136} DNS provider: dynamic updates signed with TSIG.
 */
package io.github.acmecertificate.core.challenge.dns.rfc2136;
