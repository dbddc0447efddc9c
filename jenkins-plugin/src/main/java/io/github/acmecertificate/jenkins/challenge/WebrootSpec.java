package io.github.acmecertificate.jenkins.challenge;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.github.acmecertificate.core.challenge.ChallengeSolver;
import io.github.acmecertificate.core.challenge.Http01WebrootSolver;
import io.github.acmecertificate.core.exception.InvalidInputException;

/**
 * HTTP-01 answered by token files written into the document root of a web server that serves
 * the names, a folder on the controller.
 *
 * @param path the document root
 * @since 0.1.0
 */
public record WebrootSpec(String path) implements ChallengeSpec, java.io.Serializable {

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
    public Map<String, String> options() {
        var options = new LinkedHashMap<String, String>();
        options.put("path", path);
        return options;
    }

    @Override
    public ChallengeSolver createSolver(SolverContext context) throws InvalidInputException {
        Path folder = null;
        if (!path.isEmpty()) {
            try {
                folder = Path.of(path);
            } catch (InvalidPathException ex) {
                throw new InvalidInputException("webroot", "'" + path + "' is not a path: " + ex.getMessage());
            }
        }
        return new Http01WebrootSolver(folder);
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
