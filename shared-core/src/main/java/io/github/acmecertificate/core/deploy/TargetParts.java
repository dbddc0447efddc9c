package io.github.acmecertificate.core.deploy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

import io.github.acmecertificate.core.exception.InvalidInputException;
import io.github.acmecertificate.core.exception.InvalidInputException.Problem;

/**
 * What both target builders collect (name, files, reload command, TLS check) and how they
 * check it, so that SFTP and local targets accept the same values with the same errors.
 */
final class TargetParts {

    /** A user or group name as useradd accepts it, or a numeric id: safe to put in a command. */
    static final Pattern OWNER = Pattern.compile("\\d{1,10}|[A-Za-z_][A-Za-z0-9_.-]{0,31}\\$?");
    private static final Pattern MODE = Pattern.compile("0?[0-7]{3}");
    private static final Pattern NAME = Pattern.compile("[^\\s\\p{Cntrl}][^\\p{Cntrl}]{0,99}");

    /** One file as configured, checked at build time. */
    private record Entry(String source, String path, String mode, String owner, String group, TargetFile preset) {
    }

    /** The checked parts. */
    record Checked(String name, List<TargetFile> files, Optional<String> reloadCommand, Optional<TlsCheck> tlsCheck) {
    }

    String name;
    String reloadCommand;
    String verifyTls;
    String tlsServerName;
    private final List<Entry> entries = new ArrayList<>();

    void add(String source, String path, String mode, String owner, String group) {
        entries.add(new Entry(source, path, mode, owner, group, null));
    }

    void add(TargetFile file) {
        entries.add(new Entry(null, null, null, null, null, file));
    }

    /**
     * Checks every part.
     *
     * @param defaultName the name when none is configured
     * @param resolver    turns a file's configured path (possibly {@code null} for the source's
     *                    name, or relative) into an absolute one, or {@code null} when it cannot
     * @param pathHint    what to say when a path cannot be resolved
     * @param tlsHost     the host for a {@code verifyTls} that is a bare port
     */
    Checked check(String defaultName, Function<TargetFile, String> resolver, String pathHint, String tlsHost,
            List<Problem> problems) {
        var label = name != null && !name.isBlank() ? name.strip() : defaultName;
        var prefix = "target " + label + ": ";
        if (name != null && !name.isBlank() && !NAME.matcher(name.strip()).matches()) {
            problems.add(new Problem("targets.name", prefix + "a name is one line of at most 100 characters"));
        }
        var files = new ArrayList<TargetFile>();
        var all = entries.isEmpty()
                ? List.of(new Entry(CertificateFile.FULLCHAIN.fileName(), null, null, null, null, null),
                        new Entry(CertificateFile.PRIVKEY.fileName(), null, null, null, null, null))
                : entries;
        var seen = new HashSet<String>();
        for (var entry : all) {
            var file = toFile(entry, prefix, problems);
            if (file == null) {
                continue;
            }
            var resolved = resolver.apply(file);
            if (resolved == null) {
                problems.add(new Problem("targets.files.path", prefix + "cannot place " + file.source().fileName()
                        + (file.path() == null ? "" : " at '" + file.path() + "'") + ": " + pathHint));
                continue;
            }
            if (!seen.add(resolved)) {
                problems.add(new Problem("targets.files.path", prefix + "writes " + resolved
                        + " twice. Give each file its own path"));
                continue;
            }
            files.add(file.withPath(resolved));
        }
        var command = reloadCommand == null || reloadCommand.isBlank() ? null : reloadCommand.strip();
        TlsCheck tls = null;
        if (verifyTls != null && !verifyTls.isBlank()) {
            try {
                tls = TlsCheck.parse(verifyTls, tlsHost, "targets.verifyTls").serverName(tlsServerName);
            } catch (InvalidInputException ex) {
                ex.problems().forEach(p -> problems.add(new Problem(p.field(), prefix + p.problem())));
            }
        }
        return new Checked(label, List.copyOf(files), Optional.ofNullable(command), Optional.ofNullable(tls));
    }

    private static TargetFile toFile(Entry entry, String prefix, List<Problem> problems) {
        if (entry.preset() != null) {
            var preset = entry.preset();
            var mode = preset.mode();
            if (mode < 0 || mode > 0777) {
                problems.add(new Problem("targets.files.mode", prefix + String.format("%o", mode)
                        + " is not a file mode. Give 0 to 0777, e.g. 0640"));
                return null;
            }
            if (!checkOwner(preset.owner().orElse(null), "owner", prefix, problems)
                    | !checkOwner(preset.group().orElse(null), "group", prefix, problems)) {
                return null;
            }
            return preset;
        }
        CertificateFile source;
        try {
            source = CertificateFile.of(entry.source(), "targets.files.source");
        } catch (InvalidInputException ex) {
            problems.add(new Problem("targets.files.source", prefix + ex.problems().get(0).problem()));
            return null;
        }
        var file = TargetFile.of(source, blankToNull(entry.path()));
        var ok = true;
        var mode = blankToNull(entry.mode());
        if (mode != null) {
            if (MODE.matcher(mode).matches()) {
                file = file.mode(Integer.parseInt(mode, 8));
            } else {
                problems.add(new Problem("targets.files.mode", prefix + "'" + mode + "' for " + source.fileName()
                        + " is not an octal file mode. Give e.g. 0640"));
                ok = false;
            }
        }
        ok &= checkOwner(blankToNull(entry.owner()), "owner", prefix, problems);
        ok &= checkOwner(blankToNull(entry.group()), "group", prefix, problems);
        return ok ? file.owner(entry.owner()).group(entry.group()) : null;
    }

    private static boolean checkOwner(String value, String what, String prefix, List<Problem> problems) {
        if (value != null && !OWNER.matcher(value).matches()) {
            problems.add(new Problem("targets.files." + what, prefix + "'" + value + "' is not a " + what
                    + " name or numeric id"));
            return false;
        }
        return true;
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
