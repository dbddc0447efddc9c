package io.github.acmecertificate.core.renewal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.github.acmecertificate.core.TestCertificates;
import io.github.acmecertificate.core.key.KeyType;
import io.github.acmecertificate.core.store.CertificateBundle;
import io.github.acmecertificate.core.store.CertificateMetadata;
import io.github.acmecertificate.core.store.FileStore;
import io.github.acmecertificate.core.store.RenewalState;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The status report flags exactly the certificates that need attention. */
public class StatusReportTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
    private static final String CA = "https://acme-v02.api.letsencrypt.org/directory";

    private void store(FileStore store, String name, Instant notBefore, Instant notAfter) throws Exception {
        var key = KeyType.EC_P256.generate();
        var cert = TestCertificates.issue(name, key, "CN=Issuer", KeyType.EC_P256.generate(), notBefore, notAfter,
                false);
        store.save(new CertificateBundle(List.of(cert), key.getPrivate(), new CertificateMetadata(name, List.of(name),
                CA, Optional.of("ec-p256"), Optional.empty(), Optional.empty(), Optional.empty(), notBefore,
                notBefore, notAfter)));
    }

    @Test
    public void flagsDueExpiringFailedRevokedAndUnreadableCertificates() throws Exception {
        var store = new FileStore(temp.getRoot().toPath());
        store(store, "fine.example", NOW.minus(Duration.ofDays(10)), NOW.plus(Duration.ofDays(80)));
        store(store, "due.example", NOW.minus(Duration.ofDays(70)), NOW.plus(Duration.ofDays(20)));
        store(store, "failed.example", NOW.minus(Duration.ofDays(10)), NOW.plus(Duration.ofDays(80)));
        store.saveState("failed.example", RenewalState.NONE.withFailure(NOW, "The CA could not validate http-01",
                NOW.plus(Duration.ofMinutes(10))));
        store(store, "revoked.example", NOW.minus(Duration.ofDays(10)), NOW.plus(Duration.ofDays(80)));
        store.saveState("revoked.example", RenewalState.NONE.withRevocation(NOW, "keyCompromise"));
        store(store, "broken.example", NOW.minus(Duration.ofDays(10)), NOW.plus(Duration.ofDays(80)));
        Files.writeString(store.certificateDirectory("broken.example").resolve(FileStore.CERT), "not a certificate");

        var report = StatusReport.of(store, NOW, Optional.empty());

        assertEquals(List.of("broken.example", "due.example", "failed.example", "fine.example", "revoked.example"),
                report.certificates().stream().map(CertificateStatus::name).toList());
        assertFalse(report.healthy());
        assertEquals(List.of("broken.example", "due.example", "failed.example", "revoked.example"),
                report.problems().stream().map(CertificateStatus::name).toList());
        var due = report.certificates().get(1);
        assertTrue(due.line(), due.line().contains("past its renewal time"));
        assertTrue(due.line(), due.line().contains("expires within PT720H"));
        assertEquals(Optional.of(NOW.minus(Duration.ofDays(10))), due.renewAt());
        var failed = report.certificates().get(2);
        assertTrue(failed.line(), failed.line().contains("the last renewal failed: The CA could not validate http-01"));
        assertTrue(report.certificates().get(4).line().contains("revoked at " + NOW));
        assertTrue(report.certificates().get(0).line().contains("cannot be read"));
        var fine = report.certificates().get(3);
        assertTrue(fine.line(), fine.healthy());
        assertTrue(fine.line(), fine.line().startsWith("fine.example [fine.example] from " + CA + "; expires "));
    }

    @Test
    public void aThresholdReplacesTheThirdOfTheLifetime() throws Exception {
        var store = new FileStore(temp.getRoot().toPath());
        store(store, "fine.example", NOW.minus(Duration.ofDays(10)), NOW.plus(Duration.ofDays(80)));
        assertTrue(StatusReport.of(store, NOW, Optional.empty()).healthy());
        var strict = StatusReport.of(store, NOW, Optional.of(Duration.ofDays(90)));
        assertFalse(strict.healthy());
        assertTrue(strict.problems().get(0).line(), strict.problems().get(0).line().contains("expires within PT2160H"));
        assertTrue("an empty store is healthy",
                StatusReport.of(new FileStore(temp.newFolder().toPath()), NOW, Optional.empty()).healthy());
    }
}
