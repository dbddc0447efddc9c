package io.github.acmecertificate.core.challenge.dns.rfc2136;

import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.acmecertificate.core.challenge.dns.DnsProvider;
import io.github.acmecertificate.core.challenge.dns.DnsServer;
import io.github.acmecertificate.core.challenge.dns.DnsSettings;
import io.github.acmecertificate.core.challenge.dns.TxtRecord;
import io.github.acmecertificate.core.event.ProgressListener;
import io.github.acmecertificate.core.exception.AcmeCertificateException;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;
import org.xbill.DNS.Update;

/**
 * Adds and removes TXT values with signed dynamic updates sent to one nameserver.
 *
 * <p>An add sends one update that adds one value to the name's TXT set; a remove sends one
 * that deletes exactly that value (RFC 2136 section 2.5.4), so other values at the name,
 * such as the second value of a wildcard order, stay in place.
 *
 * @since 0.1.0
 */
public final class Rfc2136Provider implements DnsProvider {

    private final DnsServer nameserver;
    private final TSIG tsig;
    private final String keyName;
    private final String algorithm;
    private final String zone;
    private final int ttl;
    private final Duration timeout;
    private final Map<String, String> zones = new ConcurrentHashMap<>();

    Rfc2136Provider(DnsServer nameserver, TSIG tsig, String keyName, String algorithm, String zone, int ttl,
            Duration timeout, DnsSettings settings) {
        this.nameserver = nameserver;
        this.tsig = tsig;
        this.keyName = keyName;
        this.algorithm = algorithm;
        this.zone = zone;
        this.ttl = ttl;
        this.timeout = timeout;
    }

    @Override
    public String describe() {
        return Rfc2136ProviderFactory.NAME + " (nameserver " + nameserver
                + (tsig == null ? ", unsigned" : ", TSIG key " + keyName + " " + algorithm) + ")";
    }

    @Override
    public void addTxtRecord(TxtRecord record, ProgressListener listener) throws AcmeCertificateException {
        var zoneName = zoneFor(record);
        var update = newUpdate(zoneName, record);
        update.add(txt(record, ttl));
        send(update, "add the TXT record " + record, record, zoneName);
    }

    @Override
    public void removeTxtRecord(TxtRecord record, ProgressListener listener) throws AcmeCertificateException {
        var zoneName = zoneFor(record);
        var update = newUpdate(zoneName, record);
        update.delete(txt(record, 0));
        send(update, "remove the TXT record " + record, record, zoneName);
    }

    private Update newUpdate(String zoneName, TxtRecord record) throws AcmeCertificateException {
        try {
            return new Update(Name.fromString(zoneName));
        } catch (TextParseException ex) {
            throw new AcmeCertificateException("Cannot update " + record + ": '" + zoneName + "' is not a zone name",
                    ex);
        }
    }

    private static Record txt(TxtRecord record, long ttl) throws AcmeCertificateException {
        try {
            return new TXTRecord(Name.fromString(record.name()), DClass.IN, ttl, record.value());
        } catch (TextParseException ex) {
            throw new AcmeCertificateException("'" + record.name() + "' is not a DNS name", ex);
        }
    }

    private String zoneFor(TxtRecord record) throws AcmeCertificateException {
        if (zone != null) {
            if (!record.name().equals(zone) && !record.name().endsWith("." + zone)) {
                throw new AcmeCertificateException("The TXT record " + record + " is not in zone " + zone
                        + " (dns.zone). Remove dns.zone to let the zone be found, or set it to the zone holding "
                        + record.name());
            }
            return zone;
        }
        if (record.zone().isPresent()) {
            return record.zone().get();
        }
        var known = zones.get(record.name());
        if (known != null) {
            return known;
        }
        var found = askNameserverForZone(record);
        zones.put(record.name(), found);
        return found;
    }

    /** Asks the primary itself for the SOA, walking up from the record's name. */
    private String askNameserverForZone(TxtRecord record) throws AcmeCertificateException {
        try {
            var resolver = resolver(false);
            var candidate = Name.fromString(record.name());
            while (candidate.labels() > 1) {
                var response = resolver.send(Message.newQuery(Record.newRecord(candidate, Type.SOA, DClass.IN)));
                for (int section : new int[] {Section.ANSWER, Section.AUTHORITY}) {
                    for (var answer : response.getSection(section)) {
                        if (answer instanceof SOARecord && candidate.subdomain(answer.getName())) {
                            return answer.getName().toString().toLowerCase(Locale.ROOT);
                        }
                    }
                }
                candidate = new Name(candidate, 1);
            }
        } catch (IOException ex) {
            throw new AcmeCertificateException("Cannot find the zone of " + record + ": the nameserver " + nameserver
                    + " did not answer (" + ex.getMessage() + "). Check dns.nameserver, or set dns.zone", ex);
        }
        throw new AcmeCertificateException("Cannot find the zone of " + record + ": neither the resolvers nor the "
                + "nameserver " + nameserver + " know a zone holding it. Set dns.zone");
    }

    private SimpleResolver resolver(boolean signed) {
        var resolver = new SimpleResolver(nameserver.socketAddress());
        resolver.setTimeout(timeout);
        if (signed && tsig != null) {
            resolver.setTSIGKey(tsig);
        }
        return resolver;
    }

    private void send(Update update, String doing, TxtRecord record, String zoneName)
            throws AcmeCertificateException {
        Message response;
        try {
            response = resolver(true).send(update);
        } catch (IOException ex) {
            throw new AcmeCertificateException("Could not " + doing + ": the nameserver " + nameserver + " did not "
                    + "answer the dynamic update (" + ex.getMessage() + "). Check dns.nameserver and that the "
                    + "nameserver accepts updates from this machine over UDP and TCP", ex);
        }
        int rcode = response.getRcode();
        var tsigRecord = response.getTSIG();
        int tsigError = tsigRecord == null ? Rcode.NOERROR : tsigRecord.getError();
        if (rcode == Rcode.NOERROR && tsigError == Rcode.NOERROR) {
            return;
        }
        throw new AcmeCertificateException("The nameserver " + nameserver + " refused to " + doing + " in zone "
                + zoneName + " (" + Rcode.string(rcode) + (tsigError != Rcode.NOERROR ? ", TSIG "
                + Rcode.TSIGstring(tsigError) : "") + "): " + explain(rcode, tsigError, record, zoneName));
    }

    private String explain(int rcode, int tsigError, TxtRecord record, String zoneName) {
        if (tsigError == Rcode.BADKEY) {
            return "it does not know the TSIG key " + keyName + " with algorithm " + algorithm + ". Check "
                    + "dns.tsigKeyName and dns.tsigAlgorithm against the nameserver's key statement";
        }
        if (tsigError == Rcode.BADSIG) {
            return "the signature made with the TSIG key " + keyName + " does not verify: the secret (or "
                    + "dns.tsigAlgorithm " + algorithm + ") differs from the nameserver's key. Check the credentials";
        }
        if (tsigError == Rcode.BADTIME) {
            return "this machine's clock differs from the nameserver's by more than the allowed fudge; synchronize "
                    + "the clocks (NTP)";
        }
        return switch (rcode) {
            case Rcode.REFUSED -> (tsig == null ? "unsigned updates are not allowed. Set dns.tsigKeyName and the "
                    + "secret" : "the key " + keyName + " may not update " + record.name() + ". Grant it in the "
                    + "zone's update-policy, e.g. grant " + keyName + " name " + record.name() + " TXT;");
            case Rcode.NOTAUTH -> "it is not authoritative for " + zoneName + ", or refused the key. Send the "
                    + "updates to the zone's primary (dns.nameserver) and check dns.zone";
            case Rcode.NOTZONE -> record.name() + " is not in zone " + zoneName + ". Check dns.zone";
            case Rcode.SERVFAIL -> "the nameserver failed to apply the update; see its log";
            case Rcode.NOTIMP -> "the nameserver does not implement dynamic updates for this zone";
            default -> "see the nameserver's log";
        };
    }
}
