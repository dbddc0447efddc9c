package io.github.acmecertificate.core.challenge.dns;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.github.acmecertificate.core.config.Values;
import io.github.acmecertificate.core.exception.InvalidInputException.Problem;
import io.github.acmecertificate.core.exception.InvalidInputException;

/**
 * The DNS-01 settings that do not depend on the provider: how long and how often to check
 * propagation, which resolvers to ask, and whether to follow {@code _acme-challenge} CNAMEs.
 *
 * <p>With the propagation check skipped and CNAME following off, the build sends no DNS
 * query at all: providers then find the zone through their own API or nameserver.
 *
 * <p>Front ends fill a {@link Builder} with what the user wrote; {@link Builder#build()}
 * checks every field and reports all problems at once, each named as front ends spell it
 * ({@code dns.propagationTimeout}).
 *
 * @since 0.1.0
 */
public final class DnsSettings {

    /** How long one DNS query waits for an answer unless told otherwise. */
    public static final Duration DEFAULT_QUERY_TIMEOUT = Duration.ofSeconds(5);

    private final Duration propagationTimeout;
    private final Duration propagationInterval;
    private final boolean skipPropagationCheck;
    private final List<DnsServer> resolvers;
    private final int nameserverPort;
    private final boolean followCnames;
    private final Duration queryTimeout;

    private DnsSettings(Builder b, Duration timeout, Duration interval, Duration queryTimeout,
            List<DnsServer> resolvers) {
        this.propagationTimeout = timeout;
        this.propagationInterval = interval;
        this.skipPropagationCheck = b.skipPropagationCheck;
        this.resolvers = List.copyOf(resolvers);
        this.nameserverPort = b.nameserverPort;
        this.followCnames = b.followCnames;
        this.queryTimeout = queryTimeout;
    }

    /**
     * Returns the defaults: the provider's propagation time-out and interval, the system's
     * resolvers, authoritative servers on port 53, CNAMEs followed.
     *
     * @return the default settings
     */
    public static DnsSettings defaults() {
        return new DnsSettings(new Builder(), null, null, DEFAULT_QUERY_TIMEOUT, List.of());
    }

    /**
     * Starts settings.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns how long to wait for every authoritative nameserver to serve the records.
     *
     * @return the time-out, if set; otherwise the provider's default applies
     */
    public Optional<Duration> propagationTimeout() {
        return Optional.ofNullable(propagationTimeout);
    }

    /**
     * Returns how long to wait between two rounds of propagation queries.
     *
     * @return the interval, if set; otherwise the provider's default applies
     */
    public Optional<Duration> propagationInterval() {
        return Optional.ofNullable(propagationInterval);
    }

    /**
     * Tells whether to ask the CA to validate without checking the authoritative nameservers.
     *
     * @return true to skip the check
     */
    public boolean skipPropagationCheck() {
        return skipPropagationCheck;
    }

    /**
     * Returns the recursive resolvers used to follow CNAMEs and to find a zone and its
     * nameservers.
     *
     * @return the resolvers; empty for the system's resolvers
     */
    public List<DnsServer> resolvers() {
        return resolvers;
    }

    /**
     * Returns the port on which the zone's authoritative nameservers are asked during the
     * propagation check.
     *
     * @return the port, 53 unless a test or a firewall forward says otherwise
     */
    public int nameserverPort() {
        return nameserverPort;
    }

    /**
     * Tells whether {@code _acme-challenge} CNAMEs are followed, so that the TXT record is
     * written (and checked) where the CNAME points: delegated validation.
     *
     * @return true to follow CNAMEs (the default)
     */
    public boolean followCnames() {
        return followCnames;
    }

    /**
     * Returns how long one DNS query waits for an answer.
     *
     * @return the time-out
     */
    public Duration queryTimeout() {
        return queryTimeout;
    }

    @Override
    public String toString() {
        return "DnsSettings[propagationTimeout=" + propagationTimeout + ", propagationInterval="
                + propagationInterval + ", skipPropagationCheck=" + skipPropagationCheck + ", resolvers="
                + resolvers + ", nameserverPort=" + nameserverPort + ", followCnames=" + followCnames
                + ", queryTimeout=" + queryTimeout + "]";
    }

    /** Collects the settings as the user wrote them. */
    public static final class Builder {
        private String propagationTimeout;
        private String propagationInterval;
        private boolean skipPropagationCheck;
        private final List<String> resolvers = new ArrayList<>();
        private int nameserverPort = DnsServer.DEFAULT_PORT;
        private boolean followCnames = true;
        private String queryTimeout;

        private Builder() {
        }

        /**
         * Sets how long to wait for every authoritative nameserver to serve the records.
         *
         * @param timeout an ISO-8601 duration ({@code PT5M}) or a number of seconds, or
         *                {@code null} for the provider's default
         * @return this
         */
        public Builder propagationTimeout(String timeout) {
            this.propagationTimeout = timeout;
            return this;
        }

        /**
         * Sets how long to wait for every authoritative nameserver to serve the records.
         *
         * @param timeout the time-out, or {@code null} for the provider's default
         * @return this
         */
        public Builder propagationTimeout(Duration timeout) {
            this.propagationTimeout = timeout == null ? null : timeout.toString();
            return this;
        }

        /**
         * Sets how long to wait between two rounds of propagation queries.
         *
         * @param interval an ISO-8601 duration or a number of seconds, or {@code null}
         * @return this
         */
        public Builder propagationInterval(String interval) {
            this.propagationInterval = interval;
            return this;
        }

        /**
         * Sets how long to wait between two rounds of propagation queries.
         *
         * @param interval the interval, or {@code null} for the provider's default
         * @return this
         */
        public Builder propagationInterval(Duration interval) {
            this.propagationInterval = interval == null ? null : interval.toString();
            return this;
        }

        /**
         * Skips the propagation check: for nameservers that cannot be reached from the build.
         *
         * @param skip true to skip
         * @return this
         */
        public Builder skipPropagationCheck(boolean skip) {
            this.skipPropagationCheck = skip;
            return this;
        }

        /**
         * Sets the recursive resolvers used to follow CNAMEs and find zones and nameservers.
         *
         * @param resolvers {@code host} or {@code host:port} entries, or a comma-separated
         *                  list in one entry; empty for the system's resolvers
         * @return this
         */
        public Builder resolvers(List<String> resolvers) {
            if (resolvers != null) {
                resolvers.forEach(this::resolvers);
            }
            return this;
        }

        /**
         * Adds recursive resolvers from a comma-separated list.
         *
         * @param list e.g. {@code 1.1.1.1,9.9.9.9:53}
         * @return this
         */
        public Builder resolvers(String list) {
            if (list != null) {
                for (var entry : list.split(",")) {
                    if (!entry.isBlank()) {
                        resolvers.add(entry.strip());
                    }
                }
            }
            return this;
        }

        /**
         * Sets the port on which authoritative nameservers are asked.
         *
         * @param port 1 to 65535 (default 53)
         * @return this
         */
        public Builder nameserverPort(int port) {
            this.nameserverPort = port;
            return this;
        }

        /**
         * Follows {@code _acme-challenge} CNAMEs (the default) or writes the record at the
         * challenge name itself.
         *
         * @param follow false to write at {@code _acme-challenge.<name>} regardless of CNAMEs
         * @return this
         */
        public Builder followCnames(boolean follow) {
            this.followCnames = follow;
            return this;
        }

        /**
         * Sets how long one DNS query waits.
         *
         * @param timeout an ISO-8601 duration or a number of seconds, or {@code null}
         * @return this
         */
        public Builder queryTimeout(String timeout) {
            this.queryTimeout = timeout;
            return this;
        }

        /**
         * Sets how long one DNS query waits.
         *
         * @param timeout the time-out, or {@code null} for {@link #DEFAULT_QUERY_TIMEOUT}
         * @return this
         */
        public Builder queryTimeout(Duration timeout) {
            this.queryTimeout = timeout == null ? null : timeout.toString();
            return this;
        }

        /**
         * Checks every field.
         *
         * @return the settings
         * @throws InvalidInputException listing every problem, each naming its field
         */
        public DnsSettings build() throws InvalidInputException {
            var problems = new ArrayList<Problem>();
            var timeout = Values.duration("dns.propagationTimeout", propagationTimeout, problems);
            var interval = Values.duration("dns.propagationInterval", propagationInterval, problems);
            var query = Values.duration("dns.queryTimeout", queryTimeout, problems);
            if (timeout != null && interval != null && interval.compareTo(timeout) > 0) {
                problems.add(new Problem("dns.propagationInterval", interval + " is longer than "
                        + "dns.propagationTimeout (" + timeout + "): make it shorter"));
            }
            var servers = new ArrayList<DnsServer>();
            for (var entry : resolvers) {
                try {
                    servers.add(DnsServer.parse(entry, DnsServer.DEFAULT_PORT));
                } catch (IllegalArgumentException ex) {
                    problems.add(new Problem("dns.resolvers", ex.getMessage()
                            + ". Give host or host:port entries, comma-separated"));
                }
            }
            if (nameserverPort < 1 || nameserverPort > 65535) {
                problems.add(new Problem("dns.nameserverPort", nameserverPort + " is not a port (1 to 65535)"));
            }
            if (!problems.isEmpty()) {
                throw new InvalidInputException(problems);
            }
            return new DnsSettings(this, timeout, interval, query == null ? DEFAULT_QUERY_TIMEOUT : query, servers);
        }
    }
}
