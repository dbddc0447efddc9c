package io.github.acmecertificate.jenkins.challenge;

import java.util.Map;

import io.github.acmecertificate.core.config.Values;
import io.github.acmecertificate.core.exception.InvalidInputException;

/**
 * The {@code options} of {@code dns01(...)}: a DNS provider's options as {@code key=value}
 * pairs, one per line, or on one line separated by commas.
 *
 * <pre>
 * dns01(provider: 'rfc2136', options: 'nameserver=ns1.example.com, tsigAlgorithm=hmac-sha256')
 * dns01(provider: 'exec', options: '''
 *     command=/opt/dns/hook.sh
 *     timeout=PT1M
 * ''')
 * </pre>
 *
 * <p>A Groovy map cannot be bound here: Pipeline turns step arguments into objects with
 * structs' {@code DescribableModel}, which reads a map as a nested describable, not as a
 * {@code Map} parameter. Text also fits the form and Configuration as Code.
 *
 * @since 0.1.0
 */
public final class DnsOptions {

    /** The configuration field, as the core names it. */
    public static final String FIELD = "dns.options";

    private DnsOptions() {
    }

    /**
     * Parses the options.
     *
     * @param text {@code key=value} pairs, one per line or comma-separated; lines starting
     *             with {@code #} are comments
     * @return the options in the order written
     * @throws InvalidInputException naming {@value #FIELD} for a pair without {@code =} or a key
     *                               given twice
     */
    public static Map<String, String> parse(String text) throws InvalidInputException {
        return Values.keyValues(FIELD, text);
    }

    /**
     * Writes options back as text that {@link #parse} reads: comma-separated, or one pair per
     * line when a value holds a comma.
     *
     * @param options the options
     * @return the text
     */
    public static String format(Map<String, String> options) {
        return Values.keyValues(options);
    }
}
