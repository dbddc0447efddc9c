package io.github.acmecertificate.dns.route53;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.Locale;

import io.github.acmecertificate.core.challenge.dns.DnsProvider;
import io.github.acmecertificate.core.challenge.dns.DnsProviderConfig;
import io.github.acmecertificate.core.challenge.dns.DnsProviderFactory;
import io.github.acmecertificate.core.challenge.dns.DnsProviderOption;
import io.github.acmecertificate.core.exception.InvalidInputException;
import io.github.acmecertificate.core.exception.InvalidInputException.Problem;

/**
 * The {@code route53} provider: TXT records in Amazon Route 53 through the AWS SDK for Java
 * 2.x, with credentials from the SDK's default chain, a named profile, or the front end's
 * credential store.
 *
 * @since 0.1.0
 */
public final class Route53ProviderFactory implements DnsProviderFactory {

    /** The provider's name. */
    public static final String NAME = "route53";

    private static final List<DnsProviderOption> OPTIONS = List.of(
            DnsProviderOption.optional("accessKeyId", "The access key ID of an IAM user. Without it, credentials "
                    + "come from the AWS SDK's default chain (environment, ~/.aws files, web identity, container or "
                    + "instance role).", null).fromCredentialUsername(),
            DnsProviderOption.secret("secretAccessKey", "The secret access key that goes with accessKeyId.", false),
            DnsProviderOption.optional("profile", "A profile of ~/.aws/credentials and ~/.aws/config to take "
                    + "credentials from, instead of the default chain.", null),
            DnsProviderOption.optional("hostedZoneId", "The hosted zone's ID, e.g. Z1D633PJN98FT9. When set, no "
                    + "ListHostedZonesByName call is made.", null),
            DnsProviderOption.optional("ttl", "The TTL of the TXT records, in seconds.", "60"),
            DnsProviderOption.optional("region", "The region requests are signed for: aws-global, or "
                    + "aws-cn-global for China.", "aws-global"),
            DnsProviderOption.optional("endpoint", "The Route 53 API endpoint, to override the SDK's (a VPC "
                    + "endpoint, or a test server). https is required; http only on loopback.", null),
            DnsProviderOption.optional("timeout", "How long one API call may take, retries included (ISO-8601 "
                    + "duration or seconds).", "PT30S"));

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Amazon Route 53 through the AWS SDK for Java 2.x, with least-privilege IAM credentials.";
    }

    @Override
    public List<DnsProviderOption> options() {
        return OPTIONS;
    }

    /**
     * Without an access key, the AWS SDK takes credentials from its default chain: this
     * machine's environment, {@code ~/.aws} files, and instance or container role.
     */
    @Override
    public Optional<String> hostAccess(Map<String, String> options, boolean hasCredential) {
        var named = DnsProviderFactory.super.hostAccess(options, hasCredential);
        if (named.isPresent()) {
            return named;
        }
        var option = options().stream().filter(o -> o.key().equals("profile")).findFirst().orElseThrow();
        if (options.keySet().stream().anyMatch(option::matches)) {
            return Optional.of("uses an AWS profile of this machine (the profile option)");
        }
        var accessKey = options().stream().filter(o -> o.key().equals("accessKeyId")).findFirst().orElseThrow();
        if (!hasCredential && options.keySet().stream().noneMatch(accessKey::matches)) {
            return Optional.of("uses this machine's own AWS credentials (route53 without a credential or accessKeyId)");
        }
        return Optional.empty();
    }

    @Override
    public DnsProvider create(DnsProviderConfig config) throws InvalidInputException {
        var problems = new ArrayList<Problem>();
        var accessKeyId = config.get("accessKeyId");
        var secretAccessKey = config.get("secretAccessKey");
        var profile = config.get("profile");
        if (accessKeyId.isPresent() && secretAccessKey.isEmpty()) {
            problems.add(new Problem(DnsProviderConfig.field("secretAccessKey"), "is needed with accessKeyId. Give "
                    + "it through the DNS credential (dns.credential) or in a file named by secretAccessKeyFile"));
        } else if (accessKeyId.isEmpty() && secretAccessKey.isPresent()) {
            problems.add(new Problem(DnsProviderConfig.field("accessKeyId"), "is needed with secretAccessKey"));
        }
        if (profile.isPresent() && accessKeyId.isPresent()) {
            problems.add(new Problem(DnsProviderConfig.field("profile"), "cannot be used together with accessKeyId: "
                    + "choose one source of credentials"));
        }
        if (accessKeyId.isPresent() && !accessKeyId.get().matches("[A-Z0-9]{16,128}")) {
            problems.add(new Problem(DnsProviderConfig.field("accessKeyId"), "'" + accessKeyId.get() + "' is not an "
                    + "access key ID (upper-case letters and digits, such as AKIAIOSFODNN7EXAMPLE)"));
        }
        var zoneId = config.get("hostedZoneId").map(z -> z.replaceFirst("^/?hostedzone/", ""));
        if (zoneId.isPresent() && !zoneId.get().matches("[A-Z0-9]{1,32}")) {
            problems.add(new Problem(DnsProviderConfig.field("hostedZoneId"), "'" + zoneId.get() + "' is not a hosted "
                    + "zone ID (such as Z1D633PJN98FT9)"));
        }
        var region = config.get("region").orElse("aws-global").toLowerCase(Locale.ROOT);
        if (!region.matches("[a-z0-9-]+")) {
            problems.add(new Problem(DnsProviderConfig.field("region"), "'" + region + "' is not a region name"));
        }
        int ttl = 60;
        Duration timeout = Duration.ofSeconds(30);
        URI endpoint = null;
        try {
            ttl = config.integer("ttl", 0, 2147483647).orElse(ttl);
        } catch (InvalidInputException ex) {
            problems.addAll(ex.problems());
        }
        try {
            endpoint = config.httpsUrl("endpoint").orElse(null);
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
        var credentials = new Route53Provider.Credentials(accessKeyId.orElse(null), secretAccessKey.orElse(null),
                profile.orElse(null));
        return new Route53Provider(credentials, zoneId.orElse(null), ttl, region, endpoint, timeout,
                config.settings().propagationTimeout().orElse(Route53Provider.PROPAGATION_TIMEOUT),
                Route53Provider.Sleeper.THREAD);
    }
}
