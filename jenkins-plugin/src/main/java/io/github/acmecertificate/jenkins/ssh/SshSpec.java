package io.github.acmecertificate.jenkins.ssh;

import java.util.ArrayList;
import java.util.Set;

import io.github.acmecertificate.core.exception.AcmeCertificateException;
import io.github.acmecertificate.core.exception.InvalidInputException.Problem;
import io.github.acmecertificate.core.exception.InvalidInputException;
import io.github.acmecertificate.core.ssh.SshEndpoint;
import io.github.acmecertificate.jenkins.credentials.CredentialLookup;
import io.github.acmecertificate.jenkins.credentials.UserCredential;

/**
 * An SSH server as a step names it: host and port, the id of the credential to log in with
 * (an "SSH Username with private key" or a "Username with password" credential, whose username
 * is the login), and how its host key is checked: known_hosts lines given as text, pinned
 * {@code SHA256:} fingerprints, or, when neither is given, the controller's
 * {@code ~/.ssh/known_hosts}. Holds no secret.
 *
 * @param host               the SSH server
 * @param port               its port
 * @param credentialsId      the credential to log in with
 * @param knownHosts         known_hosts lines for the host (what {@code ssh-keyscan} prints), or empty
 * @param hostKeyFingerprint pinned fingerprints, comma-separated, or empty
 * @since 0.1.0
 */
public record SshSpec(String host, int port, String credentialsId, String knownHosts, String hostKeyFingerprint) {

    /** The core's fields that the credential fills: their problems are the credential's. */
    private static final Set<String> CREDENTIAL_FIELDS = Set.of("user", "privateKey", "passphrase", "password");

    /**
     * Creates the spec.
     *
     * @param host               the host
     * @param port               the port
     * @param credentialsId      the credential's id
     * @param knownHosts         known_hosts lines, or {@code null}
     * @param hostKeyFingerprint fingerprints, or {@code null}
     */
    public SshSpec {
        host = strip(host);
        credentialsId = strip(credentialsId);
        knownHosts = strip(knownHosts);
        hostKeyFingerprint = strip(hostKeyFingerprint);
    }

    private static String strip(String value) {
        return value == null ? "" : value.strip();
    }

    /**
     * Builds the core's endpoint: looks the credential up, parses its key, writes the known_hosts
     * lines to a temporary file, and checks everything, before any connection.
     *
     * @param fieldPrefix how errors name the fields: {@code targets.} or {@code sftpWebroot.}
     * @param credentials the credentials the build may use
     * @param files       where known_hosts lines go for the run
     * @return the endpoint
     * @throws InvalidInputException    listing every problem, each naming its field
     * @throws AcmeCertificateException if the credential cannot be read
     */
    public SshEndpoint endpoint(String fieldPrefix, CredentialLookup credentials, KnownHostsFiles files)
            throws AcmeCertificateException {
        var problems = new ArrayList<Problem>();
        var builder = SshEndpoint.builder().fieldPrefix(fieldPrefix).host(host).port(port)
                .hostKeyFingerprint(hostKeyFingerprint.isEmpty() ? null : hostKeyFingerprint);
        var label = "SSH target " + (host.isEmpty() ? "" : host + " ");
        var credentialProblem = false;
        if (credentialsId.isEmpty()) {
            problems.add(new Problem(fieldPrefix + "credentialsId", label + "needs credentialsId: the id of an SSH "
                    + "Username with private key credential, or of a Username with password credential"));
            credentialProblem = true;
        } else {
            var found = credentials.find(credentialsId);
            if (found.isEmpty()) {
                problems.add(new Problem(fieldPrefix + "credentialsId", label + "names the credential '"
                        + credentialsId + "', which this job cannot see. Add an SSH Username with private key "
                        + "credential with this id to the job's folder or the global credentials"));
                credentialProblem = true;
            } else if (found.get() instanceof UserCredential.SshPrivateKey key) {
                builder.user(key.username()).privateKey(String.join("\n", key.privateKeys()));
                if (key.passphrase() != null) {
                    builder.passphrase(key.passphrase().toCharArray());
                }
            } else if (found.get() instanceof UserCredential.UsernamePassword login) {
                builder.user(login.username()).password(login.password().toCharArray());
            } else {
                problems.add(new Problem(fieldPrefix + "credentialsId", label + "names the credential '"
                        + credentialsId + "', which is " + found.get().kind() + ". Give an SSH Username with "
                        + "private key credential, or a Username with password one"));
                credentialProblem = true;
            }
        }
        if (!knownHosts.isEmpty()) {
            builder.knownHosts(files.write(knownHosts, fieldPrefix + "knownHosts"));
        }
        try {
            var endpoint = builder.build();
            if (problems.isEmpty()) {
                return endpoint;
            }
        } catch (InvalidInputException ex) {
            for (var problem : ex.problems()) {
                var field = problem.field().startsWith(fieldPrefix)
                        ? problem.field().substring(fieldPrefix.length()) : problem.field();
                if (!(credentialProblem && CREDENTIAL_FIELDS.contains(field))) {
                    problems.add(problem);
                }
            }
        }
        throw new InvalidInputException(problems);
    }

    /**
     * Describes the server for the log, as a step argument would read.
     *
     * @return e.g. {@code host: 'web1.example.com', port: 22, credentialsId: 'web-deploy-ssh'}
     */
    public String describe() {
        return "host: '" + host + "'" + (port == SshEndpoint.DEFAULT_PORT ? "" : ", port: " + port)
                + ", credentialsId: '" + credentialsId + "'";
    }
}
