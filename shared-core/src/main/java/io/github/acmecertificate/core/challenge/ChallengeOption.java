package io.github.acmecertificate.core.challenge;

/**
 * The one declaration of a challenge option: its name, the kind of value, its default, whether
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
public record ChallengeOption(String name, String field, Kind kind, String defaultValue, boolean secret,
        String help) {

    /** The kinds of values, each read with {@link io.github.acmecertificate.core.config.Values}. */
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

    static ChallengeOption of(String name, String field, Kind kind, String defaultValue, String help) {
        return new ChallengeOption(name, field, kind, defaultValue, kind == Kind.CREDENTIAL, help);
    }
}
