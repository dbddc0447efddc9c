package io.github.acmecertificate.core.challenge;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.github.acmecertificate.core.challenge.dns.Dns01Solver;
import io.github.acmecertificate.core.challenge.dns.DnsProviderFactory;
import io.github.acmecertificate.core.challenge.dns.DnsProviders;
import io.github.acmecertificate.core.challenge.dns.DnsSettings;
import io.github.acmecertificate.core.challenge.dns.SecretSource;
import io.github.acmecertificate.core.config.Values;
import io.github.acmecertificate.core.exception.AcmeCertificateException;
import io.github.acmecertificate.core.exception.InvalidInputException;
import io.github.acmecertificate.core.exception.InvalidInputException.Problem;

/**
 * One challenge as plain data: its type and its options as text, secrets only as references.
 * Both front ends build one from what the user wrote, a Jenkins renewal record keeps one
 * ({@link #toRecord()}), and {@link #createSolver(ChallengeContext)} is the one mapping to the
 * core's solvers, with the same checks and messages everywhere.
 *
 * @param type    the type
 * @param options option names (as {@link ChallengeType#options()} declares them) and values; a
 *                blank value means the option's default
 * @since 0.1.0
 */
public record ChallengeDescription(ChallengeType type, Map<String, String> options) {

    /**
     * Creates a description.
     *
     * @param type    the type
     * @param options the options
     * @throws IllegalArgumentException for an option the type does not declare (a front end's bug)
     */
    public ChallengeDescription {
        Objects.requireNonNull(type, "type");
        var kept = new LinkedHashMap<String, String>();
        if (options != null) {
            for (var entry : options.entrySet()) {
                if (type.option(entry.getKey()).isEmpty()) {
                    throw new IllegalArgumentException(type + " has no option " + entry.getKey());
                }
                if (entry.getValue() != null) {
                    kept.put(entry.getKey(), entry.getValue().strip());
                }
            }
        }
        options = java.util.Collections.unmodifiableMap(kept);
    }

    /**
     * Starts a description of a type named by the user.
     *
     * @param type any of the type's names ({@code dns-01}, {@code dns01}...); blank for {@code http-01}
     * @return a builder
     * @throws InvalidInputException naming {@code challenge} if the type is unknown
     */
    public static Builder builder(String type) throws InvalidInputException {
        if (type == null || type.isBlank()) {
            return new Builder(ChallengeType.HTTP_01);
        }
        return new Builder(ChallengeType.find(type).orElseThrow(() -> new InvalidInputException("challenge", "'"
                + type.strip() + "' is not a known challenge. Use one of " + String.join(", ", ChallengeType.ids()))));
    }

    /**
     * Starts a description.
     *
     * @param type the type
     * @return a builder
     */
    public static Builder builder(ChallengeType type) {
        return new Builder(type);
    }

    /**
     * Returns an option's value, or its declared default.
     *
     * @param name the option's name
     * @return the value, empty when neither set nor defaulted
     */
    public String get(String name) {
        var option = type.option(name).orElseThrow(() -> new IllegalArgumentException(type + " has no option "
                + name));
        var value = options.get(name);
        return value == null || value.isEmpty() ? option.defaultValue() : value;
    }

    /**
     * Writes the description as strings, for a record: {@code type} and each option set.
     *
     * @return the strings; never secrets, only references
     */
    public Map<String, String> toRecord() {
        var map = new LinkedHashMap<String, String>();
        map.put("type", type.id());
        map.putAll(options);
        return map;
    }

    /**
     * Reads a description written by {@link #toRecord()}.
     *
     * @param record the strings
     * @return the description
     * @throws IllegalArgumentException if the type or an option is unknown
     */
    public static ChallengeDescription fromRecord(Map<String, String> record) {
        var type = ChallengeType.find(record.get("type"))
                .orElseThrow(() -> new IllegalArgumentException("unknown challenge type '" + record.get("type") + "'"));
        var options = new LinkedHashMap<>(record);
        options.remove("type");
        return new ChallengeDescription(type, options);
    }

    /**
     * Builds the solver this description asks for. Nothing is started and nothing is contacted;
     * credentials are read and every option is checked, all problems reported at once.
     *
     * @param context the front end's credentials and SSH endpoints
     * @return a new solver
     * @throws InvalidInputException    naming every field that is wrong
     * @throws AcmeCertificateException if a credential cannot be read
     */
    public ChallengeSolver createSolver(ChallengeContext context) throws AcmeCertificateException {
        switch (type) {
            case HTTP_01: {
                var port = Values.port("http.port", get("port"));
                return new Http01StandaloneSolver(blankToNull(get("address")), port == null ? 80 : port);
            }
            case HTTP_01_WEBROOT: {
                var path = blankToNull(get("path"));
                try {
                    return new Http01WebrootSolver(path == null ? null : Path.of(path));
                } catch (InvalidPathException ex) {
                    throw new InvalidInputException("webroot", "'" + path + "' is not a path: " + ex.getMessage());
                }
            }
            case HTTP_01_SFTP:
                return new Http01SftpSolver(context.sshEndpoint(this), get("path"));
            case DNS_01:
                return dnsSolver(context);
            default:
                throw new IllegalStateException("unhandled challenge type " + type);
        }
    }

    private ChallengeSolver dnsSolver(ChallengeContext context) throws AcmeCertificateException {
        var problems = new ArrayList<Problem>();
        var provider = get("provider");
        if (provider.isBlank()) {
            throw new InvalidInputException("dns.provider", "the dns-01 challenge needs a DNS provider. "
                    + "Set dns.provider to one of the providers in the documentation, e.g. rfc2136");
        }
        Map<String, String> written = Map.of();
        try {
            written = Values.keyValues("dns.options", get("options"));
        } catch (InvalidInputException ex) {
            problems.addAll(ex.problems());
        }
        var in = Values.collector();
        DnsSettings settings = DnsSettings.defaults();
        var skip = in.bool("dns.skipPropagationCheck", get("skipPropagationCheck"), false);
        var port = in.port("dns.nameserverPort", get("nameserverPort"), 53);
        var follow = in.bool("dns.followCnames", get("followCnames"), true);
        try {
            settings = DnsSettings.builder()
                    .propagationTimeout(blankToNull(get("propagationTimeout")))
                    .propagationInterval(blankToNull(get("propagationInterval")))
                    .skipPropagationCheck(skip)
                    .resolvers(get("resolvers"))
                    .nameserverPort(port)
                    .followCnames(follow)
                    .queryTimeout(blankToNull(get("queryTimeout")))
                    .build();
        } catch (InvalidInputException ex) {
            problems.addAll(ex.problems());
        }
        problems.addAll(in.problems());
        DnsProviderFactory factory = null;
        try {
            factory = DnsProviders.require(provider, context.providers());
        } catch (InvalidInputException ex) {
            problems.addAll(ex.problems());
        }
        var secrets = SecretSource.NONE;
        var reference = get("credential");
        if (factory != null && !reference.isBlank()) {
            try {
                var credential = context.credential("dns.credential", reference);
                if (credential.username() != null || credential.secret() != null) {
                    secrets = SecretSource.ofCredential(factory, credential.username(), credential.secret());
                }
            } catch (InvalidInputException ex) {
                problems.addAll(ex.problems());
            }
        }
        if (factory == null) {
            throw new InvalidInputException(problems);
        }
        try {
            var solver = Dns01Solver.create(factory.name(), written, secrets, settings, context.providers());
            if (problems.isEmpty()) {
                return solver;
            }
            solver.close();
        } catch (InvalidInputException ex) {
            problems.addAll(ex.problems());
        }
        throw new InvalidInputException(problems);
    }

    /**
     * Lists the problems a form would show for this description's option values, without
     * reading credentials or building anything: kinds (durations, ports, booleans) only.
     *
     * @return the problems, empty when every value has the right form
     */
    public List<Problem> check() {
        var problems = new ArrayList<Problem>();
        for (var option : type.options()) {
            var value = options.get(option.name());
            switch (option.kind()) {
                case DURATION -> Values.duration(option.field(), value, problems);
                case BOOLEAN -> Values.bool(option.field(), value, problems);
                case PORT -> Values.port(option.field(), value, problems);
                case KEY_VALUES -> {
                    try {
                        Values.keyValues(option.field(), value);
                    } catch (InvalidInputException ex) {
                        problems.addAll(ex.problems());
                    }
                }
                default -> {
                    // Free text: checked where it is used.
                }
            }
        }
        return problems;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /** Collects a description's options. */
    public static final class Builder {
        private final ChallengeType type;
        private final Map<String, String> options = new LinkedHashMap<>();

        private Builder(ChallengeType type) {
            this.type = type;
        }

        /**
         * Sets an option; {@code null}, or the declared default, leaves it unset, so that two
         * descriptions that mean the same are equal and records stay short.
         *
         * @param name  the option's declared name
         * @param value the value as text
         * @return this
         * @throws IllegalArgumentException if the type has no such option
         */
        public Builder option(String name, Object value) {
            var declared = type.option(name).orElseThrow(() -> new IllegalArgumentException(type
                    + " has no option " + name));
            if (value != null && !value.toString().strip().equals(declared.defaultValue())) {
                options.put(name, value.toString());
            }
            return this;
        }

        /**
         * Returns the type being described.
         *
         * @return the type
         */
        public ChallengeType type() {
            return type;
        }

        /**
         * Builds the description.
         *
         * @return the description
         */
        public ChallengeDescription build() {
            return new ChallengeDescription(type, options);
        }
    }
}
