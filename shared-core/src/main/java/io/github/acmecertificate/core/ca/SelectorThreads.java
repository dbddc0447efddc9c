package io.github.acmecertificate.core.ca;

import java.lang.ref.WeakReference;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Ends the selector threads of the HTTP clients that sessions opened when the JVM exits.
 *
 * <p>The JDK's {@code HttpClient} runs one selector thread per client, which waits in native
 * code ({@code epoll_wait}) for as long as the client lives; Java 17 cannot close a client.
 * When Maven ends with {@code System.exit}, HotSpot waits up to 300 ms for threads in native
 * code before it exits, so every {@code mvn acme:issue} that had sent a request took about
 * 0.3 s longer to end than its work. Interrupted, the selector thread leaves its loop and
 * ends; a hook does that at exit, for this library's clients only (found by the id in the
 * client's {@code toString()}, which the thread's name carries). Nothing is lost: the JVM is
 * exiting, and the hook runs after every request of a run has completed. If a later JDK
 * names things differently, no thread is found and the exit is as slow as before.
 */
final class SelectorThreads {

    /** How long the hook waits for one selector thread to end. */
    private static final long JOIN_MILLIS = 100;

    private static final List<WeakReference<HttpClient>> CLIENTS = new ArrayList<>();
    private static boolean hookAdded;

    private SelectorThreads() {
    }

    /** Registers a client whose selector thread is to end when the JVM exits. */
    static synchronized void endAtExit(HttpClient client) {
        CLIENTS.removeIf(reference -> reference.get() == null);
        CLIENTS.add(new WeakReference<>(client));
        if (!hookAdded) {
            try {
                Runtime.getRuntime().addShutdownHook(new Thread(SelectorThreads::endAll, "acme-http-client-exit"));
                hookAdded = true;
            } catch (IllegalStateException ex) {
                // Already exiting: nothing left to speed up.
            }
        }
    }

    private static void endAll() {
        var clients = new ArrayList<HttpClient>();
        synchronized (SelectorThreads.class) {
            for (var reference : CLIENTS) {
                var client = reference.get();
                if (client != null) {
                    clients.add(client);
                }
            }
        }
        end(clients);
    }

    /** Interrupts the clients' selector threads and waits briefly for each to end. */
    static void end(List<HttpClient> clients) {
        var names = new ArrayList<String>();
        for (var client : clients) {
            selectorThreadName(client.toString()).ifPresent(names::add);
        }
        if (names.isEmpty()) {
            return;
        }
        for (var thread : allThreads()) {
            if (names.contains(thread.getName())) {
                thread.interrupt();
                try {
                    thread.join(JOIN_MILLIS);
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /**
     * The selector thread's name for a client, from its {@code toString()}: the JDK's
     * client prints {@code ...HttpClientImpl@1b2c3d(7)} and names the thread
     * {@code HttpClient-7-SelectorManager}.
     */
    static Optional<String> selectorThreadName(String client) {
        int open = client.lastIndexOf('(');
        int close = client.lastIndexOf(')');
        if (open < 0 || close != client.length() - 1 || close - open < 2) {
            return Optional.empty();
        }
        var id = client.substring(open + 1, close);
        for (int i = 0; i < id.length(); i++) {
            if (!Character.isDigit(id.charAt(i))) {
                return Optional.empty();
            }
        }
        return Optional.of("HttpClient-" + id + "-SelectorManager");
    }

    private static Thread[] allThreads() {
        var group = Thread.currentThread().getThreadGroup();
        while (group.getParent() != null) {
            group = group.getParent();
        }
        Thread[] threads;
        int count;
        do {
            threads = new Thread[group.activeCount() + 16];
            count = group.enumerate(threads, true);
        } while (count == threads.length);
        return Arrays.copyOf(threads, count);
    }
}
