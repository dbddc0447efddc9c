package io.github.acmecertificate.core.challenge.dns.acmedns;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.github.acmecertificate.core.challenge.dns.DnsProvider;
import io.github.acmecertificate.core.challenge.dns.TxtRecord;
import io.github.acmecertificate.core.event.ProgressEvent.Stage;
import io.github.acmecertificate.core.event.ProgressListener;
import io.github.acmecertificate.core.exception.AcmeCertificateException;
import io.github.acmecertificate.core.exception.InvalidInputException;
import io.github.acmecertificate.core.name.SubjectName;
import org.shredzone.acme4j.toolbox.JSON;
import org.shredzone.acme4j.toolbox.JSONBuilder;

/**
 * Sets TXT values through acme-dns's {@code POST /update} API.
 *
 * <p>acme-dns keeps the two latest values of a registration and serves both, which is
 * exactly what a name and its wildcard need; there is no API to delete a value, so removing
 * one does nothing (the next run's values replace it). One registration therefore serves
 * at most two names per certificate.
 *
 * @since 0.1.0
 */
public final class AcmeDnsProvider implements DnsProvider {

    /** How many values acme-dns keeps per registration. */
    static final int VALUES_KEPT = 2;

    private final URI api;
    private final String subdomain;
    private final String username;
    private final String password;
    private final Duration timeout;
    private final List<String> sent = new ArrayList<>();
    private HttpClient http;

    AcmeDnsProvider(URI api, String subdomain, String username, String password, Duration timeout) {
        this.api = api;
        this.subdomain = subdomain;
        this.username = username;
        this.password = password;
        this.timeout = timeout;
    }

    @Override
    public String describe() {
        return AcmeDnsProviderFactory.NAME + " (" + api + ", subdomain " + subdomain + ")";
    }

    @Override
    public void validate(List<SubjectName> names) throws InvalidInputException {
        if (names.size() > VALUES_KEPT) {
            throw new InvalidInputException("dns.subdomain", "one acme-dns registration serves two TXT values at a "
                    + "time (a name and its wildcard), and " + names.size() + " names were given. Split them into "
                    + "certificates of at most two names, such as example.com and *.example.com");
        }
    }

    @Override
    public synchronized void addTxtRecord(TxtRecord record, ProgressListener listener)
            throws AcmeCertificateException {
        checkDelegation(record, listener);
        if (sent.size() >= VALUES_KEPT) {
            throw new AcmeCertificateException("acme-dns keeps two TXT values per registration and this run already "
                    + "set two; " + record + " would replace one of them. Put at most two names in one certificate");
        }
        var body = new JSONBuilder().put("subdomain", subdomain).put("txt", record.value()).toString();
        var request = HttpRequest.newBuilder(api.resolve(api.getRawPath() + "/update"))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .header("X-Api-User", username)
                .header("X-Api-Key", password)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response;
        try {
            response = client().send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException ex) {
            throw new AcmeCertificateException("Could not reach the acme-dns API at " + api + " to set " + record
                    + ": " + ex.getMessage() + ". Check dns.apiUrl and the network", ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new AcmeCertificateException("Interrupted while setting " + record + " through acme-dns");
        }
        if (response.statusCode() == 200) {
            sent.add(record.value());
            return;
        }
        var error = errorCode(response.body()).orElse("");
        var explanation = switch (error) {
            case "forbidden" -> "the credentials were refused for subdomain " + subdomain + ". Check dns.username, "
                    + "the password in the credentials and dns.subdomain, and that the registration's allowfrom "
                    + "list includes this machine's address";
            case "bad_subdomain" -> "acme-dns does not accept the subdomain " + subdomain + ". Check dns.subdomain";
            case "bad_txt" -> "acme-dns refused the TXT value";
            default -> "see the acme-dns server's log";
        };
        throw new AcmeCertificateException("acme-dns at " + api + " refused to set " + record + " (HTTP "
                + response.statusCode() + (error.isEmpty() ? "" : ", " + error) + "): " + explanation);
    }

    private void checkDelegation(TxtRecord record, ProgressListener listener) throws AcmeCertificateException {
        if (!record.delegated()) {
            listener.report(Stage.WARNING, record.challengeName() + " has no CNAME here: the CA will look for the "
                    + "TXT record there, not at acme-dns. Add " + record.challengeName() + " CNAME " + subdomain
                    + ".<your acme-dns domain>");
            return;
        }
        if (!record.name().startsWith(subdomain + ".")) {
            throw new AcmeCertificateException(record.challengeName() + " is a CNAME to " + record.name()
                    + ", not to the acme-dns registration " + subdomain + " (dns.subdomain). Point the CNAME at "
                    + "the registration's fulldomain, or set dns.subdomain and the credentials of the registration "
                    + "it points to");
        }
    }

    private static Optional<String> errorCode(String body) {
        try {
            return JSON.parse(body).get("error").optional().map(JSON.Value::asString);
        } catch (RuntimeException ex) {
            return Optional.empty();
        }
    }

    @Override
    public void removeTxtRecord(TxtRecord record, ProgressListener listener) {
        // acme-dns has no delete: it serves the two latest values, which the next run replaces.
        listener.report(Stage.CHALLENGE, "acme-dns cannot delete values: " + record.name() + " keeps serving "
                + "this run's values until the registration is next updated");
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
