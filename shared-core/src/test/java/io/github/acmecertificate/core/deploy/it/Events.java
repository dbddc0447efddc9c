package io.github.acmecertificate.core.deploy.it;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import io.github.acmecertificate.core.event.ProgressEvent;
import io.github.acmecertificate.core.event.ProgressListener;

/** Collects progress events and remembers which threads delivered them. */
public final class Events implements ProgressListener {

    private final List<ProgressEvent> events = Collections.synchronizedList(new ArrayList<>());
    private final List<Thread> threads = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void onProgress(ProgressEvent event) {
        events.add(event);
        threads.add(Thread.currentThread());
    }

    /**
     * Returns every message, one per line.
     *
     * @return the text
     */
    public String text() {
        synchronized (events) {
            return String.join("\n", events.stream().map(ProgressEvent::message).toList());
        }
    }

    /**
     * Returns the threads that delivered events.
     *
     * @return the threads, one per event
     */
    public List<Thread> threads() {
        synchronized (threads) {
            return List.copyOf(threads);
        }
    }

    /** Forgets what was collected. */
    public void clear() {
        events.clear();
        threads.clear();
    }
}
