package io.github.acmecertificate.testca;

import java.time.Duration;
import java.util.List;

/**
 * Every way a user may write a duration, with what it means: the table that the core's parser
 * and both front ends are tested against, so that one value means the same everywhere.
 */
public final class DurationForms {

    /**
     * One written form.
     *
     * @param text     as the user writes it
     * @param expected what it means
     */
    public record Form(String text, Duration expected) {
    }

    /** The accepted forms: ISO-8601, short units, plain seconds, in any case and with spaces around. */
    public static final List<Form> VALID = List.of(
            new Form("P30D", Duration.ofDays(30)),
            new Form("p30d", Duration.ofDays(30)),
            new Form("PT12H", Duration.ofHours(12)),
            new Form("PT2M", Duration.ofMinutes(2)),
            new Form("PT90S", Duration.ofSeconds(90)),
            new Form("P1DT6H", Duration.ofHours(30)),
            new Form("30d", Duration.ofDays(30)),
            new Form("12h", Duration.ofHours(12)),
            new Form("2m", Duration.ofMinutes(2)),
            new Form("2M", Duration.ofMinutes(2)),
            new Form("90s", Duration.ofSeconds(90)),
            new Form("500ms", Duration.ofMillis(500)),
            new Form("120", Duration.ofSeconds(120)),
            new Form(" 45 ", Duration.ofSeconds(45)));

    /** Text that is no duration, or not a positive one. */
    public static final List<String> INVALID = List.of("soon", "-5", "0", "PT0S", "2 weeks", "12x", "P-1D", "1.5h");

    private DurationForms() {
    }
}
