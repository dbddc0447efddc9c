package io.github.acmecertificate.jenkins.challenge;

import java.util.Optional;

import io.github.acmecertificate.core.challenge.ChallengeDescription;
import io.github.acmecertificate.core.challenge.ChallengeType;

/**
 * HTTP-01 answered by token files written into the document root of a web server that serves
 * the names, a folder on the controller.
 *
 * @param path the document root
 * @since 0.1.0
 */
public record WebrootSpec(String path) implements ChallengeSpec {

    /** The type name and symbol. */
    public static final String TYPE = "webroot";

    /**
     * Creates the spec.
     *
     * @param path the document root, or {@code null}
     */
    public WebrootSpec {
        path = path == null ? "" : path.strip();
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public ChallengeDescription description() {
        return ChallengeDescription.builder(ChallengeType.HTTP_01_WEBROOT).option("path", path).build();
    }

    @Override
    public boolean answerableFromController() {
        return true;
    }

    /** Writes files into a folder of the controller: administrators only. */
    @Override
    public Optional<String> controllerAccess() {
        return Optional.of("writes files on the controller");
    }

    @Override
    public String describe() {
        return TYPE + "(path: '" + path + "')";
    }
}
