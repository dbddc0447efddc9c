package io.github.acmecertificate.maven;

import io.github.acmecertificate.core.exception.AcmeCertificateException;
import io.github.acmecertificate.core.exception.InvalidInputException;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;

/**
 * Maps the core's exceptions to Maven's, in one place for every goal: problems the user
 * can fix (input, CA, challenge, store) fail the build with the core's message; anything
 * else is an execution error with its stack trace.
 */
final class MojoErrors {

    private MojoErrors() {
    }

    static MojoFailureException failure(AcmeCertificateException ex) {
        if (ex instanceof InvalidInputException invalid) {
            // Say which Maven property sets the field, next to the core's field name.
            var message = new StringBuilder(invalid.getMessage());
            message.append("\n(set with <configuration> in the POM or ");
            message.append(String.join(", ", invalid.problems().stream()
                    .map(p -> AcmeProperties.property(p.field()))
                    .map(p -> p.startsWith("acme.") ? "-D" + p : p).distinct().toList()));
            message.append(")");
            return new MojoFailureException(message.toString(), ex);
        }
        return new MojoFailureException(ex.getMessage(), ex);
    }

    static MojoExecutionException interrupted(InterruptedException ex) {
        Thread.currentThread().interrupt();
        return new MojoExecutionException("Interrupted while waiting for the CA", ex);
    }
}
