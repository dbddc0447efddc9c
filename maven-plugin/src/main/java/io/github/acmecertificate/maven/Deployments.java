package io.github.acmecertificate.maven;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

import io.github.acmecertificate.core.config.Credential;
import io.github.acmecertificate.core.config.Values;
import io.github.acmecertificate.core.deploy.DeployTarget;
import io.github.acmecertificate.core.deploy.DeployTargets;
import io.github.acmecertificate.core.deploy.TargetContext;
import io.github.acmecertificate.core.deploy.TargetDescription;
import io.github.acmecertificate.core.exception.AcmeCertificateException;
import io.github.acmecertificate.core.exception.InvalidInputException;
import io.github.acmecertificate.core.ssh.SshEndpoint;
import org.apache.maven.plugin.MojoFailureException;

/**
 * Turns the POM's {@code <targets>} into the core's target descriptions, and reads their
 * credentials from settings.xml servers. The core finds each type by name; this class knows
 * none of them. Shared by {@code acme:issue} and {@code acme:deploy}.
 */
final class Deployments implements TargetContext {

    private final SettingsSecrets secrets;

    Deployments(SettingsSecrets secrets) {
        this.secrets = secrets;
    }

    List<DeployTarget> targets(List<Target> configured) throws AcmeCertificateException {
        var result = new ArrayList<DeployTarget>();
        if (configured != null) {
            for (var target : configured) {
                result.add(DeployTargets.create(describe(target), this, Deployments.class.getClassLoader()));
            }
        }
        return result;
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
        try {
            var server = secrets.server(reference, AcmeProperties.property(field));
            return new Credential(server.map(s -> s.getUsername()).orElse(null),
                    server.map(s -> s.getPassword()).orElse(null));
        } catch (MojoFailureException ex) {
            var message = ex.getMessage();
            throw new InvalidInputException(field, message.substring(message.indexOf(": ") + 2));
        }
    }

    @Override
    public SshEndpoint sshEndpoint(TargetDescription description) throws AcmeCertificateException {
        try {
            return endpoint(description, "targets.");
        } catch (MojoFailureException ex) {
            var message = ex.getMessage();
            throw new InvalidInputException("targets.credential", message.substring(message.indexOf(": ") + 2));
        }
    }

    /**
     * Builds the SSH endpoint of a target, with the private key or password of its settings.xml
     * server.
     *
     * @param d           the target
     * @param fieldPrefix how errors name the fields, e.g. {@code targets.} or {@code sftpWebroot.}
     */
    SshEndpoint endpoint(TargetDescription d, String fieldPrefix) throws InvalidInputException, MojoFailureException {
        var knownHosts = d.get("knownHosts");
        var builder = SshEndpoint.builder().fieldPrefix(fieldPrefix).host(d.get("host")).user(d.get("user"))
                .hostKeyFingerprint(d.get("hostKeyFingerprint"))
                .knownHosts(knownHosts == null ? null : Path.of(knownHosts));
        var port = Values.port(fieldPrefix + "port", d.get("port"));
        if (port != null) {
            builder.port(port);
        }
        var server = secrets.server(d.get("credential"), "<serverId> of target " + d.label());
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
