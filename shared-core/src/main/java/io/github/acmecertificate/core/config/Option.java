package io.github.acmecertificate.core.config;

/**
 * The one declaration of an option of a challenge or a deploy target: its name, the kind of value, its default, whether
 * it is a secret (then it is never written in a build file, only referred to), and its help.
 * Front ends read these to bind parameters, check forms and write their documentation.
 *
 * @param name         the option's name, e.g. {@code propagationTimeout}
 * @param field        the core's neutral field name in messages, e.g. {@code dns.propagationTimeout}
 * @param kind         the kind of value
 * @param defaultValue the default as text, or empty when there is none
 * @param secret       whether the value is a secret (or a reference to one)
 * @param help         one or two sentences for forms and documentation
 * @since 0.1.0
 */
public record Option(String name, String field, Kind kind, String defaultValue, boolean secret,
        String help) {

    /** The kinds of values, each read with {@link Values}. */
    public enum Kind {
        /** Free text. */
        TEXT,
        /** A path on the machine that runs the build. */
        PATH,
        /** A duration: {@code PT2M}, {@code 2m} or seconds. */
        DURATION,
        /** {@code true} or {@code false}. */
        BOOLEAN,
        /** 1 to 65535. */
        PORT,
        /** Entries separated by commas. */
        LIST,
        /** {@code key=value} pairs, comma-separated or one per line. */
        KEY_VALUES,
        /** A reference to a credential the front end keeps (a settings.xml server, a Jenkins credential). */
        CREDENTIAL
    }

    /**
     * Declares an option; credential references are secrets.
     *
     * @param name         the name
     * @param field        the neutral field name
     * @param kind         the kind
     * @param defaultValue the default, or empty
     * @param help         the help
     * @return the option
     */
    public static Option of(String name, String field, Kind kind, String defaultValue, String help) {
        return new Option(name, field, kind, defaultValue, kind == Kind.CREDENTIAL, help);
    }
}
