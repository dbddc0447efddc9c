package io.github.acmecertificate.core.deploy;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One file to put on a target: which file, where, with which permissions and owner.
 *
 * <p>The target's builder checks the values and resolves a relative path against the
 * target's directory; the file is then written atomically (a temporary name in the same
 * folder, renamed into place) with its mode and owner set before its content.
 *
 * <pre>{@code
 * TargetFile.of(CertificateFile.PRIVKEY, "/etc/haproxy/tls/key.pem").mode(0640).group("haproxy")
 * }</pre>
 *
 * @since 0.1.0
 */
public final class TargetFile {

    private final CertificateFile source;
    private final String path;
    private final Integer mode;
    private final String owner;
    private final String group;

    private TargetFile(CertificateFile source, String path, Integer mode, String owner, String group) {
        this.source = Objects.requireNonNull(source, "source");
        this.path = path;
        this.mode = mode;
        this.owner = owner;
        this.group = group;
    }

    /**
     * Describes a file with the default mode (0600 for files with the key, 0644 otherwise)
     * and the owner that the target's login gives new files.
     *
     * @param source which file
     * @param path   where to put it: absolute, or relative to the target's directory; {@code null}
     *               for the source's own name in that directory
     * @return the description
     */
    public static TargetFile of(CertificateFile source, String path) {
        return new TargetFile(source, path, null, null, null);
    }

    /**
     * Returns a copy with other permissions.
     *
     * @param mode POSIX permissions such as {@code 0640} (0 to 0777)
     * @return the copy
     */
    public TargetFile mode(int mode) {
        return new TargetFile(source, path, mode, owner, group);
    }

    /**
     * Returns a copy with an owner.
     *
     * @param owner a user name or numeric id; {@code null} to keep the login's
     * @return the copy
     */
    public TargetFile owner(String owner) {
        return new TargetFile(source, path, mode, blankToNull(owner), group);
    }

    /**
     * Returns a copy with a group.
     *
     * @param group a group name or numeric id; {@code null} to keep the login's
     * @return the copy
     */
    public TargetFile group(String group) {
        return new TargetFile(source, path, mode, owner, blankToNull(group));
    }

    TargetFile withPath(String resolved) {
        return new TargetFile(source, resolved, mode, owner, group);
    }

    /**
     * Returns which file this is.
     *
     * @return the source
     */
    public CertificateFile source() {
        return source;
    }

    /**
     * Returns where it goes; absolute once the target is built.
     *
     * @return the path, or {@code null} before the target resolved a default
     */
    public String path() {
        return path;
    }

    /**
     * Returns the permissions it gets.
     *
     * @return the configured mode, or the source's {@link CertificateFile#defaultMode() default}
     */
    public int mode() {
        return mode != null ? mode : source.defaultMode();
    }

    /**
     * Returns the configured mode, if any.
     *
     * @return the mode, or empty for the default
     */
    public OptionalInt configuredMode() {
        return mode == null ? OptionalInt.empty() : OptionalInt.of(mode);
    }

    /**
     * Returns the owner to set.
     *
     * @return a user name or numeric id, or empty to keep the login's
     */
    public Optional<String> owner() {
        return Optional.ofNullable(owner);
    }

    /**
     * Returns the group to set.
     *
     * @return a group name or numeric id, or empty to keep the login's
     */
    public Optional<String> group() {
        return Optional.ofNullable(group);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    @Override
    public String toString() {
        return source.fileName() + " -> " + path + " (" + String.format("%04o", mode())
                + (owner != null || group != null
                        ? ", " + (owner == null ? "" : owner) + ":" + (group == null ? "" : group) : "")
                + ")";
    }
}
