package io.github.acmecertificate.core.challenge;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import io.github.acmecertificate.core.exception.InvalidInputException;

/**
 * The challenge settings as front ends receive them (a type name and its options), turned
 * into a {@link ChallengeSolver}. Keeping this mapping here gives every front end the same
 * names and the same error messages.
 *
 * @since 0.1.0
 */
public final class ChallengeSettings {

    /** HTTP-01 answered by the built-in server. */
    public static final String HTTP_01 = "http-01";
    /** HTTP-01 answered by token files in a web server's document root. */
    public static final String HTTP_01_WEBROOT = "http-01-webroot";

    private static final List<String> TYPES = List.of(HTTP_01, HTTP_01_WEBROOT);

    private String type = HTTP_01;
    private String httpAddress;
    private int httpPort = Http01StandaloneSolver.DEFAULT_PORT;
    private Path webroot;

    /**
     * Sets the challenge type.
     *
     * @param type {@code http-01} (default) or {@code http-01-webroot}
     * @return this
     */
    public ChallengeSettings type(String type) {
        this.type = type;
        return this;
    }

    /**
     * Sets the address the built-in HTTP-01 server listens on.
     *
     * @param address an address, or {@code null} for every interface
     * @return this
     */
    public ChallengeSettings httpAddress(String address) {
        this.httpAddress = address;
        return this;
    }

    /**
     * Sets the port the built-in HTTP-01 server listens on.
     *
     * @param port the port (default 80)
     * @return this
     */
    public ChallengeSettings httpPort(int port) {
        this.httpPort = port;
        return this;
    }

    /**
     * Sets the document root for {@code http-01-webroot}.
     *
     * @param webroot the folder served at {@code http://<name>/}
     * @return this
     */
    public ChallengeSettings webroot(Path webroot) {
        this.webroot = webroot;
        return this;
    }

    /**
     * Lists the accepted type names, for messages.
     *
     * @return the names
     */
    public static List<String> types() {
        return TYPES;
    }

    /**
     * Builds the solver these settings describe. Nothing is started.
     *
     * @return a new solver
     * @throws InvalidInputException naming the field that is wrong
     */
    public ChallengeSolver createSolver() throws InvalidInputException {
        var name = type == null || type.isBlank() ? HTTP_01 : type.strip().toLowerCase(Locale.ROOT);
        switch (name) {
            case HTTP_01:
                return new Http01StandaloneSolver(httpAddress, httpPort);
            case HTTP_01_WEBROOT:
                return new Http01WebrootSolver(webroot);
            default:
                throw new InvalidInputException("challenge", "'" + type + "' is not a known challenge. Use one of "
                        + String.join(", ", TYPES));
        }
    }
}
