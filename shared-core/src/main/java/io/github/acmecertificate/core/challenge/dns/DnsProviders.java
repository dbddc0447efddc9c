package io.github.acmecertificate.core.challenge.dns;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

import io.github.acmecertificate.core.exception.AcmeCertificateException;
import io.github.acmecertificate.core.exception.InvalidInputException;
import io.github.acmecertificate.core.exception.InvalidInputException.Problem;

/**
 * Finds DNS providers through {@link ServiceLoader} and creates them from the options a user
 * wrote, checking those options first.
 *
 * <p>Pass the class loader that sees the provider artifacts: a Jenkins plugin or a Maven
 * plugin realm has its own, which is not the thread's context class loader.
 *
 * @since 0.1.0
 */
public final class DnsProviders {

    /** Providers published as separate artifacts, named in the message for an unknown provider. */
    private static final Map<String, String> SEPARATE_ARTIFACTS = Map.of(
            "cloudflare", "io.github.acmecertificate:acme-dns-cloudflare",
            "route53", "io.github.acmecertificate:acme-dns-route53");

    private DnsProviders() {
    }

    /**
     * Lists the providers a class loader sees, sorted by name.
     *
     * @param loader the class loader to search, e.g. the front end's own
     * @return the factories
     */
    public static List<DnsProviderFactory> available(ClassLoader loader) {
        var found = new LinkedHashMap<String, DnsProviderFactory>();
        var iterator = ServiceLoader.load(DnsProviderFactory.class, loader).iterator();
        while (true) {
            try {
                if (!iterator.hasNext()) {
                    break;
                }
                var factory = iterator.next();
                found.putIfAbsent(factory.name(), factory);
            } catch (ServiceConfigurationError ex) {
                // A provider whose dependencies are missing is skipped; the others stay usable.
            }
        }
        var list = new ArrayList<>(found.values());
        list.sort(Comparator.comparing(DnsProviderFactory::name));
        return List.copyOf(list);
    }

    /**
     * Finds a provider by name.
     *
     * @param name   the name, e.g. {@code rfc2136} (case is ignored)
     * @param loader the class loader to search
     * @return the factory, if found
     */
    public static Optional<DnsProviderFactory> find(String name, ClassLoader loader) {
        var wanted = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        return available(loader).stream().filter(f -> f.name().equals(wanted)).findFirst();
    }

    /**
     * Finds a provider by name, or explains what is available.
     *
     * @param name   the name
     * @param loader the class loader to search
     * @return the factory
     * @throws InvalidInputException naming {@code dns.provider} when there is no such provider
     */
    public static DnsProviderFactory require(String name, ClassLoader loader) throws InvalidInputException {
        if (name == null || name.isBlank()) {
            throw new InvalidInputException("dns.provider", "no DNS provider was chosen. Use one of "
                    + names(loader));
        }
        var found = find(name, loader);
        if (found.isPresent()) {
            return found.get();
        }
        var key = name.strip().toLowerCase(Locale.ROOT);
        var artifact = SEPARATE_ARTIFACTS.get(key);
        if (artifact != null) {
            throw new InvalidInputException("dns.provider", "the " + key + " provider is not on the class path. Add "
                    + "the artifact " + artifact + " next to this plugin");
        }
        throw new InvalidInputException("dns.provider", "'" + name + "' is not a known DNS provider. Use one of "
                + names(loader));
    }

    private static String names(ClassLoader loader) {
        var names = available(loader).stream().map(DnsProviderFactory::name).collect(Collectors.toList());
        for (var separate : SEPARATE_ARTIFACTS.keySet().stream().sorted().toList()) {
            if (!names.contains(separate)) {
                names.add(separate + " (with " + SEPARATE_ARTIFACTS.get(separate) + ")");
            }
        }
        return String.join(", ", names);
    }

    /**
     * Checks options as a user wrote them and creates the provider. Makes no network call.
     *
     * <p>Checks, reporting every problem at once: unknown keys, secrets written into the
     * build configuration (refused: they belong in the credential store or a file), missing
     * required options, unreadable secret files; then the factory checks the values.
     *
     * @param factory  the provider's factory
     * @param options  the options as written (keys in camelCase, kebab-case or
     *                 SCREAMING_SNAKE_CASE); {@code null} for none
     * @param secrets  the front end's credential store, or {@link SecretSource#NONE}
     * @param settings the DNS settings
     * @return the provider
     * @throws InvalidInputException naming each option that is wrong
     * @throws AcmeCertificateException if the secret source fails
     */
    public static DnsProvider create(DnsProviderFactory factory, Map<String, String> options, SecretSource secrets,
            DnsSettings settings) throws AcmeCertificateException {
        return factory.create(config(factory, options, secrets, settings));
    }

    /**
     * Checks options as a user wrote them, without reading a secret, a file or a credential:
     * unknown keys, secrets written into the build configuration, and required options that
     * only the configuration can give. What a form checks while the user types; {@link #create}
     * checks the same, and then the rest.
     *
     * @param factory the provider's factory
     * @param options the options as written
     * @return the problems, each naming its option as {@code dns.<key>}; empty when fine
     * @since 0.1.0
     */
    public static List<Problem> check(DnsProviderFactory factory, Map<String, String> options) {
        var problems = writtenProblems(factory, options);
        for (var option : factory.options()) {
            if (option.required() && !option.secret() && option.credential() == DnsProviderOption.Credential.NONE
                    && option.defaultValue().isEmpty() && options.keySet().stream().noneMatch(option::matches)) {
                problems.add(missing(factory, option));
            }
        }
        return problems;
    }

    /** The written keys that are secrets or that the provider does not have. */
    private static List<Problem> writtenProblems(DnsProviderFactory factory, Map<String, String> written) {
        var problems = new ArrayList<Problem>();
        var declared = factory.options();
        for (var key : written.keySet()) {
            var option = declared.stream().filter(o -> o.matches(key)).findFirst();
            if (option.isPresent() && option.get().secret()) {
                problems.add(new Problem(DnsProviderConfig.field(option.get().key()), "is a secret and is not read "
                        + "from the build configuration, where the build files, the command line or the "
                        + "build log would show it. Give it through the DNS credential (dns.credential), or put it "
                        + "in a file and set " + option.get().fileKey() + " to that file's path"));
            } else if (option.isEmpty() && declared.stream().noneMatch(o -> o.secret() && o.matchesFile(key))) {
                problems.add(new Problem(DnsProviderConfig.field(key), "is not an option of the " + factory.name()
                        + " DNS provider. Its options are " + declared.stream()
                        .map(o -> o.secret() ? o.key() + " (secret: " + o.fileKey() + " or credentials)" : o.key())
                        .collect(Collectors.joining(", "))));
            }
        }
        return problems;
    }

    private static Problem missing(DnsProviderFactory factory, DnsProviderOption option) {
        return new Problem(DnsProviderConfig.field(option.key()), "is required by the " + factory.name()
                + " DNS provider: " + option.description()
                + (option.secret() ? " Give it through the DNS credential (dns.credential), or put it in a "
                + "file and set " + option.fileKey() : ""));
    }

    /** Checks the options and resolves the secrets, as {@link #create} describes. */
    static DnsProviderConfig config(DnsProviderFactory factory, Map<String, String> options, SecretSource secrets,
            DnsSettings settings) throws AcmeCertificateException {
        Objects.requireNonNull(factory, "factory");
        var written = options == null ? Map.<String, String>of() : options;
        var source = secrets == null ? SecretSource.NONE : secrets;
        var problems = new ArrayList<Problem>();
        var values = new LinkedHashMap<String, String>();
        var secretValues = new ArrayList<String>();
        var declared = factory.options();

        problems.addAll(writtenProblems(factory, written));
        for (var entry : written.entrySet()) {
            var option = declared.stream().filter(o -> o.matches(entry.getKey())).findFirst();
            if (option.isPresent() && !option.get().secret() && entry.getValue() != null
                    && !entry.getValue().isBlank()) {
                values.put(option.get().key(), entry.getValue().strip());
            }
        }

        for (var option : declared) {
            if (option.secret()) {
                var secret = secret(option, written, source, problems);
                secret.ifPresent(value -> {
                    values.put(option.key(), value);
                    secretValues.add(value);
                });
            } else if (!values.containsKey(option.key()) && option.credential() == DnsProviderOption.Credential.USERNAME) {
                source.lookup(option.key()).ifPresent(value -> values.put(option.key(), value.strip()));
            }
            if (!values.containsKey(option.key())) {
                option.defaultValue().ifPresent(value -> values.put(option.key(), value));
            }
            if (option.required() && !values.containsKey(option.key())
                    && problems.stream().noneMatch(p -> p.field().startsWith(DnsProviderConfig.field(option.key())))) {
                problems.add(missing(factory, option));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return new DnsProviderConfig(factory.name(), values, secretValues,
                settings == null ? DnsSettings.defaults() : settings);
    }

    private static Optional<String> secret(DnsProviderOption option, Map<String, String> written,
            SecretSource source, List<Problem> problems) throws AcmeCertificateException {
        var fromStore = source.lookup(option.key()).filter(v -> !v.isBlank());
        var file = written.entrySet().stream()
                .filter(e -> option.matchesFile(e.getKey()) && e.getValue() != null && !e.getValue().isBlank())
                .map(e -> e.getValue().strip()).findFirst();
        if (fromStore.isPresent() && file.isPresent()) {
            problems.add(new Problem(DnsProviderConfig.field(option.fileKey()), "is set, and the credentials also "
                    + "hold " + option.key() + ": keep one of them"));
            return Optional.empty();
        }
        if (fromStore.isPresent()) {
            return fromStore.map(String::strip);
        }
        if (file.isEmpty()) {
            return Optional.empty();
        }
        try {
            var content = Files.readString(Path.of(file.get()), StandardCharsets.UTF_8).strip();
            if (content.isEmpty()) {
                problems.add(new Problem(DnsProviderConfig.field(option.fileKey()), file.get() + " is empty"));
                return Optional.empty();
            }
            return Optional.of(content);
        } catch (IOException | InvalidPathException ex) {
            // The exception's message names the path only; the content is never read into it.
            problems.add(new Problem(DnsProviderConfig.field(option.fileKey()), "cannot read " + file.get() + " ("
                    + ex.getClass().getSimpleName() + "). Give the path of a readable file holding "
                    + option.key()));
            return Optional.empty();
        }
    }
}
