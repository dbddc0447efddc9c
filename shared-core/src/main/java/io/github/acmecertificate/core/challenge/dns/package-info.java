/**
 * DNS-01: the {@link io.github.acmecertificate.core.challenge.dns.Dns01Solver} that front ends
 * create by provider name, the small {@link io.github.acmecertificate.core.challenge.dns.DnsProvider}
 * interface, and the {@link io.github.acmecertificate.core.challenge.dns.DnsProviderFactory}
 * service through which {@link java.util.ServiceLoader} finds providers and their metadata.
 *
 * <p>The built-in providers live in sub-packages ({@code rfc2136}, {@code exec},
 * {@code acmedns}); those that need a large SDK are separate artifacts.
 */
package io.github.acmecertificate.core.challenge.dns;
