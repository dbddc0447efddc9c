package io.github.acmecertificate.core.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.LinkOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Set;

/**
 * File writes that are atomic and never expose a secret: a file is created with its final
 * permissions (so a private key is never readable by others, not even for a moment),
 * written and synced under a temporary name in the same folder, then renamed into place.
 *
 * @since 0.1.0
 */
public final class SecureFiles {

    /** Owner read/write only, for private keys and passwords. */
    public static final String SECRET = "rw-------";
    /** Readable by all, for certificates. */
    public static final String PUBLIC = "rw-r--r--";
    /** Owner only, for folders holding secrets. */
    public static final String PRIVATE_DIR = "rwx------";

    private static final SecureRandom RANDOM = new SecureRandom();

    private SecureFiles() {
    }

    /**
     * Writes a file atomically with the given permissions.
     *
     * @param target      the file to create or replace
     * @param content     its content
     * @param permissions POSIX permissions such as {@link #SECRET}; ignored where unsupported
     * @throws IOException if it cannot be written; the old file is then untouched
     */
    public static void write(Path target, byte[] content, String permissions) throws IOException {
        var temp = target.resolveSibling("." + target.getFileName() + "." + randomSuffix() + ".tmp");
        try {
            createAndWrite(temp, content, PosixFilePermissions.fromString(permissions));
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * Creates a new file and writes it through the channel that created it: never through a
     * link ({@code CREATE_NEW} refuses anything at the path), never readable by others
     * beyond {@code permissions}, not even for a moment, and never reopened by path. When
     * the process's umask narrowed the mode at creation, it is set to exactly
     * {@code permissions} afterwards without following links, and a path that another
     * user swapped meanwhile is refused.
     *
     * @param file        the new file, which must not exist
     * @param content     its content, synced to disk
     * @param permissions its POSIX permissions; ignored where unsupported
     * @throws IOException if it exists, cannot be written, or was replaced while written
     */
    public static void createAndWrite(Path file, byte[] content, Set<PosixFilePermission> permissions)
            throws IOException {
        var posix = posix(file.getParent());
        var options = EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        try (var channel = posix ? FileChannel.open(file, options, PosixFilePermissions.asFileAttribute(permissions))
                : FileChannel.open(file, options)) {
            var buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
        if (posix) {
            setPermissionsNoFollow(file, permissions);
        }
    }

    /**
     * Sets a file's permissions without following a link, after checking that the path
     * still names a regular file (and not a link another user put there).
     *
     * @param file        the file
     * @param permissions the wanted permissions
     * @throws IOException if the path is no longer a regular file, or the mode cannot be set
     */
    public static void setPermissionsNoFollow(Path file, Set<PosixFilePermission> permissions) throws IOException {
        var view = Files.getFileAttributeView(file, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        var attributes = view.readAttributes();
        if (!attributes.isRegularFile()) {
            throw new IOException(file + " was replaced by " + (attributes.isSymbolicLink() ? "a link" : "something else")
                    + " while being written: another user can write to " + file.getParent()
                    + ". Make that folder writable by this user only");
        }
        if (!attributes.permissions().equals(permissions)) {
            // O_NOFOLLOW and fchmod underneath: a link swapped in now fails instead of being followed.
            view.setPermissions(permissions);
        }
    }

    /**
     * Checks that a folder that will hold secrets or files others trust cannot be changed
     * by other users: owned by this user (or root) and not writable by group or others.
     *
     * @param dir  the existing folder
     * @param what what it is, for the message, e.g. {@code the store folder}
     * @param fix  what to do about it, for the message
     * @throws IOException naming the folder and what is wrong, if others can write to it
     */
    public static void checkPrivateFolder(Path dir, String what, String fix) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS) || !posix(dir)) {
            return;
        }
        var attributes = Files.readAttributes(dir, PosixFileAttributes.class);
        if (!attributes.isDirectory()) {
            throw new IOException(what + " " + dir + " is not a folder. " + fix);
        }
        var permissions = attributes.permissions();
        if (permissions.contains(PosixFilePermission.GROUP_WRITE) || permissions.contains(PosixFilePermission.OTHERS_WRITE)) {
            throw new IOException(what + " " + dir + " is writable by other users (mode "
                    + PosixFilePermissions.toString(permissions) + "), who could replace its files. " + fix
                    + ", e.g. chmod go-w " + dir);
        }
        var owner = attributes.owner().getName();
        var self = System.getProperty("user.name");
        if (!owner.equals(self) && !owner.equals("root")) {
            throw new IOException(what + " " + dir + " belongs to " + owner + ", not to " + self + ", the user this "
                    + "runs as. " + fix);
        }
    }

    /**
     * Creates a new, empty file with the given permissions from the start.
     *
     * @param file        the file, which must not exist
     * @param permissions POSIX permissions
     * @throws IOException if it exists or cannot be created
     */
    public static void createFile(Path file, String permissions) throws IOException {
        if (posix(file.getParent())) {
            Files.createFile(file, attribute(permissions));
        } else {
            Files.createFile(file);
        }
    }

    /**
     * Creates a folder (and its missing parents) if needed; a folder this call creates gets
     * the given permissions.
     *
     * @param dir         the folder
     * @param permissions POSIX permissions for a new folder
     * @throws IOException if it cannot be created
     */
    public static void createDirectories(Path dir, String permissions) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        var parent = dir.toAbsolutePath().getParent();
        if (parent != null) {
            createDirectories(parent, permissions);
        }
        try {
            if (posix(parent)) {
                Files.createDirectory(dir, attribute(permissions));
            } else {
                Files.createDirectory(dir);
            }
        } catch (FileAlreadyExistsException ex) {
            if (!Files.isDirectory(dir)) {
                throw ex;
            }
        }
    }

    /**
     * Syncs a folder's entries to disk where the platform allows it, so a rename survives a crash.
     *
     * @param dir the folder
     */
    public static void syncDirectory(Path dir) {
        try (var channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException ex) {
            // Not possible on every platform (Windows); the rename itself is still atomic.
        }
    }

    /**
     * Returns a short random suffix for temporary names.
     *
     * @return eight hex digits
     */
    public static String randomSuffix() {
        var bytes = new byte[4];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static boolean posix(Path dir) throws IOException {
        var existing = dir == null ? null : dir;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        return existing != null && Files.getFileStore(existing).supportsFileAttributeView("posix");
    }

    private static FileAttribute<Set<PosixFilePermission>> attribute(String permissions) {
        return PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions));
    }
}
