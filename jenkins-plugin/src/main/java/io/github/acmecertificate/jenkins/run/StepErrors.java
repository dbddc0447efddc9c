package io.github.acmecertificate.jenkins.run;

import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.github.acmecertificate.core.challenge.ChallengeType;
import io.github.acmecertificate.core.config.Option;
import io.github.acmecertificate.core.exception.AcmeCertificateException;
import io.github.acmecertificate.core.exception.InvalidInputException;

/**
 * Words the core's errors for a Jenkinsfile: problems with the input name the step's
 * parameter (or the global configuration) where the core names its own field; every other
 * message is the core's, which says what happened and what to do.
 *
 * @since 0.1.0
 */
public final class StepErrors {

    /** The one table of core field names that the step spells differently; prefixes follow below. */
    private static final Map<String, String> PARAMETERS = Map.of(
            "name", "credentialsId",
            "http.port", "challenge: http01(port: ...)",
            "http.address", "challenge: http01(address: ...)",
            "webroot", "challenge: webroot(path: ...)",
            "eab", "server (the External Account Binding of the configured server)",
            "serverTrust", "server (the trusted root of the configured server)",
            "targets", "deploy",
            "keystorePassword", "keystorePasswordCredentialsId",
            "dns.credential", "challenge: dns01(credentialsId: ...)",
            "sftpWebroot.server", "challenge: sftpWebroot(host: ...)");

    /** The SSH fields that the credential named by credentialsId fills. */
    private static final Set<String> SSH_CREDENTIAL_FIELDS = Set.of("user", "privateKey", "privateKeyFile",
            "passphrase", "password");

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
            return "deploy: sftp(" + sshParameter(field.substring("targets.".length())) + ": ...)";
        }
        return field;
    }

    private static String sshParameter(String key) {
        return SSH_CREDENTIAL_FIELDS.contains(key) ? "credentialsId" : key;
    }

    /**
     * Words an error for the build log.
     *
     * @param ex the core's exception
     * @return a message without stack trace, saying what to change
     */
    public static String message(AcmeCertificateException ex) {
        if (ex instanceof InvalidInputException invalid) {
            if (invalid.problems().size() == 1) {
                var problem = invalid.problems().get(0);
                return "acmeCertificate: invalid " + parameter(problem.field()) + ": " + problem.problem();
            }
            return "acmeCertificate: invalid parameters:" + invalid.problems().stream()
                    .map(p -> "\n  - " + parameter(p.field()) + ": " + p.problem())
                    .collect(Collectors.joining());
        }
        return "acmeCertificate: " + ex.getMessage();
    }
}
