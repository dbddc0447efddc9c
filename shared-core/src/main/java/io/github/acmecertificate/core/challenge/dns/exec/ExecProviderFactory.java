package io.github.acmecertificate.core.challenge.dns.exec;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Map;

import io.github.acmecertificate.core.challenge.dns.DnsProvider;
import io.github.acmecertificate.core.challenge.dns.DnsProviderConfig;
import io.github.acmecertificate.core.challenge.dns.DnsProviderFactory;
import io.github.acmecertificate.core.challenge.dns.DnsProviderOption;
import io.github.acmecertificate.core.exception.InvalidInputException;
import io.github.acmecertificate.core.exception.InvalidInputException.Problem;

/**
 * The {@code exec} provider: runs a program of the user's with {@code present} or
 * {@code cleanup}, the record name and the value, for DNS services no other provider covers.
 *
 * @since 0.1.0
 */
public final class ExecProviderFactory implements DnsProviderFactory {

    /** The provider's name. */
    public static final String NAME = "exec";

    private static final List<DnsProviderOption> OPTIONS = List.of(
            DnsProviderOption.required("command", "The program to run, as a path (no shell parsing). It is called "
                    + "as: command present|cleanup <record name> <value>."),
            DnsProviderOption.secret("secret", "A secret for the program (an API token, say), passed in the "
                    + "environment variable ACME_DNS_SECRET, never on its command line.", false),
            DnsProviderOption.optional("timeout", "How long one run of the program may take before it is stopped "
                    + "(ISO-8601 duration or seconds).", "PT2M"));

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Runs a program of yours with present or cleanup, the record name and the value: for any other DNS "
                + "service.";
    }

    @Override
    public List<DnsProviderOption> options() {
        return OPTIONS;
    }

    /** The program runs on this machine, with the build's rights. */
    @Override
    public Optional<String> hostAccess(Map<String, String> options, boolean hasCredential) {
        return Optional.of("runs a program on this machine (the exec DNS provider)");
    }

    @Override
    public DnsProvider create(DnsProviderConfig config) throws InvalidInputException {
        var problems = new ArrayList<Problem>();
        Path command = null;
        var text = config.require("command");
        try {
            command = Path.of(text);
        } catch (InvalidPathException ex) {
            problems.add(new Problem(DnsProviderConfig.field("command"), "'" + text + "' is not a path"));
        }
        if (command != null) {
            // Checked here, before any order: a missing program would otherwise fail only after
            // the CA has created the order and its authorizations.
            runnable(text, command).ifPresent(problem -> problems.add(
                    new Problem(DnsProviderConfig.field("command"), problem)));
        }
        Duration timeout = Duration.ofMinutes(2);
        try {
            timeout = config.duration("timeout").orElse(timeout);
        } catch (InvalidInputException ex) {
            problems.addAll(ex.problems());
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return new ExecProvider(command, config.get("secret").orElse(null), timeout, config.secretValues());
    }

    /**
     * Tells what keeps the command from running, if anything. A bare name is looked up on PATH,
     * as the operating system does when the program is started.
     */
    private static Optional<String> runnable(String text, Path command) {
        if (command.getNameCount() == 1 && !command.isAbsolute() && !text.startsWith(".")) {
            var path = System.getenv("PATH");
            for (var dir : (path == null ? "" : path).split(java.io.File.pathSeparator)) {
                if (!dir.isEmpty() && Files.isRegularFile(Path.of(dir, text))
                        && Files.isExecutable(Path.of(dir, text))) {
                    return Optional.empty();
                }
            }
            return Optional.of("'" + text + "' is not a program on PATH. Give the program's full path, e.g. "
                    + "/usr/local/bin/dns-hook");
        }
        if (!Files.exists(command)) {
            return Optional.of("'" + text + "' does not exist" + (command.isAbsolute() ? ""
                    : " (relative to " + Path.of("").toAbsolutePath() + ")") + ". Give the program's full path");
        }
        if (!Files.isRegularFile(command)) {
            return Optional.of("'" + text + "' is not a file. Give the path of the program itself");
        }
        if (!Files.isExecutable(command)) {
            return Optional.of("'" + text + "' is not executable. Make it so (chmod +x " + text + "), or check "
                    + "that the user running the build may execute it");
        }
        return Optional.empty();
    }
}
