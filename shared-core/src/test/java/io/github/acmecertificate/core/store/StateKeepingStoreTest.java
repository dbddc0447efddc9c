package io.github.acmecertificate.core.store;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.time.Instant;
import java.util.Optional;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** A store without state of its own keeps renewal state in a folder beside it. */
public class StateKeepingStoreTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    @Test
    public void keepsEachNamesStateInItsOwnFile() throws Exception {
        var inner = new FileStore(temp.newFolder("certs").toPath());
        assertTrue("the wrapped store keeps state too, but not here", inner.keepsState());
        var folder = temp.getRoot().toPath().resolve("state");
        var store = new StateKeepingStore(inner, folder);
        assertTrue(store.keepsState());
        assertEquals(Optional.empty(), store.loadState("web/tls"));

        var at = Instant.parse("2026-06-01T00:00:00Z");
        store.saveState("web/tls", RenewalState.NONE.withRevocation(at, "keyCompromise"));
        store.saveState("web_tls", RenewalState.NONE.withResult(at, "issued"));

        assertEquals(Optional.of(at), store.loadState("web/tls").orElseThrow().revokedAt());
        assertEquals(Optional.empty(), store.loadState("web_tls").orElseThrow().revokedAt());
        assertEquals("read without the wrapped store", Optional.of(at),
                StateKeepingStore.stateIn(folder, "web/tls").orElseThrow().revokedAt());
        assertEquals(Optional.empty(), StateKeepingStore.stateIn(folder, "other"));
        assertNotEquals(StateKeepingStore.fileKey("web/tls"), StateKeepingStore.fileKey("web_tls"));
        assertFalse(StateKeepingStore.fileKey("../x").contains("/"));
        assertFalse(StateKeepingStore.fileKey("..").startsWith("."));
        try (var files = Files.list(folder)) {
            assertEquals(2, files.count());
        }
        assertEquals("nothing was written to the wrapped store's own state", Optional.empty(),
                inner.loadState("web_tls"));
    }
}
