package io.github.acmecertificate.core.host;

/**
 * What a target's file system says about a path.
 *
 * @param kind what is there
 * @param size the size in bytes (files)
 * @param mode the POSIX permission bits (0 to 07777), or -1 where unknown
 * @param uid  the owner's numeric id, or -1 where unknown
 * @param gid  the group's numeric id, or -1 where unknown
 * @since 0.1.0
 */
public record FileStatus(Kind kind, long size, int mode, int uid, int gid) {

    /** What a path is. */
    public enum Kind {
        /** A regular file (or a link to one). */
        FILE,
        /** A folder (or a link to one). */
        FOLDER,
        /** Something else: a device, a socket, a broken link. */
        OTHER
    }
}
