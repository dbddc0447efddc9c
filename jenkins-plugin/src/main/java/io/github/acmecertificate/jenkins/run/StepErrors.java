package io.github.acmecertificate.jenkins.run;

import java.util.Map;
import java.util.stream.Collectors;

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

    /** Core field names that the step spells differently. */
    private static final Map<String, String> PARAMETERS = Map.of(
            "name", "credentialsId",
            "http.port", "challenge: http01(port: ...)",
            "http.address", "challenge: http01(address: ...)",
            "webroot", "challenge: webroot(path: ...)",
            "eab", "server (the External Account Binding of the configured server)",
            "serverTrust", "server (the trusted root of the configured server)");

    private StepErrors() {
    }

    /**
     * Returns the parameter a core field is set with.
     *
     * @param field the core's field name
     * @return the step's parameter, or the field itself when the names agree
     */
    public static String parameter(String field) {
        return PARAMETERS.getOrDefault(field, field);
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
