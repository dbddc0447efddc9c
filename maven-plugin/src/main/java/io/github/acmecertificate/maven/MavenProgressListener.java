package io.github.acmecertificate.maven;

import io.github.acmecertificate.core.event.ProgressEvent;
import io.github.acmecertificate.core.event.ProgressListener;
import org.apache.maven.plugin.logging.Log;

/** Shows the workflow's progress in Maven's log. */
final class MavenProgressListener implements ProgressListener {

    private final Log log;

    MavenProgressListener(Log log) {
        this.log = log;
    }

    @Override
    public void onProgress(ProgressEvent event) {
        if (event.stage() == ProgressEvent.Stage.WARNING) {
            log.warn(event.message());
        } else {
            log.info(event.message());
        }
    }
}
