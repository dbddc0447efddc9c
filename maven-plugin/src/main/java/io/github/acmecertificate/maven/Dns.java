package io.github.acmecertificate.maven;

import java.util.Map;

/**
 * The {@code <dns>} block of {@code acme:issue}, for the {@code dns-01} challenge: the core's
 * {@code dns-01} options in POM syntax (the credential is {@code serverId}, a settings.xml
 * server). Each field can also be set with its user property {@code acme.dns.<field>}; a value
 * in the POM wins. Values are read with the core's parser, so durations take {@code PT2M},
 * {@code 2m} or seconds and booleans only {@code true} or {@code false}.
 */
public class Dns {

    /** The DNS provider: {@code rfc2136}, {@code acme-dns}, {@code exec}, {@code cloudflare}, {@code route53}. */
    String provider;

    /** The provider's options, as nested elements; never secrets. */
    Map<String, String> options;

    /** The id of a settings.xml server holding the provider's username and secret. */
    String serverId;

    /** How long to wait for every authoritative nameserver to serve the records. */
    String propagationTimeout;

    /** The pause between two rounds of propagation queries. */
    String propagationInterval;

    /** Asks the CA to validate without checking the nameservers. */
    String skipPropagationCheck;

    /** Recursive resolvers ({@code host[:port]}, comma-separated) for CNAME, zone and NS look-ups. */
    String resolvers;

    /** The port on which authoritative nameservers are asked. */
    String nameserverPort;

    /** Follows {@code _acme-challenge} CNAMEs (delegated validation). */
    String followCnames;

    /** How long one DNS query waits for an answer. */
    String queryTimeout;
}
