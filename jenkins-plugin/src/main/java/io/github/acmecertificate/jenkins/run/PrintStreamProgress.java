package io.github.acmecertificate.jenkins.run;

import java.io.PrintStream;

import io.github.acmecertificate.core.event.ProgressEvent;
import io.github.acmecertificate.core.event.ProgressListener;

/**
 * Shows the core's progress in a build log or a task log (a Jenkins {@code TaskListener}'s
 * logger). The core's messages never hold a secret.
 *
 * @since 0.1.0
 */
public final class PrintStreamProgress implements ProgressListener {

    private final PrintStream out;

    /**
     * Creates a listener.
     *
     * @param out the log
     */
    public PrintStreamProgress(PrintStream out) {
        this.out = out;
    }

    @Override
    public void onProgress(ProgressEvent event) {
        out.println((event.stage() == ProgressEvent.Stage.WARNING ? "WARNING: " : "") + event.message());
    }
}
