package io.github.acmecertificate.jenkins.run;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.acmecertificate.core.CertificateDescription;
import io.github.acmecertificate.core.FleetProvisioner;
import io.github.acmecertificate.jenkins.challenge.TestChallenges;
import io.github.acmecertificate.jenkins.credentials.CredentialLookup;
import io.github.acmecertificate.jenkins.managed.CertificateSettings;
import io.github.acmecertificate.core.event.ProgressListener;
import io.github.acmecertificate.core.challenge.ChallengeDescription;
import io.github.acmecertificate.jenkins.managed.ManagedCertificate;
import io.github.acmecertificate.jenkins.managed.ManagedCertificateRegistry;
import io.github.acmecertificate.core.store.credentials.CredentialsBackend;
import io.github.acmecertificate.core.store.credentials.InMemoryCredentials;
import io.github.acmecertificate.testca.PebbleResource;
import io.github.acmecertificate.testca.StaticFileServer;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The twice-daily renewal of managed certificates, against Pebble. */
public class ScheduledRenewalPebbleTest {

    @ClassRule
    public static PebbleResource pebble = new PebbleResource();

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private final Map<String, InMemoryCredentials> stores = Map.of("", new InMemoryCredentials(),
            "team", new InMemoryCredentials("team", false));
    private final List<String> log = new ArrayList<>();
    private final ProgressListener listener = event -> log.add(event.message());

    private ManagedCertificateRegistry registry() {
        return new ManagedCertificateRegistry(temp.getRoot().toPath().resolve("managed"));
    }

    private ScheduledRenewal.Environment environment(GlobalSettings settings) {
        return environment(settings, FleetProvisioner.DEFAULT_CONCURRENCY);
    }

    private ScheduledRenewal.Environment environment(GlobalSettings settings, int concurrency) {
        return new ScheduledRenewal.Environment() {
            @Override
            public int concurrency() {
                return concurrency;
            }

            @Override
            public CredentialsBackend backend(ManagedCertificate record) {
                return stores.get(record.context());
            }

            @Override
            public CredentialLookup secrets() {
                return CredentialLookup.NONE;
            }

            @Override
            public GlobalSettings settings() {
                return settings;
            }

            @Override
            public boolean fipsMode() {
                return false;
            }
        };
    }

    private StepResult issue(String context, String id, ChallengeDescription challenge, GlobalSettings settings)
            throws Exception {
        var p = CertificateDescription.builder().domains(id + ".example.test").server("pebble")
                .acceptTermsOfService(true).name(id).challenge(challenge).build();
        return new CertificateRun(stores.get(context), CredentialLookup.NONE, registry(), Clock.systemUTC())
                .run(new CertificateSettings(p, ""), settings, "job", ProgressListener.NONE);
    }

    @Test
    public void notDueCostsNothingAndDueOnesAreRenewedInTheirStore() throws Exception {
        var settings = CertificateRunPebbleTest.settings(pebble.get());
        var first = issue("", "global-tls", CertificateRunPebbleTest.http(pebble.get()), settings);
        var folder = issue("team", "team-tls", CertificateRunPebbleTest.http(pebble.get()), settings);

        long before = pebble.get().requestCount("");
        var now = new ScheduledRenewal(registry(), environment(settings), Clock.systemUTC()).run(listener);
        assertEquals(new ScheduledRenewal.Summary(2, 0, 0), now);
        assertEquals("nothing reached the CA", before, pebble.get().requestCount(""));
        assertTrue(String.join("\n", log), log.stream().anyMatch(l -> l.contains("'team-tls' in folder team")
                && l.contains("valid until " + folder.notAfter())));

        var due = registry().find("", "global-tls").get().dueAt().plus(Duration.ofMinutes(1));
        var later = new ScheduledRenewal(registry(), environment(settings), Clock.fixed(due, ZoneOffset.UTC))
                .run(listener);
        assertEquals(new ScheduledRenewal.Summary(2, 2, 0), later);
        var renewed = registry().find("", "global-tls").get();
        assertNotEquals(first.serialNumber(), renewed.serialNumber());
        assertEquals(ScheduledRenewal.BY, renewed.lastRun().by());
        assertEquals(1, stores.get("team").ids().stream().filter("team-tls"::equals).count());
        assertEquals("renewed in place", 1, stores.get("team").adds() - 1);
    }

    @Test
    public void aFailedRenewalShowsOnTheRecordAndDoesNotStopTheOthers() throws Exception {
        var settings = CertificateRunPebbleTest.settings(pebble.get());
        var webroot = temp.newFolder("www").toPath();
        var server = StaticFileServer.start(webroot, pebble.get().httpPort());
        try {
            issue("", "web-tls", TestChallenges.webroot(webroot.toString()), settings);
        } finally {
            server.close();
        }
        issue("", "ok-tls", CertificateRunPebbleTest.http(pebble.get()), settings);
        Files.delete(webroot);

        var due = registry().all().stream().map(ManagedCertificate::dueAt).max(Instant::compareTo).get()
                .plus(Duration.ofMinutes(1));
        var summary = new ScheduledRenewal(registry(), environment(settings), Clock.fixed(due, ZoneOffset.UTC))
                .run(listener);
        assertEquals(new ScheduledRenewal.Summary(2, 1, 1), summary);
        var failed = registry().find("", "web-tls").get();
        assertTrue(failed.lastRun().failed());
        assertTrue(failed.lastRun().message(), failed.lastRun().message().contains("webroot(path: ...)"));
        assertFalse(registry().find("", "ok-tls").get().lastRun().failed());
        assertTrue(String.join("\n", log), log.stream()
                .anyMatch(l -> l.contains("'web-tls'") && l.contains("renewal failed")));
    }

    @Test
    public void dueCertificatesAreRenewedAFewAtATimeEachLineMarked() throws Exception {
        var settings = CertificateRunPebbleTest.settings(pebble.get());
        var ids = List.of("fleet-1", "fleet-2", "fleet-3", "fleet-4", "fleet-5");
        var serials = new java.util.HashMap<String, String>();
        for (var id : ids) {
            serials.put(id, issue("", id, CertificateRunPebbleTest.http(pebble.get()), settings).serialNumber());
        }
        var due = registry().all().stream().map(ManagedCertificate::dueAt).max(Instant::compareTo).get()
                .plus(Duration.ofMinutes(1));
        var lines = java.util.Collections.synchronizedList(new ArrayList<String>());
        var threads = java.util.concurrent.ConcurrentHashMap.<String>newKeySet();
        ProgressListener marked = event -> {
            lines.add(event.message());
            threads.add(Thread.currentThread().getName());
        };

        var summary = new ScheduledRenewal(registry(), environment(settings, 2), Clock.fixed(due, ZoneOffset.UTC))
                .run(marked);

        assertEquals(new ScheduledRenewal.Summary(5, 5, 0), summary);
        for (var id : ids) {
            var record = registry().find("", id).get();
            assertNotEquals(id, serials.get(id), record.serialNumber());
            assertEquals(ScheduledRenewal.BY, record.lastRun().by());
            assertFalse(record.lastRun().failed());
        }
        // Each certificate's lines carry its id; at most two ran at once, and two did.
        int peak = 0;
        for (int i = 0; i < lines.size(); i++) {
            int running = 0;
            for (var id : ids) {
                var prefix = "[" + id + "] ";
                int first = -1;
                int last = -1;
                for (int j = 0; j < lines.size(); j++) {
                    if (lines.get(j).startsWith(prefix)) {
                        first = first < 0 ? j : first;
                        last = j;
                    }
                }
                assertTrue(id + " has marked lines: " + lines, first >= 0);
                if (first <= i && i <= last) {
                    running++;
                }
            }
            peak = Math.max(peak, running);
        }
        assertEquals("two at a time: " + String.join("\n", lines), 2, peak);
        threads.removeIf(name -> !name.startsWith("acme-fleet-"));
        assertEquals(java.util.Set.of("acme-fleet-1", "acme-fleet-2"), threads);
    }

    @Test
    public void aWrongConcurrencyFallsBackToTheDefaultWithAWarning() throws Exception {
        var settings = CertificateRunPebbleTest.settings(pebble.get());
        issue("", "one-tls", CertificateRunPebbleTest.http(pebble.get()), settings);
        var due = registry().find("", "one-tls").get().dueAt().plus(Duration.ofMinutes(1));
        var summary = new ScheduledRenewal(registry(), environment(settings, 0), Clock.fixed(due, ZoneOffset.UTC))
                .run(listener);
        assertEquals(new ScheduledRenewal.Summary(1, 1, 0), summary);
        assertTrue(String.join("\n", log), log.stream().anyMatch(l -> l.contains("renewalConcurrency")
                && l.contains("renewing 8 at a time")));
    }

    @Test
    public void aRevokedCertificateIsRenewedBeforeItsDatesSaySo() throws Exception {
        var settings = CertificateRunPebbleTest.settings(pebble.get());
        var first = issue("", "revoked-tls", CertificateRunPebbleTest.http(pebble.get()), settings);
        var states = io.github.acmecertificate.jenkins.status.ManagedStates.beside(registry());
        var kept = states.load("", "revoked-tls").orElseThrow();
        states.around(null, "").saveState("revoked-tls", kept.withRevocation(Instant.now(), "keyCompromise"));

        var summary = new ScheduledRenewal(registry(), environment(settings), Clock.systemUTC()).run(listener);
        assertEquals(new ScheduledRenewal.Summary(1, 1, 0), summary);
        assertNotEquals(first.serialNumber(), registry().find("", "revoked-tls").get().serialNumber());
        assertTrue("a new certificate starts a fresh state",
                states.load("", "revoked-tls").orElseThrow().revokedAt().isEmpty());
    }
}
