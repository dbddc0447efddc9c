package io.github.acmecertificate.core.renewal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.math.BigInteger;
import java.nio.file.Files;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import io.github.acmecertificate.core.CertificateProvisioner;
import io.github.acmecertificate.core.CertificateRequest;
import io.github.acmecertificate.core.challenge.Http01StandaloneSolver;
import io.github.acmecertificate.core.key.KeyType;
import io.github.acmecertificate.core.renewal.RenewalDecision.Reason;
import io.github.acmecertificate.core.store.CertificateBundle;
import io.github.acmecertificate.core.store.CertificateMetadata;
import io.github.acmecertificate.core.store.FileStore;
import io.github.acmecertificate.core.store.RenewalState;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * A fleet scan, the status report and a run of the provisioner reach the same decision from the
 * same store: the CA's renewal advice, a revocation and the back-off after failures count in all
 * three, and the scan reads no certificate to get there.
 */
public class ScanAndRunAgreeTest {

    private static final String CA = "https://ca.example.test/dir";
    private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private FileStore store;
    private long serial = 100;

    @Before
    public void setUp() {
        store = new FileStore(temp.getRoot().toPath());
    }

    /** A leaf with an authority key identifier, as CAs issue them, so that it has an ARI identifier. */
    private X509Certificate leaf(String name, KeyPair key, Instant notBefore, Instant notAfter) throws Exception {
        var issuerKey = KeyType.EC_P256.generate();
        var builder = new JcaX509v3CertificateBuilder(new X500Name("CN=Test Issuer"), BigInteger.valueOf(serial++),
                Date.from(notBefore), Date.from(notAfter), new X500Name("CN=" + name), key.getPublic());
        builder.addExtension(Extension.authorityKeyIdentifier, false,
                new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(issuerKey.getPublic()));
        builder.addExtension(Extension.subjectAlternativeName, false,
                new GeneralNames(new GeneralName(GeneralName.dNSName, name)));
        var signer = new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey.getPrivate());
        return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
    }

    /** Stores a 90-day certificate issued {@code ageDays} ago; returns its ARI identifier. */
    private String stored(String name, int ageDays, boolean recordId) throws Exception {
        var key = KeyType.EC_P256.generate();
        var notBefore = NOW.minus(Duration.ofDays(ageDays));
        var cert = leaf(name, key, notBefore, notBefore.plus(Duration.ofDays(90)));
        var id = RenewalInfoCheck.certificateId(cert).orElseThrow();
        store.save(new CertificateBundle(List.of(cert), key.getPrivate(), new CertificateMetadata(name, List.of(name),
                CA, Optional.of("ec-p256"), Optional.empty(), Optional.empty(), Optional.empty(), notBefore,
                cert.getNotBefore().toInstant(), cert.getNotAfter().toInstant(), Optional.of(""),
                recordId ? Optional.of(id) : Optional.empty())));
        return id;
    }

    private RenewalDecision run(String name) throws Exception {
        var request = CertificateRequest.builder().server(CA).domains(name).acceptTermsOfService(true)
                .challenge(new Http01StandaloneSolver("127.0.0.1", 1)).build();
        return new CertificateProvisioner(store, store, Clock.fixed(NOW, ZoneOffset.UTC)).check(request);
    }

    private RenewalDecision scan(String name) {
        var entry = new RenewalScan(store, new RenewalPolicy(null, false), Clock.fixed(NOW, ZoneOffset.UTC))
                .scan(List.of(name)).get(0);
        assertEquals(Optional.empty(), entry.problem());
        return entry.decision().orElseThrow();
    }

    private CertificateStatus status(String name) throws Exception {
        return StatusReport.of(store, NOW, Optional.empty()).certificates().stream()
                .filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    private void assertAgree(String name, Reason reason, boolean due) throws Exception {
        var run = run(name);
        var scan = scan(name);
        assertEquals("run: " + run.detail(), reason, run.reason());
        assertEquals("scan: " + scan.detail(), reason, scan.reason());
        assertEquals(due, run.due());
        assertEquals(due, scan.due());
        assertEquals(run.dueAt(), scan.dueAt());
        assertEquals(run.detail(), scan.detail());
        assertEquals("the status shows the same renewal time", run.dueAt(), status(name).renewAt());
    }

    /** Breaks the PEM files, so that a scan that read them would fail. */
    private void corruptPems(String name) throws Exception {
        var dir = store.certificateDirectory(name);
        for (var file : List.of(FileStore.CERT, FileStore.CHAIN, FileStore.FULLCHAIN)) {
            Files.writeString(dir.resolve(file), "-----BEGIN CERTIFICATE-----\nnot base64 at all!\n");
        }
    }

    @Test
    public void theLifetimeRuleWithNothingKept() throws Exception {
        stored("plain.example.test", 10, true);
        assertAgree("plain.example.test", Reason.NOT_DUE, false);
        stored("old.example.test", 70, true);
        assertAgree("old.example.test", Reason.RENEWAL_WINDOW, true);
    }

    @Test
    public void theCasAdviceMakesItDueInTheScanToo() throws Exception {
        var id = stored("ari.example.test", 10, true);
        var chosen = NOW.minus(Duration.ofHours(1));
        store.saveState("ari.example.test", RenewalState.NONE.withRenewalInfo(id, NOW.minus(Duration.ofDays(1)),
                NOW.plus(Duration.ofDays(1)), chosen, NOW.plus(Duration.ofHours(6))));
        assertAgree("ari.example.test", Reason.CA_SUGGESTED, true);

        var later = NOW.plus(Duration.ofHours(5));
        store.saveState("ari.example.test", RenewalState.NONE.withRenewalInfo(id, NOW, NOW.plus(Duration.ofDays(1)),
                later, NOW.plus(Duration.ofHours(6))));
        assertAgree("ari.example.test", Reason.NOT_DUE, false);
        assertEquals(Optional.of(later), scan("ari.example.test").dueAt());
    }

    @Test
    public void adviceAboutAnotherCertificateIsIgnoredByBoth() throws Exception {
        stored("moved.example.test", 10, true);
        store.saveState("moved.example.test", RenewalState.NONE.withRenewalInfo("other.id", NOW.minus(Duration.ofDays(1)),
                NOW.plus(Duration.ofDays(1)), NOW.minus(Duration.ofHours(1)), NOW.plus(Duration.ofHours(6))));
        assertAgree("moved.example.test", Reason.NOT_DUE, false);
    }

    @Test
    public void aRevokedCertificateIsDueInTheScanToo() throws Exception {
        stored("revoked.example.test", 10, true);
        store.saveState("revoked.example.test", RenewalState.NONE.withRevocation(NOW.minusSeconds(60),
                "keyCompromise"));
        assertAgree("revoked.example.test", Reason.REVOKED, true);
        assertTrue(status("revoked.example.test").problems().toString(),
                status("revoked.example.test").problems().contains("revoked at " + NOW.minusSeconds(60)
                        + " (keyCompromise)"));
    }

    @Test
    public void failedAttemptsHoldTheScanBackAsTheyHoldTheRun() throws Exception {
        stored("failing.example.test", 70, true);
        var next = NOW.plus(Duration.ofMinutes(10));
        store.saveState("failing.example.test", RenewalState.NONE.withFailure(NOW.minusSeconds(60), "boom", next)
                .withFailure(NOW.minusSeconds(30), "boom again", next));
        assertAgree("failing.example.test", Reason.BACKING_OFF, false);
        assertEquals(Optional.of(next), scan("failing.example.test").dueAt());
        assertFalse(status("failing.example.test").healthy());
    }

    @Test
    public void theScanReadsNoCertificateWhenTheMetadataNamesIt() throws Exception {
        var id = stored("fast.example.test", 10, true);
        store.saveState("fast.example.test", RenewalState.NONE.withRenewalInfo(id, NOW.minus(Duration.ofDays(1)),
                NOW.plus(Duration.ofDays(1)), NOW.minus(Duration.ofHours(1)), NOW.plus(Duration.ofHours(6))));
        corruptPems("fast.example.test");
        assertEquals(Reason.CA_SUGGESTED, scan("fast.example.test").reason());
    }

    @Test
    public void metadataFromBeforeTheIdentifierWasKeptStillMatchesTheAdvice() throws Exception {
        var id = stored("legacy.example.test", 10, false);
        store.saveState("legacy.example.test", RenewalState.NONE.withRenewalInfo(id, NOW.minus(Duration.ofDays(1)),
                NOW.plus(Duration.ofDays(1)), NOW.minus(Duration.ofHours(1)), NOW.plus(Duration.ofHours(6))));
        assertAgree("legacy.example.test", Reason.CA_SUGGESTED, true);
    }

    @Test
    public void anUnreadableStateIsReportedAndTheDatesStillDecide() throws Exception {
        stored("broken.example.test", 70, true);
        Files.createDirectories(store.stateFile("broken.example.test").getParent());
        Files.writeString(store.stateFile("broken.example.test"), "lastRun=yesterday\n");
        var entry = new RenewalScan(store, new RenewalPolicy(null, false), Clock.fixed(NOW, ZoneOffset.UTC))
                .scan(List.of("broken.example.test")).get(0);
        assertTrue(entry.problem().orElseThrow(), entry.problem().orElseThrow().contains("lastRun is not a time"));
        assertEquals(Reason.RENEWAL_WINDOW, entry.decision().orElseThrow().reason());
    }
}
