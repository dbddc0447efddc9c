package io.github.acmecertificate.core.deploy;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What happened on one target.
 *
 * @param target   the target's name
 * @param status   deployed, already up to date, or failed
 * @param written  the paths written (empty when nothing was, or when a failure put the old files back)
 * @param exitCode the reload command's exit status, if it ran
 * @param verified whether the TLS check saw the new certificate served
 * @param message  one line for the log: what was done, or what failed and what to do
 * @param duration how long the target took
 * @since 0.1.0
 */
public record DeployResult(String target, Status status, List<String> written, Optional<Integer> exitCode,
        boolean verified, String message, Duration duration) {

    /** How a target ended. */
    public enum Status {
        /** The files were written (and the reload command and TLS check, if any, succeeded). */
        DEPLOYED,
        /** The target already held the certificate (and served it, if checked): nothing was written. */
        UP_TO_DATE,
        /** Something failed; {@link DeployResult#message()} says what. */
        FAILED
    }

    /**
     * Creates a result.
     *
     * @param target   the target's name
     * @param status   the status
     * @param written  the paths written
     * @param exitCode the reload command's exit status
     * @param verified whether the TLS check passed
     * @param message  the one-line summary
     * @param duration how long it took
     */
    public DeployResult {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(status, "status");
        written = List.copyOf(written);
        Objects.requireNonNull(exitCode, "exitCode");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(duration, "duration");
    }

    /**
     * Tells whether the target failed.
     *
     * @return true for {@link Status#FAILED}
     */
    public boolean failed() {
        return status == Status.FAILED;
    }

    /**
     * Formats the result as one line.
     *
     * @return e.g. {@code web1: deployed 2 files; reload exited 0; serves the new certificate}
     */
    public String summary() {
        return target + ": " + message;
    }
}
