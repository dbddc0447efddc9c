package io.github.acmecertificate.core.store;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Optional;

import io.github.acmecertificate.core.exception.StoreException;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The renewal state is kept per name beside the certificates, and read back as written. */
public class RenewalStateFileTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private static final Instant T = Instant.parse("2026-03-01T10:15:30Z");

    @Test
    public void roundTripsEveryField() throws Exception {
        var store = new FileStore(temp.getRoot().toPath());
        assertTrue(store.keepsState());
        assertEquals(Optional.empty(), store.loadState("example.com"));
        var state = RenewalState.NONE.withRenewalInfo("aki.serial", T, T.plusSeconds(3600), T.plusSeconds(60),
                T.plusSeconds(7200)).withFailure(T, "The CA rate-limited this request\nRetry later", T.plusSeconds(600))
                .withRevocation(T.plusSeconds(1), "keyCompromise");
        store.saveState("example.com", state);

        assertEquals(Optional.of(state), store.loadState("example.com"));
        var file = store.stateFile("example.com");
        assertEquals(temp.getRoot().toPath().resolve("state").resolve("example.com.properties"), file);
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertTrue(state.lastFailed());
        assertEquals(1, state.failures());
    }

    @Test
    public void anErrorWithAnyCharacterReadsBackAsWrittenInAFileWithoutADateLine() throws Exception {
        var store = new FileStore(temp.getRoot().toPath());
        var error = " leading space, a=b: c#d!e \\ tab\tcr\rff\fnl\nnon-ASCII \u00e9\u20ac\u0001 end ";
        var state = RenewalState.NONE.withFailure(T, error, T.plusSeconds(600));
        store.saveState("example.com", state);

        assertEquals(Optional.of(state), store.loadState("example.com"));
        assertEquals(error, store.loadState("example.com").orElseThrow().lastError().orElseThrow());
        var lines = Files.readAllLines(store.stateFile("example.com"), java.nio.charset.StandardCharsets.ISO_8859_1);
        assertEquals("#Renewal checks and results, written by acme-certificate", lines.get(0));
        assertTrue("one comment line, then sorted entries: " + lines,
                lines.stream().skip(1).noneMatch(l -> l.startsWith("#")));
        assertEquals(lines.subList(1, lines.size()).stream().sorted().toList(), lines.subList(1, lines.size()));
    }

    @Test
    public void aNewCertificateClearsFailuresAdviceAndRevocation() {
        var failed = RenewalState.NONE.withRenewalInfo("id", T, T, T, T).withFailure(T, "x", T)
                .withRevocation(T, "superseded");
        var renewed = failed.withResult(T.plusSeconds(5), "renewed");
        assertEquals(0, renewed.failures());
        assertFalse(renewed.lastFailed());
        assertEquals(Optional.empty(), renewed.ariCertificateId());
        assertEquals(Optional.empty(), renewed.revokedAt());
        var notDue = failed.withResult(T.plusSeconds(5), "not-due");
        assertEquals("not-due keeps what the failures imposed", 1, notDue.failures());
        assertEquals(Optional.of("id"), notDue.ariCertificateId());
    }

    @Test
    public void aDamagedFileSaysHowToRepairIt() throws Exception {
        var store = new FileStore(temp.getRoot().toPath());
        store.saveState("example.com", RenewalState.NONE);
        Files.writeString(store.stateFile("example.com"), "ari.nextCheck=tomorrow\n");
        var ex = assertThrows(StoreException.class, () -> store.loadState("example.com"));
        assertTrue(ex.getMessage(), ex.getMessage().contains("Remove that file"));
        assertTrue(ex.getMessage(), ex.getMessage().contains("ari.nextCheck"));
    }
}
