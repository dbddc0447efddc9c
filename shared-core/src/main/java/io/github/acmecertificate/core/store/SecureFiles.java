package io.github.acmecertificate.core.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
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
            createFile(temp, permissions);
            try (var channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                var buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
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
