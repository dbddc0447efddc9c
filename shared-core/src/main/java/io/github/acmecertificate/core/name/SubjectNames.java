package io.github.acmecertificate.core.name;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Parses the list of names a certificate covers.
 *
 * @since 0.1.0
 */
public final class SubjectNames {

    /** What a wildcard first name adds to its base name to make the default certificate name. */
    public static final String WILDCARD_SUFFIX = "_wildcard";


    private SubjectNames() {
    }

    /**
     * Splits a comma- (or line-) separated list, as given on a command line. Blanks inside an
     * item are kept, so that a mistyped name is reported rather than silently split in two.
     *
     * @param list e.g. {@code "example.com, www.example.com"}
     * @return the non-empty items, trimmed
     */
    public static List<String> split(String list) {
        var items = new ArrayList<String>();
        if (list != null) {
            for (var item : list.split("[,\\r\\n]+")) {
                if (!item.isBlank()) {
                    items.add(item.strip());
                }
            }
        }
        return items;
    }

    /**
     * Parses and normalizes names, dropping duplicates while keeping the first occurrence
     * first (it becomes the certificate's default name).
     *
     * @param inputs the names as typed
     * @return the normalized names
     * @throws IllegalArgumentException naming every name that is not valid
     */
    public static List<SubjectName> parse(Collection<String> inputs) {
        var names = new LinkedHashSet<SubjectName>();
        var errors = new ArrayList<String>();
        for (var input : inputs) {
            try {
                names.add(SubjectName.parse(input));
            } catch (IllegalArgumentException ex) {
                errors.add(ex.getMessage());
            }
        }
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", errors));
        }
        return List.copyOf(names);
    }

    /**
     * Returns the name a certificate is stored under when none is given: its first name,
     * usable as a file name. A wildcard first name gives its base name with
     * {@value #WILDCARD_SUFFIX} appended, so that a certificate for {@code *.example.com}
     * and one for {@code example.com} never share a name (no DNS name holds {@code _}, so
     * the suffix cannot meet a real name).
     *
     * @param names the certificate's names, first name first
     * @return e.g. {@code example.com} for {@code example.com, www.example.com}, and
     *         {@code example.com_wildcard} for {@code *.example.com, example.com}
     */
    public static String defaultCertificateName(List<SubjectName> names) {
        var first = names.get(0);
        var base = first.authorizationName().replace(':', '_');
        return first.isWildcard() ? base + WILDCARD_SUFFIX : base;
    }

    /**
     * Returns the default name earlier versions gave a certificate whose first name is a
     * wildcard (its base name, shared with the base name's own certificate), so that a
     * certificate stored under it is still found.
     *
     * @param names the certificate's names, first name first
     * @return the earlier default name, or empty when it is the same as today's
     * @since 0.1.0
     */
    public static Optional<String> previousDefaultCertificateName(List<SubjectName> names) {
        var first = names.get(0);
        return first.isWildcard() ? Optional.of(first.authorizationName()) : Optional.empty();
    }


    /**
     * Formats names for a log line.
     *
     * @param names the names
     * @return e.g. {@code example.com, www.example.com}
     */
    public static String format(Collection<SubjectName> names) {
        return names.stream().map(SubjectName::value).collect(Collectors.joining(", "));
    }
}
