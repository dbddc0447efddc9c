package io.github.acmecertificate.core.challenge.dns;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import io.github.acmecertificate.core.event.ProgressEvent.Stage;
import io.github.acmecertificate.core.event.ProgressListener;
import io.github.acmecertificate.core.exception.AcmeCertificateException;
import org.xbill.DNS.Rcode;

/**
 * Waits until every authoritative nameserver of each record's zone serves every value
 * written there: the CA may ask any of them, and one that lags makes validation fail.
 */
final class PropagationCheck {

    /** How often a still-waiting check says so in the build log. */
    private static final Duration REMINDER = Duration.ofSeconds(30);

    /** The values expected at one name. */
    static final class Expected {
        final String name;
        final String description;
        final String zone;
        final Set<String> values = new LinkedHashSet<>();

        Expected(String name, String description, String zone) {
            this.name = name;
            this.description = description;
            this.zone = zone;
        }
    }

    /** One name at one nameserver, and what was last seen there. */
    private static final class Target {
        final Expected expected;
        final DnsLookup.Nameserver server;
        String lastSeen = "was not asked yet";

        Target(Expected expected, DnsLookup.Nameserver server) {
            this.expected = expected;
            this.server = server;
        }
    }

    /** Sleeps between rounds; replaceable so tests need not wait. */
    interface Sleeper {
        /** Sleeps on the calling thread. */
        Sleeper THREAD = duration -> Thread.sleep(duration.toMillis(), (int) (duration.toNanos() % 1_000_000));

        void sleep(Duration duration) throws InterruptedException;
    }

    private final DnsLookup lookup;
    private final Duration timeout;
    private final Duration interval;
    private final Sleeper sleeper;

    PropagationCheck(DnsLookup lookup, Duration timeout, Duration interval, Sleeper sleeper) {
        this.lookup = lookup;
        this.timeout = timeout;
        this.interval = interval;
        this.sleeper = sleeper;
    }

    void await(List<Expected> records, ProgressListener listener)
            throws AcmeCertificateException, InterruptedException {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        var pending = new ArrayList<Target>();
        for (var expected : records) {
            var servers = nameservers(expected);
            listener.report(Stage.CHALLENGE, "Waiting up to " + format(timeout) + " for " + servers.size()
                    + " authoritative nameserver(s) of " + zoneOf(expected) + " to serve " + expected.description
                    + ": " + servers.stream().map(Object::toString).collect(Collectors.joining(", ")));
            servers.forEach(server -> pending.add(new Target(expected, server)));
        }
        long nextReminder = start + REMINDER.toNanos();
        while (true) {
            for (var iterator = pending.iterator(); iterator.hasNext();) {
                var target = iterator.next();
                if (check(target)) {
                    listener.report(Stage.CHALLENGE, target.server + " serves " + target.expected.description);
                    iterator.remove();
                }
            }
            if (pending.isEmpty()) {
                listener.report(Stage.CHALLENGE, "Every authoritative nameserver serves the DNS-01 records");
                return;
            }
            long now = System.nanoTime();
            if (now >= deadline) {
                throw timedOut(pending);
            }
            if (now >= nextReminder) {
                listener.report(Stage.CHALLENGE, "Still waiting for " + pending.stream()
                        .map(t -> t.server.name() + " (" + t.expected.name + ": " + t.lastSeen + ")")
                        .collect(Collectors.joining(", ")));
                nextReminder = now + REMINDER.toNanos();
            }
            sleeper.sleep(Duration.ofNanos(Math.min(interval.toNanos(), Math.max(deadline - now, 1_000_000))));
        }
    }

    /** Formats a duration for the log: {@code 90 s}, or {@code 500 ms} below a second. */
    static String format(Duration duration) {
        return duration.compareTo(Duration.ofSeconds(1)) < 0 ? duration.toMillis() + " ms"
                : duration.toSeconds() + " s";
    }

    private String zoneOf(Expected expected) {
        return expected.zone == null ? "the zone" : expected.zone;
    }

    private List<DnsLookup.Nameserver> nameservers(Expected expected) throws AcmeCertificateException {
        var zone = Optional.ofNullable(expected.zone);
        var hint = ". Set dns.resolvers to resolvers that see the zone, or dns.skipPropagationCheck=true to ask the "
                + "CA to validate without this check";
        try {
            if (zone.isEmpty()) {
                zone = lookup.findZone(expected.name);
            }
            if (zone.isEmpty()) {
                throw new AcmeCertificateException("Cannot check the propagation of " + expected.description
                        + ": " + lookup.resolversDescription() + " return no SOA record for it or a parent name"
                        + hint);
            }
            var servers = lookup.nameservers(zone.get());
            var reachable = servers.stream().filter(s -> !s.addresses().isEmpty()).toList();
            if (reachable.isEmpty()) {
                throw new AcmeCertificateException("Cannot check the propagation of " + expected.description
                        + ": " + lookup.resolversDescription() + " return no nameserver with an address for zone "
                        + zone.get() + hint);
            }
            return reachable;
        } catch (IOException ex) {
            throw new AcmeCertificateException("Cannot check the propagation of " + expected.description
                    + ": looking up its zone and nameservers failed (" + ex.getMessage() + ")" + hint, ex);
        }
    }

    /** Asks the server's addresses in turn; the first that answers decides. */
    private boolean check(Target target) {
        var problems = new ArrayList<String>();
        for (var address : target.server.addresses()) {
            try {
                var answer = lookup.queryTxt(address, target.expected.name);
                if (answer.rcode() != Rcode.NOERROR && answer.rcode() != Rcode.NXDOMAIN) {
                    problems.add(address.getHostAddress() + " answered " + Rcode.string(answer.rcode()));
                    continue;
                }
                long found = target.expected.values.stream().filter(answer.values()::contains).count();
                int wanted = target.expected.values.size();
                if (found == wanted) {
                    return true;
                }
                target.lastSeen = found == 0 ? (wanted == 1 ? "the value is missing" : "none of the " + wanted
                        + " values is there") : "serves " + found + " of the " + wanted + " values";
                return false;
            } catch (IOException ex) {
                problems.add(address.getHostAddress() + " did not answer (" + ex.getMessage() + ")");
            }
        }
        target.lastSeen = String.join("; ", problems);
        return false;
    }

    private AcmeCertificateException timedOut(List<Target> pending) {
        var byRecord = new LinkedHashMap<Expected, List<Target>>();
        pending.forEach(t -> byRecord.computeIfAbsent(t.expected, e -> new ArrayList<>()).add(t));
        var details = new ArrayList<String>();
        for (Map.Entry<Expected, List<Target>> entry : byRecord.entrySet()) {
            details.add("the TXT record " + entry.getKey().description + " is not served by " + entry.getValue()
                    .stream().map(t -> t.server + ": " + t.lastSeen).collect(Collectors.joining(", ")));
        }
        return new AcmeCertificateException("DNS propagation timed out after " + format(timeout) + ": "
                + String.join("; ", details) + ". The CA may ask any authoritative nameserver. Check that the "
                + "provider updates the zone's primary and that the other nameservers receive the change (NOTIFY, "
                + "zone transfers), raise dns.propagationTimeout, or set dns.skipPropagationCheck=true if these "
                + "servers cannot be reached from this build");
    }
}
