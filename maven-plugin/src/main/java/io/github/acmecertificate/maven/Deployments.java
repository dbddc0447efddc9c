package io.github.acmecertificate.maven;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;

import io.github.acmecertificate.core.CertificateDescription;
import io.github.acmecertificate.core.challenge.ChallengeDescription;
import io.github.acmecertificate.core.config.Credential;
import io.github.acmecertificate.core.config.Values;
import io.github.acmecertificate.core.deploy.TargetDescription;
import io.github.acmecertificate.core.exception.AcmeCertificateException;
import io.github.acmecertificate.core.exception.InvalidInputException;
import io.github.acmecertificate.core.ssh.SshEndpoint;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.settings.Server;

/**
 * Turns the POM's {@code <targets>} into the core's target descriptions, and reads the
 * credentials that a certificate's description refers to from settings.xml servers: the core's
 * {@link CertificateDescription.Context} for {@code acme:deploy}; {@code acme:issue} adds its own
 * rules. The core finds each target type by name; this class knows none of them.
 */
class Deployments implements CertificateDescription.Context {

    private final SettingsSecrets secrets;

    Deployments(SettingsSecrets secrets) {
        this.secrets = secrets;
    }

    /** The targets as the core describes them. */
    static List<TargetDescription> describe(List<Target> configured) {
        return configured == null ? List.of() : configured.stream().map(Deployments::describe).toList();
    }

    /** The target as the core describes it: the POM's fields under their core names, and {@code <options>}. */
    static TargetDescription describe(Target t) {
        var options = new LinkedHashMap<String, String>();
        options.put("name", t.name);
        options.put("directory", t.directory);
        options.put("reloadCommand", t.reloadCommand);
        options.put("verifyTls", t.verifyTls);
        options.put("tlsServerName", t.tlsServerName);
        options.put("host", t.host);
        options.put("port", t.port);
        options.put("user", t.user);
        options.put("credential", t.serverId);
        options.put("knownHosts", t.knownHosts);
        options.put("hostKeyFingerprint", t.hostKeyFingerprint);
        if (t.options != null) {
            options.putAll(t.options);
        }
        var files = new ArrayList<TargetDescription.FileEntry>();
        if (t.files != null) {
            for (var f : t.files) {
                files.add(new TargetDescription.FileEntry(f.source, f.path, f.mode, f.owner, f.group));
            }
        }
        return new TargetDescription(t.type, options, files);
    }

    @Override
    public Credential credential(String field, String reference) throws InvalidInputException {
        var property = AcmeProperties.property(field);
        try {
            var server = secrets.server(reference, property);
            return new Credential(server.map(s -> s.getUsername()).orElse(null),
                    server.map(s -> s.getPassword()).orElse(null));
        } catch (MojoFailureException ex) {
            throw refused(field, property, ex);
        }
    }

    /**
     * The problem a settings.xml look-up found, under the core's field: its message without the
     * {@code Invalid <property>: } that {@link MojoErrors} writes again.
     */
    static InvalidInputException refused(String field, String property, MojoFailureException ex) {
        var message = ex.getMessage();
        var prefix = "Invalid " + property + ": ";
        return new InvalidInputException(field, message.startsWith(prefix) ? message.substring(prefix.length())
                : message);
    }

    @Override
    public SshEndpoint sshEndpoint(TargetDescription description) throws AcmeCertificateException {
        return endpoint(description, "targets.");
    }

    /** Only {@code acme:issue} answers challenges. */
    @Override
    public SshEndpoint sshEndpoint(ChallengeDescription description) throws AcmeCertificateException {
        throw new IllegalStateException("no challenge is answered here");
    }

    /**
     * Builds the SSH endpoint of a target, with the private key or password of its settings.xml
     * server.
     *
     * @param d           the target
     * @param fieldPrefix how errors name the fields, e.g. {@code targets.} or {@code sftpWebroot.}
     */
    SshEndpoint endpoint(TargetDescription d, String fieldPrefix) throws InvalidInputException {
        var knownHosts = d.get("knownHosts");
        var builder = SshEndpoint.builder().fieldPrefix(fieldPrefix).host(d.get("host")).user(d.get("user"))
                .hostKeyFingerprint(d.get("hostKeyFingerprint"))
                .knownHosts(knownHosts == null ? null : Path.of(knownHosts));
        var port = Values.port(fieldPrefix + "port", d.get("port"));
        if (port != null) {
            builder.port(port);
        }
        var property = "<serverId> of target " + d.label();
        Optional<Server> server;
        try {
            server = secrets.server(d.get("credential"), property);
        } catch (MojoFailureException ex) {
            throw refused(fieldPrefix + "credential", property, ex);
        }
        if (server.isPresent()) {
            var s = server.get();
            if (d.get("user") == null) {
                builder.user(s.getUsername());
            }
            if (s.getPrivateKey() != null && !s.getPrivateKey().isBlank()) {
                builder.privateKeyFile(Path.of(s.getPrivateKey()));
                if (s.getPassphrase() != null && !s.getPassphrase().isEmpty()) {
                    builder.passphrase(s.getPassphrase().toCharArray());
                }
            } else if (s.getPassword() != null && !s.getPassword().isEmpty()) {
                builder.password(s.getPassword().toCharArray());
            }
        }
        return builder.build();
    }
}
