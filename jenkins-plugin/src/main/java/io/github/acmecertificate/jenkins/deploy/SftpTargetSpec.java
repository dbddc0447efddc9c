package io.github.acmecertificate.jenkins.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.github.acmecertificate.core.deploy.SftpTarget;
import io.github.acmecertificate.core.exception.AcmeCertificateException;
import io.github.acmecertificate.core.exception.InvalidInputException.Problem;
import io.github.acmecertificate.core.exception.InvalidInputException;
import io.github.acmecertificate.core.ssh.SshEndpoint;
import io.github.acmecertificate.jenkins.credentials.CredentialLookup;
import io.github.acmecertificate.jenkins.ssh.KnownHostsFiles;
import io.github.acmecertificate.jenkins.ssh.SshSpec;

/**
 * A server the certificate is deployed to over SFTP, as {@code sftp(...)} gives it. Holds no
 * secret: the login comes from the credential {@link SshSpec#credentialsId()} names.
 *
 * @param name          the target's name in the log, or empty for {@code user@host:port}
 * @param ssh           the server and how to log in
 * @param directory     the folder relative paths are in, or empty
 * @param files         what goes where; none for {@code fullchain.pem} and {@code privkey.pem} in the directory
 * @param reloadCommand the command run over SSH once the files are in place, or empty
 * @param verifyTls     {@code host:port} (or a port) to check that the new certificate is served, or empty
 * @param tlsServerName the name the TLS check sends, or empty for the certificate's first name
 * @since 0.1.0
 */
public record SftpTargetSpec(String name, SshSpec ssh, String directory, List<TargetFileSpec> files,
        String reloadCommand, String verifyTls, String tlsServerName) {

    /** How the core names a target's fields in errors. */
    public static final String FIELD_PREFIX = "targets.";

    /**
     * Creates the spec.
     *
     * @param name          the name, or {@code null}
     * @param ssh           the server
     * @param directory     the directory, or {@code null}
     * @param files         the files, or {@code null}
     * @param reloadCommand the command, or {@code null}
     * @param verifyTls     the TLS address, or {@code null}
     * @param tlsServerName the SNI name, or {@code null}
     */
    public SftpTargetSpec {
        name = strip(name);
        Objects.requireNonNull(ssh, "ssh");
        directory = strip(directory);
        files = files == null ? List.of() : List.copyOf(files);
        reloadCommand = strip(reloadCommand);
        verifyTls = strip(verifyTls);
        tlsServerName = strip(tlsServerName);
    }

    private static String strip(String value) {
        return value == null ? "" : value.strip();
    }

    /**
     * Builds the core's target: looks the credential up and checks every value, before any
     * connection.
     *
     * @param credentials the credentials the build may use
     * @param knownHosts  where known_hosts lines go for the run
     * @return the target
     * @throws InvalidInputException    listing every problem, each naming its field
     * @throws AcmeCertificateException if the credential cannot be read
     */
    public SftpTarget toTarget(CredentialLookup credentials, KnownHostsFiles knownHosts)
            throws AcmeCertificateException {
        SshEndpoint endpoint;
        try {
            endpoint = ssh.endpoint(FIELD_PREFIX, credentials, knownHosts);
        } catch (InvalidInputException ex) {
            if (name.isEmpty()) {
                throw ex;
            }
            // The SSH settings' messages name the host; say which target too.
            var problems = new ArrayList<Problem>();
            ex.problems().forEach(p -> problems.add(new Problem(p.field(), "target " + name + ": " + p.problem())));
            throw new InvalidInputException(problems);
        }
        var builder = SftpTarget.builder(endpoint).name(name.isEmpty() ? null : name)
                .directory(directory.isEmpty() ? null : directory);
        for (var file : files) {
            builder.file(file.source(), blankToNull(file.path()), blankToNull(file.mode()), blankToNull(file.owner()),
                    blankToNull(file.group()));
        }
        return builder.reloadCommand(blankToNull(reloadCommand)).verifyTls(blankToNull(verifyTls))
                .tlsServerName(blankToNull(tlsServerName)).build();
    }

    private static String blankToNull(String value) {
        return value.isEmpty() ? null : value;
    }

    /**
     * Returns how the log names this target.
     *
     * @return the name, or {@code host} when it has none
     */
    public String label() {
        return name.isEmpty() ? ssh.host() : name;
    }

    /**
     * Describes the target as a step argument would read.
     *
     * @return e.g. {@code sftp(name: 'web1', host: 'web1.example.com', credentialsId: 'web-deploy-ssh')}
     */
    public String describe() {
        return "sftp(" + (name.isEmpty() ? "" : "name: '" + name + "', ") + ssh.describe() + ")";
    }
}
