package io.github.acmecertificate.core.renewal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import io.github.acmecertificate.core.renewal.RenewalDecision.Reason;
import io.github.acmecertificate.core.store.CertificateMetadata;
import io.github.acmecertificate.core.store.FileStore;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class RenewalScanTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");

    /** Writes a certificate folder whose PEM files are garbage: only the metadata is sound. */
    private static void storeWithCorruptPems(FileStore store, String name, Instant notBefore, Instant notAfter)
            throws Exception {
        var dir = store.certificateDirectory(name);
        Files.createDirectories(dir);
        for (var file : List.of(FileStore.CERT, FileStore.CHAIN, FileStore.FULLCHAIN, FileStore.PRIVKEY)) {
            Files.writeString(dir.resolve(file), "-----BEGIN CERTIFICATE-----\nnot base64 at all!\n");
        }
        Files.writeString(dir.resolve(FileStore.METADATA), String.join("\n",
                "name=" + name,
                "names=" + name,
                "ca=https\\://ca.example/dir",
                "keyType=ec-p256",
                "issuedAt=" + notBefore,
                "notBefore=" + notBefore,
                "notAfter=" + notAfter, ""));
    }

    @Test
    public void decidesFromTheMetadataWithoutParsingAnyPem() throws Exception {
        var store = new FileStore(temp.getRoot().toPath());
        // 90 days: due when a third is left, i.e. from day 60.
        storeWithCorruptPems(store, "fresh.example", NOW.minus(Duration.ofDays(10)), NOW.plus(Duration.ofDays(80)));
        storeWithCorruptPems(store, "old.example", NOW.minus(Duration.ofDays(70)), NOW.plus(Duration.ofDays(20)));
        storeWithCorruptPems(store, "gone.example", NOW.minus(Duration.ofDays(100)), NOW.minus(Duration.ofDays(10)));
        assertTrue("the PEMs really are unreadable", loadFails(store, "fresh.example"));

        var scan = new RenewalScan(store, new RenewalPolicy(null, false), Clock.fixed(NOW, ZoneOffset.UTC));
        var names = store.names();
        assertEquals(List.of("fresh.example", "gone.example", "old.example"), names);
        var entries = scan.scan(names);

        assertFalse(entries.get(0).due());
        assertEquals(Reason.NOT_DUE, entries.get(0).decision().orElseThrow().reason());
        assertEquals(Optional.of(NOW.plus(Duration.ofDays(50))), entries.get(0).decision().orElseThrow().dueAt());
        assertEquals(Reason.EXPIRED, entries.get(1).decision().orElseThrow().reason());
        assertEquals(Reason.RENEWAL_WINDOW, entries.get(2).decision().orElseThrow().reason());
        assertEquals(List.of("gone.example", "old.example"),
                RenewalScan.due(entries).stream().map(RenewalScan.Entry::name).toList());
    }

    @Test
    public void anUnreadableEntryIsReportedAndTheScanGoesOn() throws Exception {
        var store = new FileStore(temp.getRoot().toPath());
        storeWithCorruptPems(store, "a.example", NOW.minus(Duration.ofDays(70)), NOW.plus(Duration.ofDays(20)));
        Files.createDirectories(store.certificateDirectory("b.example"));
        Files.writeString(store.certificateDirectory("b.example").resolve(FileStore.METADATA), "name=b.example\n");

        var entries = new RenewalScan(store, new RenewalPolicy(Duration.ofDays(30), false),
                Clock.fixed(NOW, ZoneOffset.UTC)).scan(List.of("a.example", "b.example", "never.example"));

        assertTrue(entries.get(0).due());
        assertFalse(entries.get(1).due());
        assertTrue(entries.get(1).problem().orElseThrow().contains("has no names"));
        assertTrue(entries.get(2).due());
        assertEquals(Reason.NO_CERTIFICATE, entries.get(2).decision().orElseThrow().reason());
    }

    private static boolean loadFails(FileStore store, String name) {
        try {
            store.load(name);
            return false;
        } catch (Exception ex) {
            return true;
        }
    }
}
