/**
 * The {@code cloudflare} DNS-01 provider, through Cloudflare's v4 HTTP API with a scoped API
 * token; found through {@link java.util.ServiceLoader} when this artifact is on the class path.
 */
package io.github.acmecertificate.dns.cloudflare;
