package io.github.acmecertificate.maven;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.github.acmecertificate.core.config.Values;
import io.github.acmecertificate.core.deploy.DeployTarget;
import io.github.acmecertificate.core.deploy.LocalTarget;
import io.github.acmecertificate.core.deploy.SftpTarget;
import io.github.acmecertificate.core.exception.InvalidInputException;
import io.github.acmecertificate.core.ssh.SshEndpoint;
import org.apache.maven.plugin.MojoFailureException;

/**
 * Turns the POM's {@code <targets>} into the core's deploy targets, taking SSH secrets from
 * settings.xml servers. Shared by {@code acme:issue} and {@code acme:deploy}.
 */
final class Deployments {

    private final SettingsSecrets secrets;

    Deployments(SettingsSecrets secrets) {
        this.secrets = secrets;
    }

    List<DeployTarget> targets(List<Target> configured) throws InvalidInputException, MojoFailureException {
        var result = new ArrayList<DeployTarget>();
        if (configured == null) {
            return result;
        }
        for (var target : configured) {
            result.add(target(target));
        }
        return result;
    }

    private DeployTarget target(Target t) throws InvalidInputException, MojoFailureException {
        var type = t.type == null ? "" : Values.lower(t.type.strip());
        switch (type) {
            case "sftp": {
                var builder = SftpTarget.builder(endpoint(t, "targets.")).name(t.name).directory(t.directory);
                addFiles(t, builder::file);
                return builder.reloadCommand(t.reloadCommand).verifyTls(t.verifyTls)
                        .tlsServerName(t.tlsServerName).build();
            }
            case "local": {
                var builder = LocalTarget.builder().name(t.name)
                        .directory(t.directory == null ? null : Path.of(t.directory));
                addFiles(t, builder::file);
                return builder.reloadCommand(t.reloadCommand).verifyTls(t.verifyTls)
                        .tlsServerName(t.tlsServerName).build();
            }
            default:
                throw new InvalidInputException("targets.type", "'" + (t.type == null ? "" : t.type)
                        + "' is not a target type. Use sftp (a server reached over SSH) or local (a folder here)");
        }
    }

    /** Adds a target's files through its builder's {@code file(source, path, mode, owner, group)}. */
    @FunctionalInterface
    private interface FileAdder {
        Object add(String source, String path, String mode, String owner, String group);
    }

    private static void addFiles(Target t, FileAdder adder) {
        if (t.files != null) {
            for (var file : t.files) {
                adder.add(file.source, file.path, file.mode, file.owner, file.group);
            }
        }
    }

    /**
     * Builds the SSH endpoint of a target, with the private key or password of its settings.xml
     * server.
     *
     * @param t           the target
     * @param fieldPrefix how errors name the fields, e.g. {@code targets.} or {@code sftpWebroot.}
     */
    SshEndpoint endpoint(Target t, String fieldPrefix) throws InvalidInputException, MojoFailureException {
        var builder = SshEndpoint.builder().fieldPrefix(fieldPrefix).host(t.host).user(t.user)
                .hostKeyFingerprint(t.hostKeyFingerprint)
                .knownHosts(t.knownHosts == null || t.knownHosts.isBlank() ? null : Path.of(t.knownHosts));
        var port = Values.port(fieldPrefix + "port", t.port);
        if (port != null) {
            builder.port(port);
        }
        var server = secrets.server(t.serverId, "<serverId> of target " + (t.name == null ? t.host : t.name));
        if (server.isPresent()) {
            var s = server.get();
            if (t.user == null || t.user.isBlank()) {
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
