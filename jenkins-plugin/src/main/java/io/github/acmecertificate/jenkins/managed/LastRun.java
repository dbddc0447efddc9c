package io.github.acmecertificate.jenkins.managed;

import java.time.Instant;
import java.util.Objects;

/**
 * How the last attempt on a managed certificate went.
 *
 * @param at      when it ended
 * @param by      who ran it: a build ({@code folder/job #12}) or {@code scheduled renewal}
 * @param failed  whether it failed
 * @param message what happened: the summary, or the error
 * @since 0.1.0
 */
public record LastRun(Instant at, String by, boolean failed, String message) {

    /**
     * Creates a record of a run.
     *
     * @param at      when
     * @param by      who
     * @param failed  whether it failed
     * @param message what happened
     */
    public LastRun {
        Objects.requireNonNull(at, "at");
        by = by == null ? "" : by;
        message = message == null ? "" : message;
    }
}
