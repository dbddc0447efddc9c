package io.github.acmecertificate.core.event;

/**
 * Receives the workflow's progress; each front end maps it to its own log (Maven's
 * {@code Log}, Jenkins' {@code TaskListener}), so nothing depends on a logging
 * framework reaching the console.
 *
 * <p>Called on the thread that runs the workflow. Implementations should be quick and
 * must not throw.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface ProgressListener {

    /** A listener that ignores every event. */
    ProgressListener NONE = event -> { };

    /**
     * Reports one step.
     *
     * @param event the step and its message
     */
    void onProgress(ProgressEvent event);

    /**
     * Reports one step, built from its parts.
     *
     * @param stage   which step this is
     * @param message what happened
     */
    default void report(ProgressEvent.Stage stage, String message) {
        onProgress(new ProgressEvent(stage, message));
    }
}
