package io.github.acmecertificate.jenkins.challenge;

import java.util.ArrayList;
import java.util.Objects;

import io.github.acmecertificate.core.challenge.ChallengeDescription;
import io.github.acmecertificate.core.challenge.ChallengeSolver;
import io.github.acmecertificate.core.challenge.ChallengeType;
import io.github.acmecertificate.core.challenge.Http01SftpSolver;
import io.github.acmecertificate.core.exception.AcmeCertificateException;
import io.github.acmecertificate.core.exception.InvalidInputException.Problem;
import io.github.acmecertificate.core.exception.InvalidInputException;
import io.github.acmecertificate.core.ssh.SshEndpoint;
import io.github.acmecertificate.jenkins.ssh.SshSpec;

/**
 * HTTP-01 answered by token files uploaded over SFTP into the document root of a web server
 * that serves the names, reached from the controller over SSH with a credential the build may
 * use. Nothing is written on the controller.
 *
 * @param ssh  the web server and how to log in
 * @param path the absolute path of its document root
 * @since 0.1.0
 */
public record SftpWebrootSpec(SshSpec ssh, String path) implements ChallengeSpec {

    /** The type name and symbol. */
    public static final String TYPE = "sftpWebroot";
    /** How the core names this challenge's SSH fields in errors. */
    public static final String FIELD_PREFIX = "sftpWebroot.";

    /**
     * Creates the spec.
     *
     * @param ssh  the web server
     * @param path the document root, or {@code null}
     */
    public SftpWebrootSpec {
        Objects.requireNonNull(ssh, "ssh");
        path = path == null ? "" : path.strip();
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public ChallengeDescription description() {
        return ChallengeDescription.builder(ChallengeType.HTTP_01_SFTP).option("host", ssh.host())
                .option("port", ssh.port()).option("credential", ssh.credentialsId())
                .option("knownHosts", ssh.knownHosts()).option("hostKeyFingerprint", ssh.hostKeyFingerprint())
                .option("path", path).build();
    }

    /** Reports the SSH and the path problems together, which the core's mapping cannot (it needs the endpoint first). */
    @Override
    public ChallengeSolver createSolver(SolverContext context) throws AcmeCertificateException {
        var problems = new ArrayList<Problem>();
        SshEndpoint endpoint = null;
        try {
            endpoint = ssh.endpoint(FIELD_PREFIX, context.credentials(), context.knownHosts());
        } catch (InvalidInputException ex) {
            problems.addAll(ex.problems());
        }
        if (path.isEmpty() || !path.startsWith("/")) {
            problems.add(new Problem(FIELD_PREFIX + "path", "give the web server's document root as an absolute "
                    + "path on " + (ssh.host().isEmpty() ? "the SSH server" : ssh.host()) + " (e.g. /var/www/html), not '"
                    + path + "'"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return new Http01SftpSolver(endpoint, path);
    }

    @Override
    public boolean answerableFromController() {
        return true;
    }

    @Override
    public String describe() {
        return TYPE + "(" + ssh.describe() + ", path: '" + path + "')";
    }
}
