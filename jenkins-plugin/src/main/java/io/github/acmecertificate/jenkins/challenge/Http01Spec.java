package io.github.acmecertificate.jenkins.challenge;

import io.github.acmecertificate.core.challenge.ChallengeDescription;
import io.github.acmecertificate.core.challenge.ChallengeType;
import io.github.acmecertificate.core.challenge.Http01StandaloneSolver;

/**
 * HTTP-01 answered by a built-in HTTP server on the controller, listening only while the
 * challenges are pending.
 *
 * @param address the address to listen on, or empty for every interface
 * @param port    the port (80, unless a forward from port 80 points elsewhere)
 * @since 0.1.0
 */
public record Http01Spec(String address, int port) implements ChallengeSpec {

    /** The type name and symbol. */
    public static final String TYPE = "http01";

    /**
     * Creates the spec.
     *
     * @param address the address, or {@code null} or empty for every interface
     * @param port    the port
     */
    public Http01Spec {
        address = address == null ? "" : address.strip();
    }

    /**
     * Returns the default: every interface, port 80.
     *
     * @return the default spec
     */
    public static Http01Spec defaults() {
        return new Http01Spec("", Http01StandaloneSolver.DEFAULT_PORT);
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public ChallengeDescription description() {
        return ChallengeDescription.builder(ChallengeType.HTTP_01).option("address", address).option("port", port)
                .build();
    }

    @Override
    public boolean answerableFromController() {
        return true;
    }

    @Override
    public String describe() {
        return TYPE + "(" + (address.isEmpty() ? "" : "address: '" + address + "', ") + "port: " + port + ")";
    }
}
