package io.github.acmecertificate.testca;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The child processes of one {@link Pebble}, with a JVM shutdown hook so that they never outlive
 * the JVM, even when a test forgets to close its fixture or the JVM is stopped by a signal.
 */
final class ProcessGroup {

    private final List<ManagedProcess> processes = new CopyOnWriteArrayList<>();
    private final Thread shutdownHook;
    private boolean closed;

    /**
     * Creates an empty group and registers its shutdown hook, which stops the processes and then
     * runs {@code afterStopOnShutdown} (for example to delete a temporary directory).
     */
    ProcessGroup(String name, Runnable afterStopOnShutdown) {
        this.shutdownHook = new Thread(() -> {
            stopAll();
            afterStopOnShutdown.run();
        }, name + "-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Starts a process that belongs to this group; see {@link ManagedProcess#start}. */
    synchronized ManagedProcess start(String name, List<String> command, Map<String, String> environment,
            Path directory, Path log) throws IOException {
        if (closed) {
            throw new IllegalStateException("process group is closed");
        }
        ManagedProcess process = ManagedProcess.start(name, command, environment, directory, log);
        processes.add(process);
        return process;
    }

    List<ManagedProcess> processes() {
        return Collections.unmodifiableList(processes);
    }

    /** Stops every process and removes the shutdown hook. Safe to call repeatedly. */
    synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running or about to run; stopping twice is harmless.
        }
        stopAll();
    }

    private void stopAll() {
        // Last started first: Pebble stops before the DNS server it depends on.
        List<ManagedProcess> reversed = new ArrayList<>(processes);
        Collections.reverse(reversed);
        reversed.forEach(ManagedProcess::stop);
    }
}
