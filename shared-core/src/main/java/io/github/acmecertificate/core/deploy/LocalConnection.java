package io.github.acmecertificate.core.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.github.acmecertificate.core.config.Durations;
import io.github.acmecertificate.core.host.CommandResult;
import io.github.acmecertificate.core.host.FileStatus;
import io.github.acmecertificate.core.host.OutputTail;
import io.github.acmecertificate.core.store.SecureFiles;

/**
 * A target folder on the build machine. Owners are set through Java's file attributes:
 * numeric ids as {@code unix:uid}/{@code unix:gid}, names through the platform's user
 * look-up; both need the privileges {@code chown} needs.
 */
final class LocalConnection implements TargetConnection {

    private final String name;

    LocalConnection(String name) {
        this.name = name;
    }

    @Override
    public String describe() {
        return "local files";
    }

    @Override
    public String parent(String path) {
        var parent = Path.of(path).getParent();
        return parent == null ? Path.of(path).toAbsolutePath().getRoot().toString() : parent.toString();
    }

    @Override
    public String sibling(String path, String fileName) {
        return Path.of(path).resolveSibling(fileName).toString();
    }

    @Override
    public Optional<FileStatus> stat(String path) throws IOException {
        var file = Path.of(path);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        var kind = Files.isRegularFile(file) ? FileStatus.Kind.FILE
                : Files.isDirectory(file) ? FileStatus.Kind.FOLDER : FileStatus.Kind.OTHER;
        int mode = -1;
        int uid = -1;
        int gid = -1;
        if (posix(file)) {
            var attrs = Files.readAttributes(file, PosixFileAttributes.class);
            mode = toMode(attrs.permissions());
            try {
                uid = (Integer) Files.getAttribute(file, "unix:uid");
                gid = (Integer) Files.getAttribute(file, "unix:gid");
            } catch (UnsupportedOperationException | IllegalArgumentException ex) {
                // No "unix" view on this platform: ids stay unknown.
            }
        }
        return Optional.of(new FileStatus(kind, kind == FileStatus.Kind.FILE ? Files.size(file) : 0, mode, uid, gid));
    }

    @Override
    public byte[] read(String path, int maxBytes) throws IOException {
        try (InputStream in = Files.newInputStream(Path.of(path))) {
            var content = in.readNBytes(maxBytes + 1);
            if (content.length > maxBytes) {
                throw new IOException(path + " is larger than " + maxBytes + " bytes, so it is not a certificate "
                        + "or key file. Check the path");
            }
            return content;
        } catch (FileSystemException ex) {
            throw failure("cannot read", path, ex);
        }
    }

    @Override
    public void resolveOwners(Set<String> owners, Set<String> groups) throws IOException {
        if ((!owners.isEmpty() || !groups.isEmpty()) && !posix(Path.of(".").toAbsolutePath())) {
            throw new IOException("owner and group cannot be set on this system's files");
        }
        var lookup = Path.of(".").toAbsolutePath().getFileSystem().getUserPrincipalLookupService();
        for (var owner : owners) {
            if (!owner.matches("\\d+")) {
                try {
                    lookup.lookupPrincipalByName(owner);
                } catch (UserPrincipalNotFoundException ex) {
                    throw new IOException("there is no user '" + owner + "' on this machine", ex);
                }
            }
        }
        for (var group : groups) {
            if (!group.matches("\\d+")) {
                try {
                    lookup.lookupPrincipalByGroupName(group);
                } catch (UserPrincipalNotFoundException ex) {
                    throw new IOException("there is no group '" + group + "' on this machine", ex);
                }
            }
        }
    }

    @Override
    public void createFile(String path, byte[] content, int mode, String owner, String group) throws IOException {
        var file = Path.of(path);
        var posix = posix(file.getParent());
        var created = false;
        try {
            // Owner-only from the first moment, whatever the final mode; CREATE_NEW never
            // follows a link that another user put at the path.
            var options = EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            var channel = posix
                    ? FileChannel.open(file, options, PosixFilePermissions.asFileAttribute(toPermissions(mode & 0700)))
                    : FileChannel.open(file, options);
            created = true;
            try (channel) {
                if (posix) {
                    // Owner and mode before any content, and never through a link: lchown,
                    // and fchmod on a descriptor opened with O_NOFOLLOW.
                    setOwner(file, owner, group);
                    SecureFiles.setPermissionsNoFollow(file, toPermissions(mode));
                }
                var buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
        } catch (IOException ex) {
            if (created) {
                Files.deleteIfExists(file);
            }
            throw ex instanceof FileSystemException fs ? failure("cannot write", path, fs) : ex;
        }
    }

    private static void setOwner(Path file, String owner, String group) throws IOException {
        var lookup = file.getFileSystem().getUserPrincipalLookupService();
        var view = Files.getFileAttributeView(file, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        if (owner != null) {
            if (owner.matches("\\d+")) {
                if (!Integer.valueOf(owner).equals(Files.getAttribute(file, "unix:uid", LinkOption.NOFOLLOW_LINKS))) {
                    Files.setAttribute(file, "unix:uid", Integer.valueOf(owner), LinkOption.NOFOLLOW_LINKS);
                }
            } else {
                UserPrincipal user = lookup.lookupPrincipalByName(owner);
                view.setOwner(user);
            }
        }
        if (group != null) {
            if (group.matches("\\d+")) {
                if (!Integer.valueOf(group).equals(Files.getAttribute(file, "unix:gid", LinkOption.NOFOLLOW_LINKS))) {
                    Files.setAttribute(file, "unix:gid", Integer.valueOf(group), LinkOption.NOFOLLOW_LINKS);
                }
            } else {
                GroupPrincipal principal = lookup.lookupPrincipalByGroupName(group);
                view.setGroup(principal);
            }
        }
    }

    @Override
    public boolean replace(String from, String to) throws IOException {
        try {
            Files.move(Path.of(from), Path.of(to), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return true;
        } catch (FileSystemException ex) {
            throw failure("cannot rename " + from + " to", to, ex);
        }
    }

    @Override
    public void delete(String path) throws IOException {
        try {
            Files.deleteIfExists(Path.of(path));
        } catch (FileSystemException ex) {
            throw failure("cannot remove", path, ex);
        }
    }

    @Override
    public CommandResult run(String command, Duration timeout) throws IOException, InterruptedException {
        var windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
        var builder = windows ? new ProcessBuilder("cmd", "/c", command) : new ProcessBuilder("/bin/sh", "-c", command);
        builder.redirectErrorStream(true);
        var process = builder.start();
        process.getOutputStream().close();
        var output = new OutputTail();
        var reader = new Thread(() -> {
            try (var in = process.getInputStream()) {
                in.transferTo(output);
            } catch (IOException ex) {
                // The process ended or was killed; what was read is kept.
            }
        }, "acme-deploy-output-" + name);
        reader.setDaemon(true);
        reader.start();
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IOException("`" + command + "` did not end within " + Durations.format(timeout) + " and was "
                        + "killed; output so far: " + new CommandResult(-1, output.text()).tail(5));
            }
            reader.join(TimeUnit.SECONDS.toMillis(5));
            return new CommandResult(process.exitValue(), output.text());
        } catch (InterruptedException ex) {
            process.destroyForcibly();
            throw ex;
        }
    }

    @Override
    public void close() {
        // Nothing is held between operations.
    }

    private static IOException failure(String doing, String path, FileSystemException ex) {
        var reason = ex instanceof NoSuchFileException ? "no such file or folder"
                : ex instanceof AccessDeniedException ? "permission denied"
                : ex.getReason() != null ? ex.getReason() : ex.getClass().getSimpleName();
        return new IOException(doing + " " + path + ": " + reason, ex);
    }

    private static boolean posix(Path path) throws IOException {
        var existing = path;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        return existing != null && Files.getFileStore(existing).supportsFileAttributeView("posix");
    }

    static Set<PosixFilePermission> toPermissions(int mode) {
        var all = PosixFilePermission.values();
        var result = EnumSet.noneOf(PosixFilePermission.class);
        // PosixFilePermission lists OWNER_READ first; bit 8 (0400) is OWNER_READ.
        for (int i = 0; i < all.length; i++) {
            if ((mode & (1 << (8 - i))) != 0) {
                result.add(all[i]);
            }
        }
        return result;
    }

    static int toMode(Set<PosixFilePermission> permissions) {
        var all = PosixFilePermission.values();
        int mode = 0;
        for (int i = 0; i < all.length; i++) {
            if (permissions.contains(all[i])) {
                mode |= 1 << (8 - i);
            }
        }
        return mode;
    }
}
