package io.github.acmecertificate.core.challenge.dns.rfc2136;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.github.acmecertificate.core.challenge.dns.DnsProvider;
import io.github.acmecertificate.core.challenge.dns.DnsProviderConfig;
import io.github.acmecertificate.core.challenge.dns.DnsProviderFactory;
import io.github.acmecertificate.core.challenge.dns.DnsProviderOption;
import io.github.acmecertificate.core.challenge.dns.DnsServer;
import io.github.acmecertificate.core.exception.InvalidInputException;
import io.github.acmecertificate.core.exception.InvalidInputException.Problem;
import org.xbill.DNS.Name;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.TextParseException;

/**
 * The {@code rfc2136} provider: dynamic DNS updates (RFC 2136) signed with a TSIG key
 * (RFC 8945), which BIND, Knot DNS, PowerDNS and Windows DNS accept.
 *
 * @since 0.1.0
 */
public final class Rfc2136ProviderFactory implements DnsProviderFactory {

    /** The provider's name. */
    public static final String NAME = "rfc2136";

    private static final Map<String, Name> ALGORITHMS = Map.of(
            "hmac-md5", TSIG.HMAC_MD5,
            "hmac-sha1", TSIG.HMAC_SHA1,
            "hmac-sha224", TSIG.HMAC_SHA224,
            "hmac-sha256", TSIG.HMAC_SHA256,
            "hmac-sha384", TSIG.HMAC_SHA384,
            "hmac-sha512", TSIG.HMAC_SHA512);

    private static final List<DnsProviderOption> OPTIONS = List.of(
            DnsProviderOption.required("nameserver", "The primary nameserver that accepts updates for the zone: a "
                    + "host name or IP address, with :port if not 53."),
            DnsProviderOption.optional("tsigKeyName", "The name of the TSIG key, as the nameserver knows it (e.g. "
                    + "acme-update). Without a key, updates are sent unsigned.", null).fromCredentialUsername(),
            DnsProviderOption.secret("tsigSecret", "The TSIG key's secret in base64, as in the nameserver's key "
                    + "statement. Needed with tsigKeyName.", false),
            DnsProviderOption.optional("tsigAlgorithm", "The TSIG algorithm: hmac-sha256, hmac-sha384, hmac-sha512, "
                    + "hmac-sha224, hmac-sha1 or hmac-md5.", "hmac-sha256"),
            DnsProviderOption.optional("zone", "The zone to update, e.g. example.com. By default the zone is found "
                    + "from the SOA record of the record's name.", null),
            DnsProviderOption.optional("ttl", "The TTL of the TXT records, in seconds.", "60"),
            DnsProviderOption.optional("timeout", "How long to wait for the nameserver to answer one update "
                    + "(ISO-8601 duration or seconds).", "PT10S"));

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Dynamic DNS update (RFC 2136) signed with a TSIG key: BIND, Knot DNS, PowerDNS, Windows DNS.";
    }

    @Override
    public List<DnsProviderOption> options() {
        return OPTIONS;
    }

    @Override
    public DnsProvider create(DnsProviderConfig config) throws InvalidInputException {
        var problems = new ArrayList<Problem>();
        DnsServer nameserver = null;
        try {
            nameserver = config.server("nameserver", DnsServer.DEFAULT_PORT).orElseThrow();
        } catch (InvalidInputException ex) {
            problems.addAll(ex.problems());
        }
        var keyName = config.get("tsigKeyName");
        var secret = config.get("tsigSecret");
        TSIG tsig = null;
        if (keyName.isPresent() && secret.isEmpty()) {
            problems.add(new Problem(DnsProviderConfig.field("tsigSecret"), "is needed with tsigKeyName. Give it "
                    + "through the DNS credential (dns.credential) or in a file named by tsigSecretFile"));
        } else if (keyName.isEmpty() && secret.isPresent()) {
            problems.add(new Problem(DnsProviderConfig.field("tsigKeyName"), "is needed with tsigSecret: give the "
                    + "name of the key as the nameserver knows it"));
        }
        var algorithmText = config.get("tsigAlgorithm").orElse("hmac-sha256").toLowerCase(Locale.ROOT);
        var algorithm = ALGORITHMS.get(algorithmText.endsWith(".") ? algorithmText.substring(0,
                algorithmText.length() - 1) : algorithmText);
        if (algorithm == null) {
            problems.add(new Problem(DnsProviderConfig.field("tsigAlgorithm"), "'" + algorithmText + "' is not a TSIG "
                    + "algorithm. Use one of hmac-sha256, hmac-sha384, hmac-sha512, hmac-sha224, hmac-sha1, hmac-md5"));
        }
        if (keyName.isPresent() && secret.isPresent() && algorithm != null) {
            byte[] key = null;
            try {
                key = Base64.getDecoder().decode(secret.get().replaceAll("\\s", ""));
            } catch (IllegalArgumentException ex) {
                // The secret itself never goes into the message.
                problems.add(new Problem(DnsProviderConfig.field("tsigSecret"), "is not base64. Copy the secret "
                        + "from the nameserver's key statement (tsig-keygen prints it)"));
            }
            try {
                var name = Name.fromString(keyName.get(), Name.root);
                if (key != null) {
                    tsig = new TSIG(algorithm, name, key);
                }
            } catch (TextParseException ex) {
                problems.add(new Problem(DnsProviderConfig.field("tsigKeyName"), "'" + keyName.get()
                        + "' is not a key name"));
            }
        }
        String zone = null;
        if (config.get("zone").isPresent()) {
            try {
                zone = Name.fromString(config.get("zone").get(), Name.root).toString().toLowerCase(Locale.ROOT);
            } catch (TextParseException ex) {
                problems.add(new Problem(DnsProviderConfig.field("zone"), "'" + config.get("zone").get()
                        + "' is not a zone name"));
            }
        }
        int ttl = 60;
        Duration timeout = Duration.ofSeconds(10);
        try {
            ttl = config.integer("ttl", 0, 86400).orElse(60);
        } catch (InvalidInputException ex) {
            problems.addAll(ex.problems());
        }
        try {
            timeout = config.duration("timeout").orElse(timeout);
        } catch (InvalidInputException ex) {
            problems.addAll(ex.problems());
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return new Rfc2136Provider(nameserver, tsig, keyName.map(k -> k.endsWith(".") ? k : k + ".").orElse(null),
                algorithmText, zone, ttl, timeout, config.settings());
    }
}
