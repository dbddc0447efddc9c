package io.github.acmecertificate.core.challenge.dns;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One DNS-01 TXT record for a provider to add or remove.
 *
 * <p>Names are fully qualified, lower case and end with a dot. {@link #name()} is where the
 * record goes: the challenge name itself, or where its CNAME chain ends when the challenge is
 * delegated ({@code _acme-challenge.example.com CNAME x.auth.example.org}).
 *
 * <p>Several records may share a name: {@code *.example.com} and {@code example.com} in one
 * certificate need two values at {@code _acme-challenge.example.com} at once, so a provider
 * adds a value beside the ones present and removes only its own value.
 *
 * @since 0.1.0
 */
public final class TxtRecord {

    private final String challengeName;
    private final String name;
    private final String value;
    private final String zone;

    /**
     * Creates a record, normalizing names to lower case with a trailing dot.
     *
     * @param challengeName the name the CA asks, e.g. {@code _acme-challenge.example.com.}
     * @param name          the name to write, after following CNAMEs
     * @param value         the TXT value (43 base64url characters)
     * @param zone          the zone holding {@code name} as found in DNS (its SOA), e.g.
     *                      {@code example.com.}, or {@code null} when it could not be found
     */
    public TxtRecord(String challengeName, String name, String value, String zone) {
        this.challengeName = fqdn(Objects.requireNonNull(challengeName, "challengeName"));
        this.name = fqdn(Objects.requireNonNull(name, "name"));
        this.value = Objects.requireNonNull(value, "value");
        this.zone = zone == null || zone.isBlank() ? null : fqdn(zone);
    }

    /**
     * Returns the name the CA asks.
     *
     * @return e.g. {@code _acme-challenge.example.com.}
     */
    public String challengeName() {
        return challengeName;
    }

    /**
     * Returns the name to write: the challenge name, or the end of its CNAME chain.
     *
     * @return e.g. {@code _acme-challenge.example.com.}
     */
    public String name() {
        return name;
    }

    /**
     * Returns the TXT value.
     *
     * @return the value
     */
    public String value() {
        return value;
    }

    /**
     * Returns the zone holding {@link #name()} as found in DNS (its SOA). Providers with a
     * zone look-up of their own may use it as a hint.
     *
     * @return the zone with a trailing dot, if it was found
     */
    public Optional<String> zone() {
        return Optional.ofNullable(zone);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TxtRecord r && r.challengeName.equals(challengeName) && r.name.equals(name)
                && r.value.equals(value) && Objects.equals(r.zone, zone);
    }

    @Override
    public int hashCode() {
        return Objects.hash(challengeName, name, value, zone);
    }

    /**
     * Tells whether the challenge name was delegated through a CNAME.
     *
     * @return true if {@link #name()} differs from {@link #challengeName()}
     */
    public boolean delegated() {
        return !name.equals(challengeName);
    }

    /**
     * Returns {@link #name()} without the trailing dot, as most HTTP APIs want it.
     *
     * @return e.g. {@code _acme-challenge.example.com}
     */
    public String nameWithoutDot() {
        return withoutDot(name);
    }

    /**
     * Returns {@link #name()} relative to a zone.
     *
     * @param zoneName the zone, with or without trailing dot
     * @return e.g. {@code _acme-challenge.www} for zone {@code example.com.}, or {@code @} for
     *         the apex
     * @throws IllegalArgumentException if the name is not in the zone
     */
    public String relativeTo(String zoneName) {
        var z = fqdn(zoneName);
        if (name.equals(z)) {
            return "@";
        }
        if (!name.endsWith("." + z)) {
            throw new IllegalArgumentException(name + " is not in zone " + z);
        }
        return name.substring(0, name.length() - z.length() - 1);
    }

    /**
     * Describes the record for the build log: its name, never its value.
     *
     * @return e.g. {@code _acme-challenge.example.com.} or, when delegated,
     *         {@code _acme-challenge.example.com. (CNAME to x.auth.example.org.)}
     */
    @Override
    public String toString() {
        return delegated() ? challengeName + " (CNAME to " + name + ")" : name;
    }

    /**
     * Makes a name fully qualified and lower case.
     *
     * @param name a DNS name, with or without the trailing dot
     * @return the name with a trailing dot
     */
    public static String fqdn(String name) {
        var lower = name.strip().toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower : lower + ".";
    }

    /**
     * Removes the trailing dot of a name.
     *
     * @param name a DNS name
     * @return the name without trailing dot
     */
    public static String withoutDot(String name) {
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }
}
