package io.github.acmecertificate.core.deploy;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

import io.github.acmecertificate.core.config.Option;
import io.github.acmecertificate.core.config.Option.Kind;
import io.github.acmecertificate.core.config.Values;
import io.github.acmecertificate.core.exception.AcmeCertificateException;
import io.github.acmecertificate.core.exception.InvalidInputException;
import io.github.acmecertificate.core.exception.InvalidInputException.Problem;
import io.github.acmecertificate.core.ssh.SshEndpoint;

/**
 * Finds deploy target types with {@link ServiceLoader} and builds targets from
 * {@link TargetDescription}s: the one place that maps a type name to a target.
 *
 * @since 0.1.0
 */
public final class DeployTargets {

    /** The options every target has, declared once. */
    public static final List<Option> COMMON_OPTIONS = List.of(
            Option.of("name", "targets.name", Kind.TEXT, "",
                    "Names the target in the log; a default is derived from where it writes."),
            Option.of("directory", "targets.directory", Kind.TEXT, "", "The folder that relative file paths are in."),
            Option.of("reloadCommand", "targets.reloadCommand", Kind.TEXT, "",
                    "A command run once the files are in place, so the server loads them."),
            Option.of("verifyTls", "targets.verifyTls", Kind.TEXT, "",
                    "host:port (or a port) whose served certificate must then be the new one."),
            Option.of("tlsServerName", "targets.tlsServerName", Kind.TEXT, "",
                    "The SNI name the TLS check sends; the certificate's first name by default."));

    /** The SSH options of a target reached over SSH, declared once. */
    public static final List<Option> SSH_OPTIONS = List.of(
            Option.of("host", "targets.host", Kind.TEXT, "", "The SSH server."),
            Option.of("port", "targets.port", Kind.PORT, Integer.toString(SshEndpoint.DEFAULT_PORT), "The SSH port."),
            Option.of("user", "targets.user", Kind.TEXT, "", "The login; the credential's username by default."),
            Option.of("credential", "targets.credential", Kind.CREDENTIAL, "",
                    "The SSH private key (with its passphrase) or password."),
            Option.of("knownHosts", "targets.knownHosts", Kind.TEXT, "",
                    "known_hosts lines (or a file) holding the server's host key."),
            Option.of("hostKeyFingerprint", "targets.hostKeyFingerprint", Kind.LIST, "",
                    "Pinned host key fingerprints, SHA256:..., comma-separated."));

    private DeployTargets() {
    }

    /**
     * Lists the target types on a class path.
     *
     * @param loader the class loader to search
     * @return the factories, sorted by name
     */
    public static List<DeployTargetFactory> available(ClassLoader loader) {
        var result = new ArrayList<DeployTargetFactory>();
        ServiceLoader.load(DeployTargetFactory.class, loader).forEach(result::add);
        result.sort(Comparator.comparing(DeployTargetFactory::name));
        return result;
    }

    /**
     * Finds a target type by name, ignoring case.
     *
     * @param name   the name
     * @param loader the class loader to search
     * @return the factory, if one has that name
     */
    public static Optional<DeployTargetFactory> find(String name, ClassLoader loader) {
        var wanted = name == null ? "" : Values.lower(name.strip());
        return available(loader).stream().filter(f -> f.name().equals(wanted)).findFirst();
    }

    /**
     * Builds a target from its description: finds its type, refuses options the type does not
     * declare, and lets the type check the rest.
     *
     * @param description the target
     * @param context     the front end's credentials and SSH endpoints
     * @param loader      the class loader that sees the target types
     * @return the target
     * @throws InvalidInputException    naming every field that is wrong
     * @throws AcmeCertificateException if a credential cannot be read
     */
    public static DeployTarget create(TargetDescription description, TargetContext context, ClassLoader loader)
            throws AcmeCertificateException {
        var factory = find(description.type(), loader).orElseThrow(() -> new InvalidInputException("targets.type",
                "'" + description.type() + "' is not a target type. Use one of " + available(loader).stream()
                        .map(f -> f.name() + " (" + f.description() + ")").collect(Collectors.joining(", "))));
        var problems = check(factory, description.options());
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems.stream()
                    .map(p -> new Problem(p.field(), "target " + description.label() + ": " + p.problem())).toList());
        }
        return factory.create(description, context);
    }

    /**
     * Checks a target's options against those its type declares (and those every target has),
     * reading nothing and connecting nowhere: what a form checks while the user types;
     * {@link #create} checks the same first.
     *
     * @param factory the target type
     * @param options the options as written
     * @return the problems, each naming its option as {@code targets.<key>}; empty when fine
     * @since 0.1.0
     */
    public static List<Problem> check(DeployTargetFactory factory, Map<String, String> options) {
        var problems = new ArrayList<Problem>();
        for (var key : options.keySet()) {
            var declared = COMMON_OPTIONS.stream().anyMatch(o -> o.name().equals(key))
                    || factory.options().stream().anyMatch(o -> o.name().equals(key));
            if (!declared) {
                problems.add(new Problem("targets." + key, key + " is not an option of " + factory.name()
                        + " targets. Their options are " + names(factory)));
            }
        }
        return problems;
    }

    private static String names(DeployTargetFactory factory) {
        var all = new ArrayList<>(COMMON_OPTIONS);
        all.addAll(factory.options());
        return all.stream().map(Option::name).collect(Collectors.joining(", "));
    }

    /**
     * Applies the common options and the files to a builder, for factories built on the core's
     * builders.
     *
     * @param builder     the builder
     * @param description the description
     * @param <B>         the builder's type
     * @return the builder
     */
    public static <B extends TargetBuilder<B, ?>> B common(B builder, TargetDescription description) {
        builder.name(description.get("name"));
        for (var file : description.files()) {
            builder.file(file.source(), blankToNull(file.path()), blankToNull(file.mode()), blankToNull(file.owner()),
                    blankToNull(file.group()));
        }
        return builder.reloadCommand(description.get("reloadCommand")).verifyTls(description.get("verifyTls"))
                .tlsServerName(description.get("tlsServerName"));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /** {@code sftp}: a server reached over SSH, written through SFTP. */
    public static final class Sftp implements DeployTargetFactory {
        @Override
        public String name() {
            return "sftp";
        }

        @Override
        public String description() {
            return "a server reached over SSH";
        }

        @Override
        public List<Option> options() {
            return SSH_OPTIONS;
        }

        @Override
        public DeployTarget create(TargetDescription description, TargetContext context)
                throws AcmeCertificateException {
            var builder = SftpTarget.builder(context.sshEndpoint(description)).directory(description.get("directory"));
            return common(builder, description).build();
        }
    }

    /** {@code local}: a folder on the machine that runs the build. */
    public static final class Local implements DeployTargetFactory {
        @Override
        public String name() {
            return "local";
        }

        @Override
        public String description() {
            return "a folder here";
        }

        @Override
        public List<Option> options() {
            return List.of();
        }

        @Override
        public DeployTarget create(TargetDescription description, TargetContext context)
                throws AcmeCertificateException {
            var directory = description.get("directory");
            Path path;
            try {
                path = directory == null ? null : Path.of(directory);
            } catch (InvalidPathException ex) {
                throw new InvalidInputException("targets.directory", "'" + directory + "' is not a path: "
                        + ex.getMessage());
            }
            return common(LocalTarget.builder().directory(path), description).build();
        }
    }
}
