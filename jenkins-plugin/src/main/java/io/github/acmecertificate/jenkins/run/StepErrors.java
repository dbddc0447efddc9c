package io.github.acmecertificate.jenkins.run;

import java.util.ArrayList;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.github.acmecertificate.core.challenge.ChallengeDescription;
import io.github.acmecertificate.core.challenge.ChallengeType;
import io.github.acmecertificate.core.config.Option;
import io.github.acmecertificate.core.config.Option.Kind;
import io.github.acmecertificate.core.config.Values;
import io.github.acmecertificate.core.deploy.DeployTargets;
import io.github.acmecertificate.core.exception.AcmeCertificateException;
import io.github.acmecertificate.core.exception.InvalidInputException;

/**
 * How the step's syntax names the core's fields, in one table: problems with the input name
 * the step's parameter (or the global configuration) where the core names its own field, and
 * a challenge is described as a Jenkinsfile writes it; every other message is the core's,
 * which says what happened and what to do.
 *
 * @since 0.1.0
 */
public final class StepErrors {

    /** The core's option names that the step's describables spell differently; every other is the same. */
    private static final Map<String, String> OPTION_NAMES = Map.of("credential", "credentialsId");

    /** The core field names that the step spells differently; prefixes follow below. */
    private static final Map<String, String> PARAMETERS = Map.ofEntries(
            Map.entry("name", "credentialsId"),
            Map.entry("http.port", "challenge: http01(port: ...)"),
            Map.entry("http.address", "challenge: http01(address: ...)"),
            Map.entry("webroot", "challenge: webroot(path: ...)"),
            Map.entry("eab", "server (the External Account Binding of the configured server)"),
            Map.entry("serverTrust", "server (the trusted root of the configured server)"),
            Map.entry("targets", "deploy"),
            Map.entry("keystorePassword", "keystorePasswordCredentialsId"),
            Map.entry("dns.credential", "challenge: dns01(credentialsId: ...)"),
            Map.entry("sftpWebroot.server", "challenge: sftpWebroot(host: ...)"),
            Map.entry("targets.type", "deploy: deployTarget(type: ...)"),
            Map.entry("targets.options", "deploy: deployTarget(options: ...)"));

    /** The SSH fields that the credential named by credentialsId fills. */
    private static final Set<String> SSH_CREDENTIAL_FIELDS = Set.of("credential", "user", "privateKey",
            "privateKeyFile", "passphrase", "password");

    /** The options sftp(...) has as parameters; any other target option is one of deployTarget(options: ...). */
    private static final Set<String> SFTP_PARAMETERS = Stream.concat(DeployTargets.COMMON_OPTIONS.stream(),
            DeployTargets.SSH_OPTIONS.stream()).map(Option::name).collect(Collectors.toUnmodifiableSet());

    /**
     * The parameters of dns01(...) itself, as the core declares them; every other dns.* field is
     * one of the provider's options.
     */
    private static final Set<String> DNS_PARAMETERS = ChallengeType.DNS_01.options().stream().map(Option::name)
            .collect(Collectors.toUnmodifiableSet());

    private StepErrors() {
    }

    /**
     * Returns the parameter a core field is set with.
     *
     * @param field the core's field name
     * @return the step's parameter, or the field itself when the names agree
     */
    public static String parameter(String field) {
        if (PARAMETERS.containsKey(field)) {
            return PARAMETERS.get(field);
        }
        if (field.startsWith("dns.")) {
            var key = field.substring("dns.".length());
            return DNS_PARAMETERS.contains(key) ? "challenge: dns01(" + key + ": ...)"
                    : "challenge: dns01(options: '" + key + "=...')";
        }
        if (field.startsWith("sftpWebroot.")) {
            return "challenge: sftpWebroot(" + sshParameter(field.substring("sftpWebroot.".length())) + ": ...)";
        }
        if (field.startsWith("targets.files.")) {
            return "deploy: sftp(files: [targetFile(" + field.substring("targets.files.".length()) + ": ...)])";
        }
        if (field.startsWith("targets.")) {
            var key = field.substring("targets.".length());
            return SFTP_PARAMETERS.contains(key) || SSH_CREDENTIAL_FIELDS.contains(key)
                    ? "deploy: sftp(" + sshParameter(key) + ": ...)"
                    : "deploy: deployTarget(options: '" + key + "=...')";
        }
        return field;
    }

    /**
     * Describes a challenge for the log as a step argument would read, with the core's option
     * names (a credential as {@code credentialsId}) but never a value of {@code options} (a secret
     * written there by mistake must not reach the log) nor known_hosts lines.
     *
     * @param challenge the challenge
     * @return e.g. {@code dns01(provider: 'rfc2136', credentialsId: 'tsig', options: 'nameserver=...')}
     */
    public static String describe(ChallengeDescription challenge) {
        var arguments = new ArrayList<String>();
        for (var option : challenge.type().options()) {
            var value = challenge.options().getOrDefault(option.name(), "");
            if (value.isEmpty()) {
                continue;
            }
            String shown;
            if (option.kind() == Kind.KEY_VALUES) {
                try {
                    shown = "'" + Values.keyValues(option.field(), value).keySet().stream().map(k -> k + "=...")
                            .collect(Collectors.joining(", ")) + "'";
                } catch (InvalidInputException ex) {
                    shown = "'...'";
                }
            } else if (option.kind() == Kind.PORT || option.kind() == Kind.BOOLEAN) {
                shown = value;
            } else {
                shown = "'" + (value.contains("\n") ? "..." : value) + "'";
            }
            arguments.add(parameterName(option.name()) + ": " + shown);
        }
        return challenge.type().symbol() + "(" + String.join(", ", arguments) + ")";
    }

    /**
     * Returns the name of the describable parameter that holds a core option.
     *
     * @param option the core's option name, e.g. {@code credential}
     * @return the step's name, e.g. {@code credentialsId}
     */
    public static String parameterName(String option) {
        return OPTION_NAMES.getOrDefault(option, option);
    }

    private static String sshParameter(String key) {
        return SSH_CREDENTIAL_FIELDS.contains(key) ? parameterName("credential") : key;
    }

    /**
     * Words an error for the build log.
     *
     * @param ex the core's exception
     * @return {@code acmeCertificate: } and the {@link #reason(AcmeCertificateException)}
     */
    public static String message(AcmeCertificateException ex) {
        return "acmeCertificate: " + reason(ex);
    }

    /**
     * Words an error with the step's parameter names, for a line that names the step already
     * or lists several errors.
     *
     * @param ex the core's exception
     * @return a message without stack trace, saying what to change
     */
    public static String reason(AcmeCertificateException ex) {
        if (ex instanceof InvalidInputException invalid) {
            if (invalid.problems().size() == 1) {
                var problem = invalid.problems().get(0);
                return "invalid " + parameter(problem.field()) + ": " + problem.problem();
            }
            return "invalid parameters:" + invalid.problems().stream()
                    .map(p -> "\n  - " + parameter(p.field()) + ": " + p.problem())
                    .collect(Collectors.joining());
        }
        return ex.getMessage();
    }
}
