package io.github.acmecertificate.jenkins;

import hudson.util.FormValidation;
import io.github.acmecertificate.jenkins.run.FormChecks;

/** Turns the plain form checks into Jenkins' form validation. */
final class Forms {

    private Forms() {
    }

    static FormValidation validation(FormChecks.Check check) {
        return switch (check.kind()) {
            case ERROR -> FormValidation.error(check.message());
            case WARNING -> FormValidation.warning(check.message());
            case OK -> check.message().isEmpty() ? FormValidation.ok() : FormValidation.ok(check.message());
        };
    }
}
