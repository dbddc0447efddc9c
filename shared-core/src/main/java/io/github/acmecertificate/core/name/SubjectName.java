package io.github.acmecertificate.core.name;

import java.net.IDN;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One name a certificate covers: a DNS name (possibly a wildcard) or an IP address, in the
 * normalized form the CA sees (IDN converted to punycode, lower case, no trailing dot,
 * canonical IP text).
 *
 * @param type  DNS name or IP address
 * @param value the normalized value, e.g. {@code *.example.com}, {@code xn--bcher-kva.example},
 *              {@code 192.0.2.1} or {@code 2001:db8::1}
 * @since 0.1.0
 */
public record SubjectName(Type type, String value) {

    /** What kind of identifier this is (RFC 8555 section 9.7.7, RFC 8738). */
    public enum Type {
        /** A DNS name, the {@code dns} identifier. */
        DNS,
        /** An IP address, the {@code ip} identifier. */
        IP
    }

    private static final Pattern LABEL = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern IPV4_LIKE = Pattern.compile("[0-9.]+");
    private static final Pattern IPV4 = Pattern.compile(
            "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9a-fA-F:.]+");

    /**
     * Creates a name; use {@link #parse(String)} for user input.
     *
     * @param type  the type
     * @param value the normalized value
     */
    public SubjectName {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(value, "value");
    }

    /**
     * Parses and normalizes one name as a user typed it.
     *
     * @param input a DNS name ({@code Bücher.Example.}, {@code *.example.com}) or an IP address
     * @return the normalized name
     * @throws IllegalArgumentException with a message saying what is wrong with the name
     */
    public static SubjectName parse(String input) {
        var raw = input == null ? "" : input.strip();
        if (raw.isEmpty()) {
            throw new IllegalArgumentException("an empty name was given");
        }
        if (raw.contains("/")) {
            throw new IllegalArgumentException("'" + raw + "' is not a name: give the host name only, "
                    + "without scheme or path (e.g. example.com)");
        }
        if (raw.indexOf(':') >= 0 || IPV4_LIKE.matcher(raw).matches()) {
            return parseIp(raw);
        }
        return parseDns(raw);
    }

    private static SubjectName parseIp(String raw) {
        var literal = raw.startsWith("[") && raw.endsWith("]") ? raw.substring(1, raw.length() - 1) : raw;
        boolean v4 = IPV4.matcher(literal).matches();
        boolean v6 = literal.indexOf(':') >= 0 && IPV6_CHARS.matcher(literal).matches();
        if (!v4 && !v6) {
            throw new IllegalArgumentException("'" + raw + "' is neither a valid IP address nor a DNS name");
        }
        try {
            // A literal of these characters is never looked up in DNS.
            var address = InetAddress.getByName(literal);
            return new SubjectName(Type.IP, address.getHostAddress().toLowerCase(Locale.ROOT));
        } catch (UnknownHostException ex) {
            throw new IllegalArgumentException("'" + raw + "' is not a valid IP address", ex);
        }
    }

    private static SubjectName parseDns(String raw) {
        var name = raw.endsWith(".") ? raw.substring(0, raw.length() - 1) : raw;
        boolean wildcard = name.startsWith("*.");
        var rest = wildcard ? name.substring(2) : name;
        if (rest.contains("*")) {
            throw new IllegalArgumentException("'" + raw + "': a wildcard is only allowed as the whole "
                    + "leftmost label, as in *.example.com");
        }
        String ace;
        if (isAscii(rest)) {
            // IDN would return ASCII unchanged; the label check below is as strict as its STD3
            // rules, and skipping it spares loading the IDN tables on every run.
            ace = rest.toLowerCase(Locale.ROOT);
        } else {
            try {
                ace = IDN.toASCII(rest, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException("'" + raw + "' is not a valid DNS name: " + ex.getMessage(), ex);
            }
        }
        if (ace.isEmpty() || ace.length() > 253) {
            throw new IllegalArgumentException("'" + raw + "' is not a valid DNS name: it must have 1 to 253 characters");
        }
        for (var label : ace.split("\\.", -1)) {
            if (label.length() > 63) {
                throw new IllegalArgumentException("'" + raw + "' is not a valid DNS name: the label '" + label
                        + "' is too long (at most 63 characters)");
            }
            if (!LABEL.matcher(label).matches()) {
                throw new IllegalArgumentException("'" + raw + "' is not a valid DNS name: the label '" + label
                        + "' must be 1 to 63 letters, digits or hyphens, not starting or ending with a hyphen");
            }
        }
        if (wildcard && ace.indexOf('.') < 0) {
            throw new IllegalArgumentException("'" + raw + "': a wildcard needs a domain below it, as in *.example.com");
        }
        return new SubjectName(Type.DNS, wildcard ? "*." + ace : ace);
    }

    private static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /**
     * Tells whether this is a wildcard DNS name such as {@code *.example.com}.
     *
     * @return true for a wildcard
     */
    public boolean isWildcard() {
        return type == Type.DNS && value.startsWith("*.");
    }

    /**
     * Returns the name that is authorized for this one: the domain below the wildcard
     * for a wildcard name, else the name itself.
     *
     * @return e.g. {@code example.com} for {@code *.example.com}
     */
    public String authorizationName() {
        return isWildcard() ? value.substring(2) : value;
    }

    /**
     * Returns the DNS name, if this is one.
     *
     * @return the DNS name, or empty for an IP address
     */
    public Optional<String> dnsName() {
        return type == Type.DNS ? Optional.of(value) : Optional.empty();
    }

    // equals and hashCode written out: a record's generated ones are bootstrapped through
    // java.lang.runtime.ObjectMethods on first use, which spins method handles (about 20 ms
    // of a not-due run, where names are the only record that is hashed).
    @Override
    public boolean equals(Object other) {
        return this == other
                || other instanceof SubjectName name && type == name.type && value.equals(name.value);
    }

    @Override
    public int hashCode() {
        return 31 * type.hashCode() + value.hashCode();
    }

    @Override
    public String toString() {
        return value;
    }
}
