package io.github.acmecertificate.dns.route53;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import io.github.acmecertificate.core.challenge.dns.DnsProvider;
import io.github.acmecertificate.core.challenge.dns.TxtRecord;
import io.github.acmecertificate.core.event.ProgressEvent.Stage;
import io.github.acmecertificate.core.event.ProgressListener;
import io.github.acmecertificate.core.exception.AcmeCertificateException;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.Change;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.ChangeBatch;
import software.amazon.awssdk.services.route53.model.ChangeInfo;
import software.amazon.awssdk.services.route53.model.ChangeStatus;
import software.amazon.awssdk.services.route53.model.HostedZone;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * Adds and removes TXT values in a Route 53 hosted zone.
 *
 * <p>Route 53 keeps all TXT values of a name in one record set, so a value is added by
 * reading the set ({@code ListResourceRecordSets}) and writing it back with the value added
 * ({@code UPSERT}); it is removed by writing the set back without it, or deleting the set
 * when it was the last value. Each change is followed with {@code GetChange} until Route 53
 * reports it {@code INSYNC} on all its nameservers. The hosted zone is found with
 * {@code ListHostedZonesByName} unless {@code hostedZoneId} is set; public zones are
 * preferred over private ones of the same name.
 *
 * @since 0.1.0
 */
public final class Route53Provider implements DnsProvider {

    /** How long to wait for a change to be in sync, and for the nameservers, by default. */
    static final Duration PROPAGATION_TIMEOUT = Duration.ofMinutes(2);

    private static final Duration FIRST_POLL = Duration.ofMillis(200);
    private static final Duration LONGEST_POLL = Duration.ofSeconds(5);

    /** Where the credentials come from. */
    record Credentials(String accessKeyId, String secretAccessKey, String profile) {
        @Override
        public String toString() {
            // The secret key never appears, not even in a debugger's view of this record.
            return accessKeyId != null ? "access key " + accessKeyId : profile != null ? "profile " + profile
                    : "the default credential chain";
        }
    }

    /** Sleeps between change polls; replaceable so tests need not wait. */
    interface Sleeper {
        /** Sleeps on the calling thread. */
        Sleeper THREAD = duration -> Thread.sleep(duration.toMillis());

        void sleep(Duration duration) throws InterruptedException;
    }

    private final Credentials credentials;
    private final String configuredZoneId;
    private final int ttl;
    private final String region;
    private final URI endpoint;
    private final Duration timeout;
    private final Duration changeTimeout;
    private final Sleeper sleeper;
    private final Map<String, String> zoneIds = new ConcurrentHashMap<>();
    private Route53Client client;

    Route53Provider(Credentials credentials, String zoneId, int ttl, String region, URI endpoint, Duration timeout,
            Duration changeTimeout, Sleeper sleeper) {
        this.credentials = credentials;
        this.configuredZoneId = zoneId;
        this.ttl = ttl;
        this.region = region;
        this.endpoint = endpoint;
        this.timeout = timeout;
        this.changeTimeout = changeTimeout;
        this.sleeper = sleeper;
    }

    @Override
    public String describe() {
        return Route53ProviderFactory.NAME + " (" + credentials
                + (configuredZoneId == null ? "" : ", hosted zone " + configuredZoneId)
                + (endpoint == null ? "" : ", endpoint " + endpoint) + ")";
    }

    @Override
    public Duration propagationTimeout() {
        return PROPAGATION_TIMEOUT;
    }

    @Override
    public Duration propagationInterval() {
        return Duration.ofSeconds(4);
    }

    @Override
    public void addTxtRecord(TxtRecord record, ProgressListener listener) throws AcmeCertificateException {
        var zoneId = zoneId(record);
        var existing = existing(zoneId, record);
        var values = new ArrayList<>(existing.map(ResourceRecordSet::resourceRecords).orElse(List.of()).stream()
                .map(ResourceRecord::value).toList());
        var quoted = quote(record.value());
        if (values.contains(quoted)) {
            return;
        }
        values.add(quoted);
        var set = recordSet(record, existing.map(ResourceRecordSet::ttl).orElse((long) ttl), values);
        change(zoneId, ChangeAction.UPSERT, set, "add a TXT value at " + record, listener);
    }

    @Override
    public void removeTxtRecord(TxtRecord record, ProgressListener listener) throws AcmeCertificateException {
        var zoneId = zoneId(record);
        var existing = existing(zoneId, record);
        if (existing.isEmpty()) {
            return;
        }
        var quoted = quote(record.value());
        var values = new ArrayList<>(existing.get().resourceRecords().stream().map(ResourceRecord::value).toList());
        if (!values.remove(quoted)) {
            return;
        }
        if (values.isEmpty()) {
            // DELETE must name the set exactly as it is, TTL included.
            change(zoneId, ChangeAction.DELETE, existing.get(), "delete the TXT record " + record, listener);
        } else {
            change(zoneId, ChangeAction.UPSERT, recordSet(record, existing.get().ttl(), values),
                    "remove a TXT value at " + record, listener);
        }
    }

    private static String quote(String value) {
        return "\"" + value + "\"";
    }

    private static ResourceRecordSet recordSet(TxtRecord record, Long ttl, List<String> values) {
        return ResourceRecordSet.builder().name(record.name()).type(RRType.TXT).ttl(ttl)
                .resourceRecords(values.stream().map(v -> ResourceRecord.builder().value(v).build()).toList())
                .build();
    }

    private Optional<ResourceRecordSet> existing(String zoneId, TxtRecord record) throws AcmeCertificateException {
        var response = call(() -> client().listResourceRecordSets(r -> r.hostedZoneId(zoneId)
                .startRecordName(record.name()).startRecordType(RRType.TXT).maxItems("1")),
                "read the TXT record " + record, "route53:ListResourceRecordSets");
        return response.resourceRecordSets().stream()
                .filter(set -> set.type() == RRType.TXT && TxtRecord.fqdn(set.name()).equals(record.name()))
                .findFirst();
    }

    private void change(String zoneId, ChangeAction action, ResourceRecordSet set, String doing,
            ProgressListener listener) throws AcmeCertificateException {
        var batch = ChangeBatch.builder().comment("ACME DNS-01 challenge")
                .changes(Change.builder().action(action).resourceRecordSet(set).build()).build();
        var info = call(() -> client().changeResourceRecordSets(r -> r.hostedZoneId(zoneId).changeBatch(batch)),
                doing, "route53:ChangeResourceRecordSets").changeInfo();
        awaitInSync(info, doing, listener);
    }

    private void awaitInSync(ChangeInfo submitted, String doing, ProgressListener listener)
            throws AcmeCertificateException {
        var info = submitted;
        long deadline = System.nanoTime() + changeTimeout.toNanos();
        var pause = FIRST_POLL;
        boolean reported = false;
        while (info.status() != ChangeStatus.INSYNC) {
            if (System.nanoTime() > deadline) {
                throw new AcmeCertificateException("Route 53 did not finish the change " + info.id() + " to " + doing
                        + " within " + changeTimeout.toSeconds() + " s (still " + info.statusAsString() + "). Raise "
                        + "dns.propagationTimeout, or check the AWS Health Dashboard");
            }
            if (!reported) {
                listener.report(Stage.CHALLENGE, "Waiting for Route 53 change " + info.id() + " to be in sync");
                reported = true;
            }
            try {
                sleeper.sleep(pause);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new AcmeCertificateException("Interrupted while waiting for Route 53 change " + info.id());
            }
            pause = pause.multipliedBy(2).compareTo(LONGEST_POLL) > 0 ? LONGEST_POLL : pause.multipliedBy(2);
            var id = info.id();
            info = call(() -> client().getChange(r -> r.id(id)), "follow the change " + id, "route53:GetChange")
                    .changeInfo();
        }
    }

    private String zoneId(TxtRecord record) throws AcmeCertificateException {
        if (configuredZoneId != null) {
            return configuredZoneId;
        }
        var known = zoneIds.get(record.name());
        if (known != null) {
            return known;
        }
        // The zone found in DNS is the one to use; without it, the name and its parents are tried in turn.
        var candidates = new ArrayList<String>();
        if (record.zone().isPresent()) {
            candidates.add(record.zone().get());
        } else {
            for (var name = record.name(); name.chars().filter(c -> c == '.').count() >= 2;
                    name = name.substring(name.indexOf('.') + 1)) {
                candidates.add(name);
            }
        }
        for (var candidate : candidates) {
            var zones = call(() -> client().listHostedZonesByName(r -> r.dnsName(candidate).maxItems("10")),
                    "look up the hosted zone " + candidate, "route53:ListHostedZonesByName").hostedZones();
            var matching = zones.stream().filter(z -> TxtRecord.fqdn(z.name()).equals(candidate)).toList();
            var chosen = matching.stream().filter(z -> z.config() == null || !Boolean.TRUE.equals(z.config()
                    .privateZone())).findFirst().or(() -> matching.stream().findFirst());
            if (chosen.isPresent()) {
                var id = id(chosen.get());
                zoneIds.put(record.name(), id);
                return id;
            }
        }
        throw new AcmeCertificateException("Route 53 shows no hosted zone holding " + record.name() + " (asked for "
                + String.join(", ", candidates) + "). Check that the zone is in this AWS account, or set "
                + "dns.hostedZoneId");
    }

    private static String id(HostedZone zone) {
        var id = zone.id();
        return id.startsWith("/hostedzone/") ? id.substring("/hostedzone/".length()) : id;
    }

    private <T> T call(Supplier<T> request, String doing, String action) throws AcmeCertificateException {
        try {
            return request.get();
        } catch (AwsServiceException ex) {
            var details = ex.awsErrorDetails();
            var code = details == null ? "" : String.valueOf(details.errorCode());
            var text = details == null || details.errorMessage() == null ? ex.getMessage() : details.errorMessage();
            throw new AcmeCertificateException("Route 53 refused to " + doing + " (HTTP " + ex.statusCode() + ", "
                    + code + ": " + text + ")" + hint(code, action), ex);
        } catch (SdkException ex) {
            throw new AcmeCertificateException("Could not " + doing + " in Route 53: " + ex.getMessage()
                    + (credentials.accessKeyId == null && credentials.profile == null ? ". Credentials come from the "
                    + "AWS SDK's default chain here: give accessKeyId and the secret through the credentials, or "
                    + "set dns.profile" : ""), ex);
        }
    }

    private static String hint(String code, String action) {
        return switch (code.toLowerCase(Locale.ROOT)) {
            case "accessdenied", "accessdeniedexception" -> ". The credentials lack " + action + ": grant it as the "
                    + "route53 page of the DNS guide shows (only TXT records at _acme-challenge names)";
            case "invalidclienttokenid", "unrecognizedclientexception" -> ". The access key ID is unknown to AWS: "
                    + "check the credentials";
            case "signaturedoesnotmatch" -> ". The secret access key does not match the access key ID: check the "
                    + "credentials";
            case "expiredtoken" -> ". The temporary credentials expired: renew them";
            case "nosuchhostedzone" -> ". Check dns.hostedZoneId";
            case "invalidchangebatch" -> ". Route 53 refused the change; another tool may have changed the record "
                    + "at the same time: run again";
            default -> "";
        };
    }

    private synchronized Route53Client client() {
        if (client == null) {
            // The SDK loads parts of itself through the context class loader; a Jenkins or Maven plugin's own
            // class loader sees them, the thread's may not.
            var thread = Thread.currentThread();
            var previous = thread.getContextClassLoader();
            thread.setContextClassLoader(Route53Provider.class.getClassLoader());
            try {
                var builder = Route53Client.builder()
                        .httpClient(UrlConnectionHttpClient.builder().connectionTimeout(timeout)
                                .socketTimeout(timeout).build())
                        .region(signingRegion())
                        .credentialsProvider(credentialsProvider())
                        .overrideConfiguration(c -> c.apiCallTimeout(timeout));
                if (endpoint != null) {
                    builder.endpointOverride(endpoint);
                }
                client = builder.build();
            } finally {
                thread.setContextClassLoader(previous);
            }
        }
        return client;
    }

    /**
     * Route 53 is global, but its requests are signed for one region. The SDK's endpoint rules pick it for
     * the global pseudo-regions; with an endpoint override they do not run, so it is picked here.
     */
    private Region signingRegion() {
        if (endpoint == null) {
            return Region.of(region);
        }
        return switch (region) {
            case "aws-global" -> Region.US_EAST_1;
            case "aws-cn-global" -> Region.CN_NORTHWEST_1;
            case "aws-us-gov-global" -> Region.US_GOV_WEST_1;
            default -> Region.of(region);
        };
    }

    private AwsCredentialsProvider credentialsProvider() {
        if (credentials.accessKeyId != null) {
            return StaticCredentialsProvider.create(AwsBasicCredentials.create(credentials.accessKeyId,
                    credentials.secretAccessKey));
        }
        if (credentials.profile != null) {
            return ProfileCredentialsProvider.create(credentials.profile);
        }
        return DefaultCredentialsProvider.builder().build();
    }

    @Override
    public synchronized void close() {
        if (client != null) {
            client.close();
            client = null;
        }
    }
}
