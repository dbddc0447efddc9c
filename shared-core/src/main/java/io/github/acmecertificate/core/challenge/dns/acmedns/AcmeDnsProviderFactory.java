package io.github.acmecertificate.core.challenge.dns.acmedns;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.github.acmecertificate.core.challenge.dns.DnsProvider;
import io.github.acmecertificate.core.challenge.dns.DnsProviderConfig;
import io.github.acmecertificate.core.challenge.dns.DnsProviderFactory;
import io.github.acmecertificate.core.challenge.dns.DnsProviderOption;
import io.github.acmecertificate.core.exception.InvalidInputException;
import io.github.acmecertificate.core.exception.InvalidInputException.Problem;

/**
 * The {@code acme-dns} provider: updates the TXT record of one
 * <a href="https://github.com/joohoi/acme-dns">acme-dns</a> registration, to which the
 * {@code _acme-challenge} names are delegated by CNAME. The build then holds a credential
 * that can change that one TXT record and nothing else in any zone.
 *
 * @since 0.1.0
 */
public final class AcmeDnsProviderFactory implements DnsProviderFactory {

    /** The provider's name. */
    public static final String NAME = "acme-dns";

    private static final List<DnsProviderOption> OPTIONS = List.of(
            DnsProviderOption.required("apiUrl", "The acme-dns server's API, e.g. https://auth.example.com (the "
                    + "/update path is added). It receives the API key, so https is required; http only on loopback."),
            DnsProviderOption.required("subdomain", "The registration's subdomain (a UUID): the first label of its "
                    + "fulldomain, where the _acme-challenge CNAMEs point."),
            DnsProviderOption.required("username", "The registration's username, sent as X-Api-User.")
                    .fromCredentialUsername(),
            DnsProviderOption.secret("password", "The registration's password, sent as X-Api-Key.", true),
            DnsProviderOption.optional("timeout", "How long to wait for the API to answer one request (ISO-8601 "
                    + "duration or seconds).", "PT30S"));

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Updates an acme-dns registration to which _acme-challenge names are delegated by CNAME: the build "
                + "holds no zone-wide credentials.";
    }

    @Override
    public List<DnsProviderOption> options() {
        return OPTIONS;
    }

    @Override
    public DnsProvider create(DnsProviderConfig config) throws InvalidInputException {
        var problems = new ArrayList<Problem>();
        URI api = null;
        try {
            api = config.httpsUrl("apiUrl").orElseThrow();
        } catch (InvalidInputException ex) {
            problems.addAll(ex.problems());
        }
        var subdomain = config.require("subdomain").toLowerCase(Locale.ROOT);
        if (!subdomain.matches("[a-z0-9-]{1,63}")) {
            problems.add(new Problem(DnsProviderConfig.field("subdomain"), "'" + subdomain + "' is not a single DNS "
                    + "label. Give the registration's subdomain, not its fulldomain"));
        }
        Duration timeout = Duration.ofSeconds(30);
        try {
            timeout = config.duration("timeout").orElse(timeout);
        } catch (InvalidInputException ex) {
            problems.addAll(ex.problems());
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return new AcmeDnsProvider(api, subdomain, config.require("username"), config.require("password"), timeout);
    }
}
