package io.github.acmecertificate.core.deploy;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One deploy target as plain data: its type (the name of a {@link DeployTargetFactory}), its
 * options as text (the common ones {@link DeployTargets#COMMON_OPTIONS} declares, and the
 * type's own), and the files it receives. Secrets appear only as credential references. Front
 * ends build one from what the user wrote; {@link DeployTargets#create} turns it into a target.
 *
 * @param type    the type, e.g. {@code sftp}
 * @param options option names and values; blank values mean "not set"
 * @param files   what goes where; none for {@code fullchain.pem} and {@code privkey.pem}
 * @since 0.1.0
 */
public record TargetDescription(String type, Map<String, String> options, List<FileEntry> files) {

    /**
     * One file of a target.
     *
     * @param source which certificate file ({@code fullchain.pem}, {@code keystore.p12}...)
     * @param path   where it goes, or {@code null} for the source's name in the directory
     * @param mode   octal mode, or {@code null} for the default
     * @param owner  owner name or id, or {@code null}
     * @param group  group name or id, or {@code null}
     */
    public record FileEntry(String source, String path, String mode, String owner, String group) {
    }

    /**
     * Creates a description.
     *
     * @param type    the type
     * @param options the options, or {@code null}
     * @param files   the files, or {@code null}
     */
    public TargetDescription {
        type = type == null ? "" : type.strip();
        var kept = new LinkedHashMap<String, String>();
        if (options != null) {
            options.forEach((k, v) -> {
                if (v != null && !v.isBlank()) {
                    kept.put(k, v.strip());
                }
            });
        }
        options = Collections.unmodifiableMap(kept);
        files = files == null ? List.of() : List.copyOf(files);
    }

    /**
     * Returns an option.
     *
     * @param name the option's name
     * @return the value, or {@code null} when not set
     */
    public String get(String name) {
        return options.get(name);
    }

    /**
     * Returns the name the log uses for the target before it is built.
     *
     * @return the {@code name} option, else the {@code host}, else the type
     */
    public String label() {
        return options.getOrDefault("name", options.getOrDefault("host", type));
    }
}
