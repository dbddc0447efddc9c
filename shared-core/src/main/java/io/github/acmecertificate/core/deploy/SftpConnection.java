package io.github.acmecertificate.core.deploy;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.github.acmecertificate.core.host.CommandResult;
import io.github.acmecertificate.core.host.FileStatus;
import io.github.acmecertificate.core.ssh.SshSession;

/**
 * A target's files over SFTP and its commands over SSH.
 *
 * <p>Owners and groups: SFTP (version 3, what OpenSSH speaks) sets owners by numeric id
 * only. Names are therefore looked up once per run on the server ({@code id -u NAME},
 * {@code getent group NAME}), before anything is written, and the ids are set on each
 * temporary file before it is renamed into place. So a wrong name fails the target early,
 * and a file never appears with the wrong owner, which a {@code chown} after the rename
 * could not promise.
 */
final class SftpConnection implements TargetConnection {

    private static final Duration LOOKUP_TIMEOUT = Duration.ofSeconds(30);

    private final SshSession session;
    private final Map<String, Integer> users = new HashMap<>();
    private final Map<String, Integer> groups = new HashMap<>();

    SftpConnection(SshSession session) {
        this.session = session;
    }

    @Override
    public String describe() {
        return session.endpoint().describe() + " (host key " + session.hostKey() + ")";
    }

    @Override
    public String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? "/" : path.substring(0, slash);
    }

    @Override
    public String sibling(String path, String name) {
        var parent = parent(path);
        return (parent.equals("/") ? "" : parent) + "/" + name;
    }

    @Override
    public Optional<FileStatus> stat(String path) throws IOException {
        return session.stat(path);
    }

    @Override
    public byte[] read(String path, int maxBytes) throws IOException {
        return session.read(path, maxBytes);
    }

    @Override
    public void resolveOwners(Set<String> owners, Set<String> groupNames) throws IOException {
        for (var owner : owners) {
            id(owner, users, "id -u -- '" + owner + "'", "user");
        }
        for (var group : groupNames) {
            id(group, groups, "getent group -- '" + group + "' | cut -d: -f3", "group");
        }
    }

    private int id(String nameOrId, Map<String, Integer> cache, String command, String what) throws IOException {
        if (nameOrId.matches("\\d+")) {
            return Integer.parseInt(nameOrId);
        }
        var known = cache.get(nameOrId);
        if (known != null) {
            return known;
        }
        CommandResult result;
        try {
            // The name matched TargetParts.OWNER, so it holds no quote or shell character.
            result = session.run(command, LOOKUP_TIMEOUT);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while looking up " + what + " " + nameOrId, ex);
        }
        var text = result.output().strip();
        if (!result.succeeded() || !text.matches("\\d+")) {
            throw new IOException("there is no " + what + " '" + nameOrId + "' on " + session.endpoint().describe()
                    + " (`" + command + "` gave " + result.exitCode() + ": " + result.tail(2) + "). Check the name, "
                    + "or give the numeric id (the SSH login must allow commands to look names up)");
        }
        var id = Integer.parseInt(text);
        cache.put(nameOrId, id);
        return id;
    }

    @Override
    public void createFile(String path, byte[] content, int mode, String owner, String group) throws IOException {
        int uid = owner == null ? -1 : id(owner, users, "id -u -- '" + owner + "'", "user");
        int gid = group == null ? -1 : id(group, groups, "getent group -- '" + group + "' | cut -d: -f3", "group");
        session.createFile(path, content, mode, uid, gid);
    }

    @Override
    public boolean replace(String from, String to) throws IOException {
        return session.rename(from, to);
    }

    @Override
    public void delete(String path) throws IOException {
        session.delete(path);
    }

    @Override
    public CommandResult run(String command, Duration timeout) throws IOException, InterruptedException {
        return session.run(command, timeout);
    }

    @Override
    public void close() {
        session.close();
    }
}
