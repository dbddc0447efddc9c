package io.github.acmecertificate.core.challenge;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import io.github.acmecertificate.core.config.Option.Kind;
import io.github.acmecertificate.core.challenge.dns.DnsServer;
import io.github.acmecertificate.core.config.Option;
import io.github.acmecertificate.core.config.Values;
import io.github.acmecertificate.core.ssh.SshEndpoint;

/**
 * The ways of answering challenges, each with the one declaration of its options. A type reads
 * the same in every front end: {@code dns-01}, {@code dns01} and {@code DNS_01} are one type.
 *
 * @since 0.1.0
 */
public enum ChallengeType {

    /** HTTP-01 answered by the built-in server. */
    HTTP_01("http-01", "http01",
            Option.of("address", "http.address", Kind.TEXT, "",
                    "The address the built-in server listens on; every interface when empty."),
            Option.of("port", "http.port", Kind.PORT, "80",
                    "The port the built-in server listens on. CAs connect to port 80.")),

    /** HTTP-01 answered by token files in a web server's document root on this machine. */
    HTTP_01_WEBROOT("http-01-webroot", "webroot",
            Option.of("path", "webroot", Kind.PATH, "",
                    "The web server's document root, served at http://<name>/.")),

    /** HTTP-01 answered by token files uploaded over SFTP to a web server's document root. */
    HTTP_01_SFTP("http-01-sftp", "sftpWebroot",
            Option.of("host", "sftpWebroot.host", Kind.TEXT, "", "The web server's SSH host."),
            Option.of("port", "sftpWebroot.port", Kind.PORT, Integer.toString(SshEndpoint.DEFAULT_PORT),
                    "Its SSH port."),
            Option.of("credential", "sftpWebroot.credential", Kind.CREDENTIAL, "",
                    "The login: an SSH private key or a password, with the user name."),
            Option.of("knownHosts", "sftpWebroot.knownHosts", Kind.TEXT, "",
                    "known_hosts lines (or a file) that hold the server's host key."),
            Option.of("hostKeyFingerprint", "sftpWebroot.hostKeyFingerprint", Kind.LIST, "",
                    "Pinned host key fingerprints, SHA256:..., comma-separated."),
            Option.of("path", "sftpWebroot.path", Kind.TEXT, "",
                    "The absolute path of the document root on the server.")),

    /** DNS-01 through a DNS provider. */
    DNS_01("dns-01", "dns01",
            Option.of("provider", "dns.provider", Kind.TEXT, "",
                    "The DNS provider: rfc2136, acme-dns, exec, cloudflare, route53."),
            Option.of("credential", "dns.credential", Kind.CREDENTIAL, "",
                    "The provider's username (a TSIG key name, an access key id) and secret (a TSIG secret, an API "
                    + "token)."),
            Option.of("options", "dns.options", Kind.KEY_VALUES, "",
                    "The provider's options as key=value pairs; never secrets."),
            Option.of("propagationTimeout", "dns.propagationTimeout", Kind.DURATION, "",
                    "How long to wait for every authoritative nameserver to serve the records; the provider's "
                    + "default when empty."),
            Option.of("propagationInterval", "dns.propagationInterval", Kind.DURATION, "",
                    "The pause between two rounds of propagation queries; the provider's default when empty."),
            Option.of("skipPropagationCheck", "dns.skipPropagationCheck", Kind.BOOLEAN, "false",
                    "Asks the CA to validate without checking the nameservers first."),
            Option.of("resolvers", "dns.resolvers", Kind.LIST, "",
                    "Recursive resolvers (host or host:port, comma-separated) for CNAME, zone and NS look-ups; "
                    + "the system's when empty."),
            Option.of("nameserverPort", "dns.nameserverPort", Kind.PORT,
                    Integer.toString(DnsServer.DEFAULT_PORT), "The port on which authoritative nameservers are asked."),
            Option.of("followCnames", "dns.followCnames", Kind.BOOLEAN, "true",
                    "Follows _acme-challenge CNAMEs (delegated validation)."),
            Option.of("queryTimeout", "dns.queryTimeout", Kind.DURATION, "",
                    "How long one DNS query waits for an answer; five seconds when empty."));

    private final String id;
    private final String symbol;
    private final List<Option> options;

    ChallengeType(String id, String symbol, Option... options) {
        this.id = id;
        this.symbol = symbol;
        this.options = List.of(options);
    }

    /**
     * Returns the name the core and Maven use.
     *
     * @return e.g. {@code dns-01}
     */
    public String id() {
        return id;
    }

    /**
     * Returns the name in a syntax without dashes (a Jenkins symbol).
     *
     * @return e.g. {@code dns01}
     */
    public String symbol() {
        return symbol;
    }

    /**
     * Returns the options, in the order of their declaration.
     *
     * @return the options
     */
    public List<Option> options() {
        return options;
    }

    /**
     * Finds an option by name.
     *
     * @param name the option's name
     * @return the option, if this type has it
     */
    public Optional<Option> option(String name) {
        return options.stream().filter(o -> o.name().equals(name)).findFirst();
    }

    /**
     * Finds a type by any of its names, ignoring case, dashes and underscores.
     *
     * @param name e.g. {@code dns-01}, {@code dns01}, {@code webroot}, {@code http-01-sftp}
     * @return the type, if the name is known
     */
    public static Optional<ChallengeType> find(String name) {
        if (name == null) {
            return Optional.empty();
        }
        var wanted = normalize(name);
        return Arrays.stream(values())
                .filter(t -> normalize(t.id).equals(wanted) || normalize(t.symbol).equals(wanted))
                .findFirst();
    }

    /**
     * Lists the names, for messages.
     *
     * @return e.g. {@code [http-01, http-01-webroot, http-01-sftp, dns-01]}
     */
    public static List<String> ids() {
        return Arrays.stream(values()).map(ChallengeType::id).toList();
    }

    private static String normalize(String name) {
        return Values.lower(name.strip()).replaceAll("[-_\\s]", "");
    }

    @Override
    public String toString() {
        return id;
    }
}
