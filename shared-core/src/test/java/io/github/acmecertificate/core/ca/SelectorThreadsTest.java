package io.github.acmecertificate.core.ca;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.net.http.HttpClient;
import java.util.List;
import java.util.Optional;

import org.junit.Test;

/**
 * The selector thread of a session's HTTP client is found from the client and ends when
 * interrupted, so that a JVM exit does not wait for it.
 */
public class SelectorThreadsTest {

    @Test
    public void theRunningJdkNamesTheSelectorThreadAfterTheClient() throws Exception {
        var client = HttpClient.newHttpClient();
        var name = SelectorThreads.selectorThreadName(client.toString()).orElseThrow();
        var thread = thread(name).orElseThrow(() -> new AssertionError("no thread named " + name));
        assertTrue(thread.isAlive());

        SelectorThreads.end(List.of(client));
        thread.join(1_000);
        assertFalse("the selector thread ended", thread.isAlive());
    }

    @Test
    public void otherClientsKeepTheirThreads() throws Exception {
        var ours = HttpClient.newHttpClient();
        var theirs = HttpClient.newHttpClient();
        SelectorThreads.end(List.of(ours));
        var name = SelectorThreads.selectorThreadName(theirs.toString()).orElseThrow();
        assertTrue(thread(name).orElseThrow().isAlive());
    }

    @Test
    public void namesAreReadOnlyFromTheExpectedForm() {
        assertEquals(Optional.of("HttpClient-7-SelectorManager"),
                SelectorThreads.selectorThreadName("jdk.internal.net.http.HttpClientImpl@1b2c3d(7)"));
        assertEquals(Optional.empty(), SelectorThreads.selectorThreadName("SomeClient@1b2c3d"));
        assertEquals(Optional.empty(), SelectorThreads.selectorThreadName("SomeClient(x7)"));
        assertEquals(Optional.empty(), SelectorThreads.selectorThreadName("SomeClient()"));
    }

    private static Optional<Thread> thread(String name) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals(name)).findFirst();
    }
}
