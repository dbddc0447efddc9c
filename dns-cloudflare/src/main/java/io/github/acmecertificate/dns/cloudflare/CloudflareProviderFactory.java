package io.github.acmecertificate.dns.cloudflare;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.acmecertificate.core.challenge.dns.DnsProvider;
import io.github.acmecertificate.core.challenge.dns.DnsProviderConfig;
import io.github.acmecertificate.core.challenge.dns.DnsProviderFactory;
import io.github.acmecertificate.core.challenge.dns.DnsProviderOption;
import io.github.acmecertificate.core.exception.InvalidInputException;
import io.github.acmecertificate.core.exception.InvalidInputException.Problem;

/**
 * The {@code cloudflare} provider: TXT records through Cloudflare's v4 API, authenticated
 * with an API token scoped to the zone.
 *
 * @since 0.1.0
 */
public final class CloudflareProviderFactory implements DnsProviderFactory {

    /** The provider's name. */
    public static final String NAME = "cloudflare";
    /** Cloudflare's API. */
    public static final String DEFAULT_API_URL = "https://api.cloudflare.com/client/v4";
    /** The shortest TTL Cloudflare accepts for a plan below Enterprise. */
    static final int MIN_TTL = 120;

    private static final List<DnsProviderOption> OPTIONS = List.of(
            DnsProviderOption.secret("apiToken", "An API token with the permission Zone.DNS:Edit on the zone (and "
                    + "Zone.Zone:Read on it, unless zoneId is set).", true),
            DnsProviderOption.optional("zoneId", "The zone's ID (on the zone's overview page). When set, the "
                    + "token needs no Zone.Zone:Read and no zone look-up is made.", null),
            DnsProviderOption.optional("ttl", "The TTL of the TXT records, in seconds (120 or more).",
                    Integer.toString(MIN_TTL)),
            DnsProviderOption.optional("apiUrl", "The API's base URL. It receives the token, so https is required; http only on loopback.", DEFAULT_API_URL),
            DnsProviderOption.optional("timeout", "How long to wait for the API to answer one request (ISO-8601 "
                    + "duration or seconds).", "PT30S"));

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Cloudflare DNS through its v4 API, with an API token scoped to the zone.";
    }

    @Override
    public List<DnsProviderOption> options() {
        return OPTIONS;
    }

    @Override
    public DnsProvider create(DnsProviderConfig config) throws InvalidInputException {
        var problems = new ArrayList<Problem>();
        URI api = URI.create(DEFAULT_API_URL);
        int ttl = MIN_TTL;
        Duration timeout = Duration.ofSeconds(30);
        try {
            api = config.httpsUrl("apiUrl").orElse(api);
        } catch (InvalidInputException ex) {
            problems.addAll(ex.problems());
        }
        try {
            ttl = config.integer("ttl", MIN_TTL, 86400).orElse(ttl);
        } catch (InvalidInputException ex) {
            problems.addAll(ex.problems());
        }
        try {
            timeout = config.duration("timeout").orElse(timeout);
        } catch (InvalidInputException ex) {
            problems.addAll(ex.problems());
        }
        var zoneId = config.get("zoneId");
        if (zoneId.isPresent() && !zoneId.get().matches("[0-9a-fA-F]{32}")) {
            problems.add(new Problem(DnsProviderConfig.field("zoneId"), "'" + zoneId.get() + "' is not a zone ID "
                    + "(32 hexadecimal digits, shown on the zone's overview page)"));
        }
        var token = config.require("apiToken");
        if (token.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
            problems.add(new Problem(DnsProviderConfig.field("apiToken"), "contains spaces or other characters a "
                    + "token cannot hold. Check that the whole token, and only the token, was stored"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return new CloudflareProvider(api, token, zoneId.orElse(null), ttl, timeout);
    }
}
