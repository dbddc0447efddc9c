package io.github.acmecertificate.dns.cloudflare;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.acmecertificate.core.challenge.dns.DnsProvider;
import io.github.acmecertificate.core.challenge.dns.TxtRecord;
import io.github.acmecertificate.core.event.ProgressListener;
import io.github.acmecertificate.core.exception.AcmeCertificateException;

/**
 * Adds and removes TXT records through Cloudflare's v4 API.
 *
 * <p>The zone is found with {@code GET /zones?name=} (the zone found in DNS first, else the
 * record's name and its parents), unless {@code zoneId} is set. Each value is its own
 * record ({@code POST /zones/{zone}/dns_records}), so a name and its wildcard live side by
 * side; removal deletes the record by the ID its creation returned, or, for a record this
 * run did not create, by looking it up by name and content.
 *
 * @since 0.1.0
 */
public final class CloudflareProvider implements DnsProvider {

    private static final Duration PROPAGATION_TIMEOUT = Duration.ofMinutes(2);

    private final URI api;
    private final String token;
    private final String configuredZoneId;
    private final int ttl;
    private final Duration timeout;
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, String> zoneIds = new ConcurrentHashMap<>();
    private final Map<String, String> zoneIdsByRecord = new ConcurrentHashMap<>();
    private final Map<String, String> recordIds = new ConcurrentHashMap<>();
    private HttpClient http;

    CloudflareProvider(URI api, String token, String zoneId, int ttl, Duration timeout) {
        this.api = api;
        this.token = token;
        this.configuredZoneId = zoneId == null ? null : zoneId.toLowerCase(java.util.Locale.ROOT);
        this.ttl = ttl;
        this.timeout = timeout;
    }

    @Override
    public String describe() {
        return CloudflareProviderFactory.NAME + (configuredZoneId == null ? "" : " (zone " + configuredZoneId + ")")
                + (api.toString().equals(CloudflareProviderFactory.DEFAULT_API_URL) ? "" : " at " + api);
    }

    @Override
    public Duration propagationTimeout() {
        return PROPAGATION_TIMEOUT;
    }

    @Override
    public void addTxtRecord(TxtRecord record, ProgressListener listener) throws AcmeCertificateException {
        var zoneId = zoneId(record);
        var body = json.createObjectNode()
                .put("type", "TXT")
                .put("name", record.nameWithoutDot())
                .put("content", record.value())
                .put("ttl", ttl);
        var result = call("POST", "/zones/" + zoneId + "/dns_records", body.toString(),
                "create the TXT record " + record);
        var id = result.path("result").path("id").asText("");
        if (id.isEmpty()) {
            throw new AcmeCertificateException("Cloudflare created the TXT record " + record + " but returned no "
                    + "record ID; remove the record in the dashboard if it stays");
        }
        recordIds.put(key(record), id);
    }

    @Override
    public void removeTxtRecord(TxtRecord record, ProgressListener listener) throws AcmeCertificateException {
        var zoneId = zoneId(record);
        var ids = new ArrayList<String>();
        var known = recordIds.remove(key(record));
        if (known != null) {
            ids.add(known);
        } else {
            var found = call("GET", "/zones/" + zoneId + "/dns_records?type=TXT&name=" + encode(record.nameWithoutDot())
                    + "&content=" + encode(record.value()), null, "look up the TXT record " + record);
            found.path("result").forEach(r -> ids.add(r.path("id").asText()));
        }
        for (var id : ids) {
            try {
                call("DELETE", "/zones/" + zoneId + "/dns_records/" + id, null, "delete the TXT record " + record);
            } catch (NotFound ex) {
                // Already gone: the goal of a clean-up is reached.
            }
        }
    }

    private static String key(TxtRecord record) {
        return record.name() + " " + record.value();
    }

    private String zoneId(TxtRecord record) throws AcmeCertificateException {
        if (configuredZoneId != null) {
            return configuredZoneId;
        }
        var known = zoneIdsByRecord.get(record.name());
        if (known != null) {
            return known;
        }
        var id = lookUpZoneId(record);
        zoneIdsByRecord.put(record.name(), id);
        return id;
    }

    private String lookUpZoneId(TxtRecord record) throws AcmeCertificateException {
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
            var zone = TxtRecord.withoutDot(candidate);
            var cached = zoneIds.get(zone);
            if (cached != null) {
                return cached;
            }
            var found = call("GET", "/zones?name=" + encode(zone), null, "look up the zone " + zone);
            for (var result : found.path("result")) {
                if (zone.equalsIgnoreCase(result.path("name").asText())) {
                    var id = result.path("id").asText();
                    zoneIds.put(zone, id);
                    return id;
                }
            }
        }
        throw new AcmeCertificateException("Cloudflare shows no zone holding " + record.name() + " to this token "
                + "(asked for " + String.join(", ", candidates.stream().map(TxtRecord::withoutDot).toList()) + "). "
                + "Check that the zone is in the account, and give the token Zone.Zone:Read on it or set dns.zoneId");
    }

    /** The API answered 404: for a delete, the record is already gone. */
    private static final class NotFound extends AcmeCertificateException {
        private static final long serialVersionUID = 1L;

        NotFound(String message) {
            super(message);
        }
    }

    private JsonNode call(String method, String path, String body, String doing) throws AcmeCertificateException {
        var builder = HttpRequest.newBuilder(URI.create(api + path))
                .timeout(timeout)
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json");
        if (body != null) {
            builder.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        } else {
            builder.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> response;
        try {
            response = client().send(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException ex) {
            throw new AcmeCertificateException("Could not reach Cloudflare's API at " + api + " to " + doing + ": "
                    + ex.getMessage() + ". Check the network and proxy settings", ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new AcmeCertificateException("Interrupted while trying to " + doing + " at Cloudflare");
        }
        JsonNode node = null;
        try {
            node = json.readTree(response.body());
        } catch (JsonProcessingException ex) {
            // Reported below with the status.
        }
        int status = response.statusCode();
        if (status / 100 == 2 && node != null && node.path("success").asBoolean(false)) {
            return node;
        }
        var errors = errors(node);
        if (status == 404 && "DELETE".equals(method)) {
            throw new NotFound(errors);
        }
        throw new AcmeCertificateException("Cloudflare refused to " + doing + " (HTTP " + status
                + (errors.isEmpty() ? "" : ": " + errors) + ")" + hint(status, node));
    }

    /** Joins Cloudflare's error codes and messages, e.g. {@code 9109 Invalid access token}. */
    private String errors(JsonNode node) {
        if (node == null) {
            return "";
        }
        var parts = new ArrayList<String>();
        for (var error : node.path("errors")) {
            var text = error.path("code").asText() + " " + error.path("message").asText();
            var chain = new ArrayList<String>();
            error.path("error_chain").forEach(e -> chain.add(e.path("code").asText() + " "
                    + e.path("message").asText()));
            parts.add(chain.isEmpty() ? text : text + " (" + String.join("; ", chain) + ")");
        }
        // Cloudflare never echoes the token, but a proxy might: keep it out regardless.
        return String.join("; ", parts).replace(token, "****");
    }

    private static String hint(int status, JsonNode node) {
        var codes = new ArrayList<Integer>();
        if (node != null) {
            node.path("errors").forEach(e -> codes.add(e.path("code").asInt()));
        }
        if (codes.contains(9109) || codes.contains(6003) || codes.contains(6111) || status == 401) {
            return ". The API token is not valid: check that the credentials hold the whole token, that it has not "
                    + "expired or been rolled, and that its IP filter allows this machine";
        }
        if (codes.contains(10000) || status == 403) {
            return ". The token may not do this: give it Zone.DNS:Edit (and Zone.Zone:Read, unless dns.zoneId is "
                    + "set) on this zone";
        }
        if (status == 429) {
            return ". Cloudflare rate-limited the token; run again later";
        }
        return "";
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private synchronized HttpClient client() {
        if (http == null) {
            http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
        }
        return http;
    }

    @Override
    public synchronized void close() {
        http = null;
    }
}
