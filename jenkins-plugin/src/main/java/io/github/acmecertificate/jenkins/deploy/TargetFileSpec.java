package io.github.acmecertificate.jenkins.deploy;

/**
 * One file of a deploy target, as {@code targetFile(source: ..., path: ..., mode: ..., owner:
 * ..., group: ...)} gives it. Blanks mean the defaults.
 *
 * @param source which file: {@code fullchain.pem}, {@code privkey.pem}, {@code cert.pem},
 *               {@code chain.pem}, {@code keystore.p12} or {@code combined.pem}
 * @param path   where: absolute, or relative to the target's directory; empty for the source's name there
 * @param mode   octal permissions such as {@code 0640}, or empty for the default
 * @param owner  a user name or numeric id, or empty to keep the login's
 * @param group  a group name or numeric id, or empty to keep the login's
 * @since 0.1.0
 */
public record TargetFileSpec(String source, String path, String mode, String owner, String group) {

    /**
     * Creates the spec.
     *
     * @param source the source
     * @param path   the path, or {@code null}
     * @param mode   the mode, or {@code null}
     * @param owner  the owner, or {@code null}
     * @param group  the group, or {@code null}
     */
    public TargetFileSpec {
        source = strip(source);
        path = strip(path);
        mode = strip(mode);
        owner = strip(owner);
        group = strip(group);
    }

    private static String strip(String value) {
        return value == null ? "" : value.strip();
    }

    /**
     * Describes the file as a step argument would read.
     *
     * @return e.g. {@code targetFile(source: 'privkey.pem', mode: '0600')}
     */
    public String describe() {
        return "targetFile(source: '" + source + "'" + (path.isEmpty() ? "" : ", path: '" + path + "'")
                + (mode.isEmpty() ? "" : ", mode: '" + mode + "'") + (owner.isEmpty() ? "" : ", owner: '" + owner + "'")
                + (group.isEmpty() ? "" : ", group: '" + group + "'") + ")";
    }
}
