package io.github.acmecertificate.jenkins.credentials;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import io.github.acmecertificate.core.challenge.ChallengeContext;
import io.github.acmecertificate.core.challenge.ChallengeDescription;
import io.github.acmecertificate.core.config.Credential;
import io.github.acmecertificate.core.config.Values;
import io.github.acmecertificate.core.deploy.TargetContext;
import io.github.acmecertificate.core.deploy.TargetDescription;
import io.github.acmecertificate.core.exception.AcmeCertificateException;
import io.github.acmecertificate.core.exception.InvalidInputException;
import io.github.acmecertificate.core.exception.InvalidInputException.Problem;
import io.github.acmecertificate.core.ssh.SshEndpoint;

/**
 * The core's {@link ChallengeContext} and {@link TargetContext} for one run: the credential ids
 * a challenge or a target names become the core's {@link Credential}s and SSH endpoints, read as
 * the run may use them (an "SSH Username with private key" or a "Username with password" logs
 * in, the username being the login; a Secret text or a Username with password gives a secret).
 * known_hosts lines given as text are written to temporary files, because the core checks host
 * keys against a file; {@link #close()} removes them. Host keys are public: nothing secret is
 * written. The class loader of the DNS providers and target types is the plugin's own.
 *
 * @since 0.1.0
 */
public final class LookupContext implements ChallengeContext, TargetContext, AutoCloseable {

    /** The core's SSH fields that the credential fills: their problems are the credential's. */
    private static final Set<String> CREDENTIAL_FIELDS = Set.of("user", "privateKey", "passphrase", "password");

    private final CredentialLookup credentials;
    private final List<Path> files = new ArrayList<>();

    /**
     * Creates a context.
     *
     * @param credentials the credentials the run may use
     */
    public LookupContext(CredentialLookup credentials) {
        this.credentials = credentials;
    }

    /**
     * Returns the credentials.
     *
     * @return the lookup
     */
    public CredentialLookup credentials() {
        return credentials;
    }

    @Override
    public ClassLoader providers() {
        return LookupContext.class.getClassLoader();
    }

    @Override
    public Credential credential(String field, String reference) throws AcmeCertificateException {
        var found = credentials.find(reference);
        if (found.isPresent() && found.get() instanceof UserCredential.SecretText text) {
            return new Credential(null, text.secret());
        }
        if (found.isPresent() && found.get() instanceof UserCredential.UsernamePassword login) {
            return new Credential(login.username(), login.password());
        }
        throw new InvalidInputException(field, "the credential '" + reference + "' " + found.map(c -> "is " + c.kind())
                .orElse("is not visible to this job. Add it to the job's folder or the global credentials")
                + ". Give a Secret text credential, or a Username with password one");
    }

    /** An SFTP web root's SSH problems come with its path's, so that one run lists them all. */
    @Override
    public SshEndpoint sshEndpoint(ChallengeDescription d) throws AcmeCertificateException {
        try {
            return endpoint("sftpWebroot.", name -> d.type().option(name).isPresent() ? d.get(name) : null, "");
        } catch (InvalidInputException ex) {
            var path = d.get("path");
            if (!path.startsWith("/")) {
                var problems = new ArrayList<>(ex.problems());
                problems.add(new Problem("sftpWebroot.path", "give the web server's document root as an absolute "
                        + "path on the SSH server (e.g. /var/www/html), not '" + path + "'"));
                throw new InvalidInputException(problems);
            }
            throw ex;
        }
    }

    /** The SSH settings' messages name the host; a named target's say which target too. */
    @Override
    public SshEndpoint sshEndpoint(TargetDescription d) throws AcmeCertificateException {
        return endpoint("targets.", d::get, d.get("name") == null ? "" : "target " + d.get("name") + ": ");
    }

    private SshEndpoint endpoint(String prefix, Function<String, String> option, String label)
            throws AcmeCertificateException {
        var problems = new ArrayList<Problem>();
        var host = blank(option.apply("host"));
        var port = Values.port(prefix + "port", option.apply("port"), problems);
        var builder = SshEndpoint.builder().fieldPrefix(prefix).host(host)
                .port(port == null ? SshEndpoint.DEFAULT_PORT : port)
                .hostKeyFingerprint(blank(option.apply("hostKeyFingerprint")).isEmpty() ? null
                        : option.apply("hostKeyFingerprint"));
        var what = "SSH target " + (host.isEmpty() ? "" : host + " ");
        var id = blank(option.apply("credential"));
        var found = id.isEmpty() ? null : credentials.find(id).orElse(null);
        if (found instanceof UserCredential.SshPrivateKey key) {
            builder.user(key.username()).privateKey(String.join("\n", key.privateKeys()));
            if (key.passphrase() != null) {
                builder.passphrase(key.passphrase().toCharArray());
            }
        } else if (found instanceof UserCredential.UsernamePassword login) {
            builder.user(login.username()).password(login.password().toCharArray());
        } else {
            problems.add(new Problem(prefix + "credential", what + (id.isEmpty() ? "needs credentialsId: the id of "
                    + "an SSH Username with private key credential, or of a Username with password credential"
                    : "names the credential '" + id + "', which " + (found == null ? "this job cannot see. Add an "
                    + "SSH Username with private key credential with this id to the job's folder or the global "
                    + "credentials" : "is " + found.kind() + ". Give an SSH Username with private key credential, or "
                    + "a Username with password one"))));
        }
        var user = blank(option.apply("user"));
        if (!user.isEmpty()) {
            builder.user(user);
        }
        var knownHosts = blank(option.apply("knownHosts"));
        if (!knownHosts.isEmpty()) {
            builder.knownHosts(write(knownHosts, prefix + "knownHosts"));
        }
        var credentialProblem = !problems.isEmpty() && problems.get(problems.size() - 1).field().endsWith("credential");
        try {
            var endpoint = builder.build();
            if (problems.isEmpty()) {
                return endpoint;
            }
        } catch (InvalidInputException ex) {
            ex.problems().stream().filter(p -> !(credentialProblem && CREDENTIAL_FIELDS.contains(
                    p.field().substring(p.field().startsWith(prefix) ? prefix.length() : 0)))).forEach(problems::add);
        }
        throw new InvalidInputException(problems.stream().map(p -> new Problem(p.field(), label + p.problem()))
                .toList());
    }

    private static String blank(String value) {
        return value == null ? "" : value.strip();
    }

    private synchronized Path write(String lines, String field) throws InvalidInputException {
        try {
            var file = Files.createTempFile("acme-known-hosts-", ".txt");
            files.add(file);
            Files.writeString(file, lines + "\n", StandardCharsets.UTF_8);
            return file;
        } catch (IOException ex) {
            throw new InvalidInputException(field, "cannot write the known_hosts lines to a temporary file: "
                    + ex.getMessage());
        }
    }

    /** Removes the known_hosts files written for the run. */
    @Override
    public synchronized void close() {
        for (var file : files) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ex) {
                file.toFile().deleteOnExit();
            }
        }
        files.clear();
    }
}
