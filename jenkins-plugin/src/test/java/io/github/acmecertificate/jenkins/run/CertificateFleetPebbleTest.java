package io.github.acmecertificate.jenkins.run;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.acmecertificate.core.CertificateDescription;
import io.github.acmecertificate.core.FleetProvisioner;
import io.github.acmecertificate.core.FleetResult;
import io.github.acmecertificate.core.event.ProgressListener;
import io.github.acmecertificate.core.exception.AcmeCertificateException;
import io.github.acmecertificate.core.exception.InvalidInputException;
import io.github.acmecertificate.jenkins.challenge.TestChallenges;
import io.github.acmecertificate.jenkins.credentials.CredentialLookup;
import io.github.acmecertificate.jenkins.managed.CertificateSettings;
import io.github.acmecertificate.jenkins.managed.ManagedCertificateRegistry;
import io.github.acmecertificate.jenkins.security.BuildAuthorization;
import io.github.acmecertificate.jenkins.security.BuildAuthorization.Identity;
import io.github.acmecertificate.jenkins.security.ControllerUse;
import io.github.acmecertificate.jenkins.security.RunGuard;
import io.github.acmecertificate.core.store.credentials.CertificateCredentialMapper;
import io.github.acmecertificate.core.store.credentials.CertificateEntry;
import io.github.acmecertificate.core.store.credentials.OwnedCredentials;
import io.github.acmecertificate.core.store.credentials.TestCertificates;
import io.github.acmecertificate.core.store.credentials.InMemoryCredentials;
import io.github.acmecertificate.testca.PebbleResource;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Several certificates in one {@code acmeCertificate} call, run the way the step runs them
 * ({@link StepRunner}: each through its own guarded {@link CertificateRun}, HTTP-01 listeners
 * shared), against Pebble.
 */
public class CertificateFleetPebbleTest {

    @ClassRule
    public static PebbleResource pebble = new PebbleResource();

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private final InMemoryCredentials credentials = new InMemoryCredentials();
    private final List<String> log = Collections.synchronizedList(new ArrayList<>());
    private final ProgressListener listener = event -> log.add(event.message());

    private ManagedCertificateRegistry registry() {
        return new ManagedCertificateRegistry(temp.getRoot().toPath().resolve("managed"));
    }

    private CertificateSettings certificate(String id, String domains) {
        return new CertificateSettings(CertificateDescription.builder().domains(domains).server("pebble")
                .acceptTermsOfService(true)
                .email("ops@example.test").name(id)
                .challenge(TestChallenges.http01("127.0.0.1", pebble.get().httpPort())).build(), "fleet");
    }

    /** The guard of a build running as this identity, with the administrator's switches. */
    private RunGuard guard(Identity identity, Set<ControllerUse> switches) {
        return new RunGuard(new BuildAuthorization(identity, identity == Identity.USER ? "alice" : "root", switches),
                new OwnedCredentials(temp.getRoot().toPath().resolve("owned")));
    }

    /** Runs the certificates as the step does, for a build with this guard, outside any node block. */
    private FleetResult run(RunGuard guard, int concurrency, List<CertificateSettings> certificates,
            AtomicInteger peak) throws Exception {
        var global = CertificateRunPebbleTest.settings(pebble.get());
        var inFlight = new AtomicInteger();
        var runner = new StepRunner(() -> new CertificateRun(credentials, CredentialLookup.NONE, registry(),
                Clock.systemUTC()).guard(guard), guard, null, global, "fleet #1");
        return runner.run(certificates, concurrency, (settings, progress, certificate) -> {
            peak.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                return certificate.run(settings, progress);
            } finally {
                inFlight.decrementAndGet();
            }
        }, listener);
    }

    private FleetResult run(int concurrency, List<CertificateSettings> certificates, AtomicInteger peak)
            throws Exception {
        return run(guard(Identity.ADMINISTRATOR, Set.of()), concurrency, certificates, peak);
    }

    /** The failure as the step words it. */
    private static String failureMessage(FleetResult result) {
        return result.failureMessage(StepErrors::reason);
    }

    @Test
    public void severalCertificatesAreIssuedInOneCallEachIntoItsCredential() throws Exception {
        var ids = List.of("fleet-a", "fleet-b", "fleet-c", "fleet-d");
        var certificates = new ArrayList<CertificateSettings>();
        for (var id : ids) {
            certificates.add(certificate(id, id + ".example.test, www." + id + ".example.test"));
        }
        long registrations = pebble.get().requestCount("POST /sign-me-up");
        var peak = new AtomicInteger();

        var result = run(4, certificates, peak);

        assertTrue(failureMessage(result), result.succeeded());
        assertTrue("certificates ran at once, on one shared HTTP-01 port: " + peak.get(), peak.get() > 1);
        assertEquals("one account for the whole call", registrations + 1,
                pebble.get().requestCount("POST /sign-me-up"));
        var map = StepRunner.toMap(result);
        assertEquals(ids, List.copyOf(map.keySet()));
        var serials = new java.util.HashSet<String>();
        for (var id : ids) {
            @SuppressWarnings("unchecked")
            var one = (Map<String, Object>) map.get(id);
            assertEquals(List.of("renewed", "notAfter", "serialNumber", "sha256Fingerprint", "credentialsId",
                    "deployed"), List.copyOf(one.keySet()));
            assertEquals(Boolean.TRUE, one.get("renewed"));
            assertEquals(id, one.get("credentialsId"));
            assertTrue(credentials.raw(id).orElseThrow() instanceof CertificateEntry);
            assertEquals(List.of(id + ".example.test", "www." + id + ".example.test"),
                    registry().find("", id).orElseThrow().metadata().names());
            serials.add((String) one.get("serialNumber"));
            assertTrue("each certificate's lines are marked with its id: " + log,
                    log.stream().anyMatch(l -> l.startsWith("[" + id + "] ")));
        }
        assertEquals("four certificates, four serial numbers", 4, serials.size());
        assertTrue(log.toString(), log.contains("4 certificates: 4 issued, 0 renewed, 0 not due, 0 failed"));

        // A second call sends nothing: none is due.
        long before = pebble.get().requestCount("");
        var again = run(4, certificates, new AtomicInteger());
        assertEquals("not a single request reached the CA", before, pebble.get().requestCount(""));
        assertTrue(again.succeeded());
        assertFalse(again.certificates().stream().anyMatch(o -> o.result().get().certificate().changed()));
    }

    @Test
    public void oneBadCertificateFailsWhileTheOthersAreIssuedAndTheCallFailsAtTheEnd() throws Exception {
        var webroot = temp.newFolder("unserved").toPath();
        var certificates = List.of(
                certificate("good-1", "good-1.example.test"),
                certificate("bad-name", "not a name!.example.test"),
                // Token files go into a folder no web server serves: the CA's validation fails.
                new CertificateSettings(certificate("bad-ca", "bad-ca.example.test").certificate().toBuilder()
                        .challenge(TestChallenges.webroot(webroot.toString())).build(), "fleet"),
                certificate("good-2", "good-2.example.test"));

        var result = run(2, certificates, new AtomicInteger());

        assertFalse(result.succeeded());
        assertEquals(List.of("bad-name", "bad-ca"), result.failures().stream().map(o -> o.name()).toList());
        assertTrue(result.failures().get(0).failure().get() instanceof InvalidInputException);
        for (var id : List.of("good-1", "good-2")) {
            assertTrue(id + " was issued", credentials.raw(id).orElseThrow() instanceof CertificateEntry);
            assertFalse(registry().find("", id).orElseThrow().lastRun().failed());
        }
        assertTrue("each failure is logged as it happens: " + log, log.stream()
                .anyMatch(l -> l.startsWith("Certificate bad-ca failed: ")));
        assertFalse(credentials.raw("bad-ca").isPresent());
        assertFalse(credentials.raw("bad-name").isPresent());

        var failure = assertThrows(AcmeCertificateException.class, () -> StepRunner.toMap(result));
        var message = failure.getMessage();
        assertTrue(message, message.startsWith("2 of 4 certificates failed (the others were run):"));
        assertTrue(message, message.contains("\n  - bad-name: invalid domains: "));
        assertTrue(message, message.contains("\n  - bad-ca: "));
        assertFalse(message, message.contains("good-"));
        assertTrue(log.toString(), log.contains("4 certificates: 2 issued, 0 renewed, 0 not due, 2 failed"));
    }

    @Test
    public void oneCertificateInTheListReturnsTheSingleCertificateShape() throws Exception {
        var result = run(8, List.of(certificate("solo", "solo.example.test")), new AtomicInteger());
        var map = StepRunner.toMap(result);
        assertEquals(List.of("renewed", "notAfter", "serialNumber", "sha256Fingerprint", "credentialsId", "deployed"),
                List.copyOf(map.keySet()));
        assertEquals("solo", map.get("credentialsId"));
    }

    @Test
    public void aListWithoutIdsOrWithOneIdTwiceIsRefusedBeforeAnyRequest() throws Exception {
        long before = pebble.get().requestCount("");
        Set<String> ran = ConcurrentHashMap.newKeySet();
        var runner = new StepRunner(() -> {
            throw new AssertionError("nothing runs");
        }, guard(Identity.ADMINISTRATOR, Set.of()), null, CertificateRunPebbleTest.settings(pebble.get()), "fleet #1");
        StepRunner.Context context = (settings, progress, certificate) -> {
            ran.add(settings.credentialsId());
            throw new AssertionError("nothing runs");
        };
        var twice = assertThrows(InvalidInputException.class, () -> runner.run(List.of(
                certificate("same", "a.example.test"), certificate("same", "b.example.test"),
                certificate("", "c.example.test")), 2, context, listener));
        assertEquals(2, twice.problems().size());
        assertTrue(twice.getMessage(), twice.problems().get(0).problem().contains("two certificates have the "
                + "credentialsId 'same'"));
        assertTrue(twice.problems().get(1).problem(), twice.problems().get(1).problem()
                .contains("certificate 3 (c.example.test) has no credentialsId"));
        assertThrows(InvalidInputException.class, () -> runner.run(List.of(), 2, context, listener));
        assertTrue(ran.isEmpty());
        assertEquals(before, pebble.get().requestCount(""));
    }

    @Test
    public void theConcurrencyIsReadByTheCoresParser() throws Exception {
        assertEquals(8, FleetProvisioner.DEFAULT_CONCURRENCY);
        assertEquals(3, FleetProvisioner.concurrency("concurrency", "3"));
        var zero = assertThrows(InvalidInputException.class, () -> FleetProvisioner.concurrency("concurrency", "0"));
        assertEquals("concurrency", zero.problems().get(0).field());
        assertTrue(zero.getMessage(), zero.problems().get(0).problem().contains("from 1 to 256"));
        assertNotEquals(FormChecks.Kind.OK, FormChecks.concurrency(257).kind());
        assertEquals(FormChecks.Kind.OK, FormChecks.concurrency(8).kind());
    }

    @Test
    public void everyCertificateIsHeldToTheControllerRulesOfASingleOne() throws Exception {
        var certificates = List.of(certificate("user-1", "user-1.example.test"),
                certificate("user-2", "user-2.example.test"));
        long before = pebble.get().requestCount("");

        var refused = run(guard(Identity.USER, Set.of()), 2, certificates, new AtomicInteger());

        assertEquals(List.of("user-1", "user-2"), refused.failures().stream().map(o -> o.name()).toList());
        var message = assertThrows(AcmeCertificateException.class, () -> StepRunner.toMap(refused)).getMessage();
        assertTrue(message, message.startsWith("2 of 2 certificates failed"));
        assertTrue(message, message.contains("\n  - user-1: ") && message.contains("\n  - user-2: "));
        assertTrue(message, message.contains("opens a listening port on the controller, which this build may not "
                + "do: it runs as alice"));
        assertEquals("nothing reached the CA", before, pebble.get().requestCount(""));
        assertTrue(credentials.raw("user-1").isEmpty());

        // The administrator's switch opens http01 to the same build, for every certificate.
        var allowed = run(guard(Identity.USER, Set.of(ControllerUse.HTTP01)), 2, certificates, new AtomicInteger());
        assertTrue(failureMessage(allowed), allowed.succeeded());
        assertTrue(credentials.raw("user-2").orElseThrow() instanceof CertificateEntry);
    }

    @Test
    public void aForeignCredentialAmongSeveralIsNotReplacedWhileTheOthersAreIssued() throws Exception {
        var mapper = new CertificateCredentialMapper(false);
        var theirs = mapper.toEntry("uploaded-tls", TestCertificates.bundle("uploaded-tls", "other.test"));
        credentials.preset(theirs);
        var certificates = List.of(certificate("mine-tls", "mine.example.test"),
                certificate("uploaded-tls", "uploaded.example.test"));

        var result = run(2, certificates, new AtomicInteger());

        assertEquals(List.of("uploaded-tls"), result.failures().stream().map(o -> o.name()).toList());
        assertTrue(failureMessage(result), failureMessage(result)
                .contains("'uploaded-tls' was not written by the acmeCertificate step"));
        assertEquals("theirs is untouched", theirs, credentials.raw("uploaded-tls").orElseThrow());
        assertTrue(credentials.raw("mine-tls").orElseThrow() instanceof CertificateEntry);
    }
}
