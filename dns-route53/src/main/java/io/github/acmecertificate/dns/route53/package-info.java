/**
 * The {@code route53} DNS-01 provider, through the AWS SDK for Java 2.x; found through
 * {@link java.util.ServiceLoader} when this artifact is on the class path.
 */
package io.github.acmecertificate.dns.route53;
