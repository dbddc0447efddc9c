package io.github.acmecertificate.core.challenge.dns;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * The DNS queries behind DNS-01: following CNAMEs, finding a name's zone and its
 * nameservers through the recursive resolvers, and asking one authoritative server for TXT
 * values. Every query goes to a server chosen explicitly (no cache), so a propagation check
 * sees what the servers serve now.
 */
final class DnsLookup {

    /** Longer CNAME chains are almost certainly loops. */
    private static final int MAX_CNAME_CHAIN = 8;

    /** One nameserver of a zone, by name, with its addresses (IPv4 first). */
    record Nameserver(String name, List<InetAddress> addresses) {
        @Override
        public String toString() {
            return name + " (" + String.join(", ", addresses.stream().map(InetAddress::getHostAddress).toList()) + ")";
        }
    }

    /** What one authoritative server answered for a TXT query. */
    record TxtAnswer(int rcode, List<String> values) {
    }

    private final DnsSettings settings;
    private Resolver resolver;

    DnsLookup(DnsSettings settings) {
        this.settings = settings;
    }

    /** Describes the resolvers for messages. */
    String resolversDescription() {
        return settings.resolvers().isEmpty() ? "the system's resolvers"
                : "the resolvers " + String.join(", ", settings.resolvers().stream().map(DnsServer::toString).toList());
    }

    private synchronized Resolver resolver() throws IOException {
        if (resolver == null) {
            ExtendedResolver extended;
            if (settings.resolvers().isEmpty()) {
                extended = new ExtendedResolver();
            } else {
                var list = new ArrayList<Resolver>();
                for (var server : settings.resolvers()) {
                    var simple = new SimpleResolver(server.socketAddress());
                    simple.setTimeout(settings.queryTimeout());
                    list.add(simple);
                }
                extended = new ExtendedResolver(list);
            }
            if (extended.getResolvers().length == 0) {
                throw new IOException("no DNS resolver is configured on this machine");
            }
            extended.setTimeout(settings.queryTimeout());
            extended.setRetries(2);
            resolver = extended;
        }
        return resolver;
    }

    /**
     * Follows the CNAME chain that starts at a name.
     *
     * @return every name of the chain, the given one first and the one to write last
     */
    List<String> cnameChain(String fqdn) throws IOException {
        var chain = new ArrayList<String>();
        var seen = new LinkedHashSet<String>();
        var current = name(fqdn);
        chain.add(current.toString());
        seen.add(current.toString());
        for (int i = 0; i < MAX_CNAME_CHAIN; i++) {
            final var owner = current;
            var response = recursive(owner, Type.CNAME);
            if (response.getRcode() != Rcode.NOERROR && response.getRcode() != Rcode.NXDOMAIN) {
                throw new IOException(resolversDescription() + " answered " + Rcode.string(response.getRcode())
                        + " for the CNAME of " + owner);
            }
            var target = response.getSection(Section.ANSWER).stream()
                    .filter(r -> r instanceof CNAMERecord && r.getName().equals(owner))
                    .map(r -> ((CNAMERecord) r).getTarget().toString().toLowerCase(Locale.ROOT))
                    .findFirst();
            if (target.isEmpty()) {
                return chain;
            }
            if (!seen.add(target.get())) {
                throw new IOException("the CNAME chain " + String.join(" -> ", chain) + " -> " + target.get()
                        + " is a loop");
            }
            chain.add(target.get());
            current = name(target.get());
        }
        throw new IOException("the CNAME chain " + String.join(" -> ", chain) + " is longer than "
                + MAX_CNAME_CHAIN + " names");
    }

    /**
     * Finds the zone a name belongs to, from the SOA record the resolvers return for it or
     * for the nearest enclosing name.
     */
    Optional<String> findZone(String fqdn) throws IOException {
        var candidate = name(fqdn);
        while (candidate.labels() > 1) {
            var response = recursive(candidate, Type.SOA);
            int rcode = response.getRcode();
            if (rcode != Rcode.NOERROR && rcode != Rcode.NXDOMAIN) {
                throw new IOException(resolversDescription() + " answered " + Rcode.string(rcode)
                        + " for the SOA of " + candidate);
            }
            boolean aliased = false;
            for (var record : response.getSection(Section.ANSWER)) {
                if (record instanceof SOARecord && record.getName().equals(candidate)) {
                    return Optional.of(candidate.toString().toLowerCase(Locale.ROOT));
                }
                if (record instanceof CNAMERecord && record.getName().equals(candidate)) {
                    aliased = true;
                }
            }
            if (!aliased) {
                // A negative answer carries the SOA of the zone the name would belong to.
                for (var record : response.getSection(Section.AUTHORITY)) {
                    if (record instanceof SOARecord && candidate.subdomain(record.getName())) {
                        return Optional.of(record.getName().toString().toLowerCase(Locale.ROOT));
                    }
                }
            }
            candidate = new Name(candidate, 1);
        }
        return Optional.empty();
    }

    /** Lists the nameservers of a zone, with their addresses. */
    List<Nameserver> nameservers(String zone) throws IOException {
        var zoneName = name(zone);
        var response = recursive(zoneName, Type.NS);
        if (response.getRcode() != Rcode.NOERROR) {
            throw new IOException(resolversDescription() + " answered " + Rcode.string(response.getRcode())
                    + " for the NS records of " + zoneName);
        }
        var result = new ArrayList<Nameserver>();
        for (var record : response.getSection(Section.ANSWER)) {
            if (!(record instanceof NSRecord ns) || !record.getName().equals(zoneName)) {
                continue;
            }
            var target = ns.getTarget();
            var addresses = new ArrayList<InetAddress>();
            addresses.addAll(addresses(response, target, Type.A));
            addresses.addAll(addresses(response, target, Type.AAAA));
            if (addresses.isEmpty()) {
                addresses.addAll(addresses(recursive(target, Type.A), target, Type.A));
                addresses.addAll(addresses(recursive(target, Type.AAAA), target, Type.AAAA));
            }
            result.add(new Nameserver(target.toString().toLowerCase(Locale.ROOT), List.copyOf(addresses)));
        }
        return result;
    }

    private static List<InetAddress> addresses(Message response, Name target, int type) {
        var result = new ArrayList<InetAddress>();
        for (int section : new int[] {Section.ANSWER, Section.ADDITIONAL}) {
            for (var record : response.getSection(section)) {
                if (!record.getName().equals(target)) {
                    continue;
                }
                if (type == Type.A && record instanceof ARecord a) {
                    result.add(a.getAddress());
                } else if (type == Type.AAAA && record instanceof AAAARecord aaaa) {
                    result.add(aaaa.getAddress());
                }
            }
        }
        return result;
    }

    /** Asks one authoritative server, without recursion, for the TXT values at a name. */
    TxtAnswer queryTxt(InetAddress server, String fqdn) throws IOException {
        var simple = new SimpleResolver(new InetSocketAddress(server, settings.nameserverPort()));
        simple.setTimeout(settings.queryTimeout());
        var owner = name(fqdn);
        var query = Message.newQuery(Record.newRecord(owner, Type.TXT, DClass.IN));
        query.getHeader().unsetFlag(Flags.RD);
        var response = simple.send(query);
        var values = new ArrayList<String>();
        for (var record : response.getSection(Section.ANSWER)) {
            if (record instanceof TXTRecord txt && record.getName().equals(owner)) {
                values.add(String.join("", txt.getStrings()));
            }
        }
        return new TxtAnswer(response.getRcode(), values);
    }

    private Message recursive(Name name, int type) throws IOException {
        var query = Message.newQuery(Record.newRecord(name, type, DClass.IN));
        return resolver().send(query);
    }

    static Name name(String fqdn) throws TextParseException {
        return Name.fromString(TxtRecord.fqdn(fqdn));
    }
}
