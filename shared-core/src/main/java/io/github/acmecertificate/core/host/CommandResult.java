package io.github.acmecertificate.core.host;

/**
 * How a command run on a target (for example {@code sudo systemctl reload nginx}) ended.
 *
 * @param exitCode the exit status; -1 when the command ended without one (killed by a signal)
 * @param output   its standard output and error, interleaved, cut to the last 64 KiB
 * @since 0.1.0
 */
public record CommandResult(int exitCode, String output) {

    /** How much output is kept. */
    public static final int MAX_OUTPUT = 64 * 1024;

    /**
     * Tells whether the command succeeded.
     *
     * @return true for exit status 0
     */
    public boolean succeeded() {
        return exitCode == 0;
    }

    /**
     * Returns the last lines of the output, for a one-line error.
     *
     * @param lines how many lines at most
     * @return the lines joined with " | ", or {@code (no output)}
     */
    public String tail(int lines) {
        var all = output.strip().lines().filter(line -> !line.isBlank()).toList();
        if (all.isEmpty()) {
            return "(no output)";
        }
        return String.join(" | ", all.subList(Math.max(0, all.size() - lines), all.size()));
    }
}
