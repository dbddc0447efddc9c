package io.github.acmecertificate.core.challenge.dns;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.github.acmecertificate.core.config.Values;
import io.github.acmecertificate.core.exception.InvalidInputException.Problem;
import io.github.acmecertificate.core.exception.InvalidInputException;

/**
 * The checked options of one provider, as its {@link DnsProviderFactory} receives them:
 * keys as declared, required options present, defaults applied, secrets resolved from the
 * {@link SecretSource} or from {@code <key>File}.
 *
 * <p>The typed getters throw {@link InvalidInputException} naming the option as users
 * write it ({@code dns.ttl}), so a factory turns a malformed value into a clear message
 * with one call.
 *
 * @since 0.1.0
 */
public final class DnsProviderConfig {

    private final String providerName;
    private final Map<String, String> values;
    private final List<String> secrets;
    private final DnsSettings settings;

    DnsProviderConfig(String providerName, Map<String, String> values, List<String> secrets, DnsSettings settings) {
        this.providerName = providerName;
        this.values = Map.copyOf(values);
        this.secrets = List.copyOf(secrets);
        this.settings = settings;
    }

    /**
     * Returns the provider's name.
     *
     * @return e.g. {@code rfc2136}
     */
    public String providerName() {
        return providerName;
    }

    /**
     * Returns the DNS settings of the run (resolvers, time-outs).
     *
     * @return the settings
     */
    public DnsSettings settings() {
        return settings;
    }

    /**
     * Returns the field name of an option as front ends spell it, for messages.
     *
     * @param key the option's key
     * @return {@code dns.<key>}
     */
    public static String field(String key) {
        return "dns." + key;
    }

    /**
     * Returns an option's value, or its default.
     *
     * @param key the option's key
     * @return the value, if set or defaulted
     */
    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key)).map(String::strip).filter(v -> !v.isEmpty());
    }

    /**
     * Returns a required option's value.
     *
     * @param key the option's key
     * @return the value
     * @throws InvalidInputException if it is missing (which the checks before creation prevent
     *                               for options declared required)
     */
    public String require(String key) throws InvalidInputException {
        return get(key).orElseThrow(() -> new InvalidInputException(field(key), "is required by the "
                + providerName + " DNS provider"));
    }

    /**
     * Returns an option as a duration.
     *
     * @param key the option's key
     * @return the duration, if set
     * @throws InvalidInputException if it is not a positive ISO-8601 duration or number of seconds
     */
    public Optional<Duration> duration(String key) throws InvalidInputException {
        return Optional.ofNullable(Values.duration(field(key), values.get(key)));
    }

    /**
     * Returns an option as a whole number in a range.
     *
     * @param key the option's key
     * @param min the smallest value allowed
     * @param max the largest value allowed
     * @return the number, if set
     * @throws InvalidInputException if it is not a number in the range
     */
    public Optional<Integer> integer(String key, int min, int max) throws InvalidInputException {
        return Optional.ofNullable(Values.integer(field(key), get(key).orElse(null), min, max));
    }

    /**
     * Returns an option as a yes/no flag.
     *
     * @param key the option's key
     * @return the flag, if set
     * @throws InvalidInputException if it is neither {@code true} nor {@code false}
     */
    public Optional<Boolean> flag(String key) throws InvalidInputException {
        var problems = new ArrayList<Problem>();
        var value = Values.bool(field(key), get(key).orElse(null), problems);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return Optional.ofNullable(value);
    }

    /**
     * Returns an option as an HTTP or HTTPS URL.
     *
     * @param key the option's key
     * @return the URL without trailing slash, if set
     * @throws InvalidInputException if it is not an absolute http(s) URL
     */
    public Optional<URI> httpUrl(String key) throws InvalidInputException {
        var text = get(key);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        var value = text.get().replaceAll("/+$", "");
        try {
            var uri = new URI(value);
            var scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("https") || scheme.equals("http")) && uri.getHost() != null
                    && uri.getRawUserInfo() == null) {
                return Optional.of(uri);
            }
        } catch (URISyntaxException ex) {
            // Reported below.
        }
        throw new InvalidInputException(field(key), "'" + text.get() + "' is not an http:// or https:// URL "
                + "(without user name or password)");
    }

    /**
     * Returns an option as the URL of an endpoint that receives a secret (an API key, a
     * token, signed requests): {@code https://}, or {@code http://} to a loopback address
     * only (a local proxy or test server), so that the secret never crosses a network in
     * clear text.
     *
     * @param key the option's key
     * @return the URL, if set
     * @throws InvalidInputException naming the option if it is not such a URL
     * @since 0.1.0
     */
    public Optional<URI> httpsUrl(String key) throws InvalidInputException {
        var url = httpUrl(key);
        if (url.isPresent() && "http".equalsIgnoreCase(url.get().getScheme()) && !isLoopback(url.get().getHost())) {
            throw new InvalidInputException(field(key), "'" + url.get() + "' would send the provider's secret "
                    + "unencrypted. Use https://" + url.get().toString().replaceFirst("(?i)^http://", "")
                    + " (plain http:// is accepted for localhost, 127.0.0.1 and [::1] only)");
        }
        return url;
    }

    private static boolean isLoopback(String host) {
        var h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return h.equals("localhost") || h.endsWith(".localhost") || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1")
                || h.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    }

    /**
     * Returns an option as a DNS server address.
     *
     * @param key         the option's key
     * @param defaultPort the port when none is written
     * @return the server, if set
     * @throws InvalidInputException if it is not {@code host} or {@code host:port}
     */
    public Optional<DnsServer> server(String key, int defaultPort) throws InvalidInputException {
        var text = get(key);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(DnsServer.parse(text.get(), defaultPort));
        } catch (IllegalArgumentException ex) {
            throw new InvalidInputException(field(key), ex.getMessage() + ". Give host or host:port");
        }
    }

    /**
     * Returns the secret values, so that a provider can keep them out of what it reports
     * (for instance the output of a program it ran).
     *
     * @return the resolved secret values
     */
    public List<String> secretValues() {
        return secrets;
    }

    @Override
    public String toString() {
        // Secret values never appear; keys show which options were set.
        return "DnsProviderConfig[" + providerName + ", options=" + values.keySet() + "]";
    }
}
