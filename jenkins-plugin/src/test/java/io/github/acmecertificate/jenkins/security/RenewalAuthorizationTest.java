package io.github.acmecertificate.jenkins.security;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.acmecertificate.core.CertificateDescription;
import io.github.acmecertificate.jenkins.credentials.CredentialLookup;
import io.github.acmecertificate.jenkins.challenge.TestChallenges;
import io.github.acmecertificate.core.event.ProgressListener;
import io.github.acmecertificate.core.exception.StoreException;
import io.github.acmecertificate.core.challenge.ChallengeDescription;
import io.github.acmecertificate.jenkins.managed.LastRun;
import io.github.acmecertificate.jenkins.managed.ManagedCertificate;
import io.github.acmecertificate.jenkins.managed.ManagedCertificateTest;
import io.github.acmecertificate.jenkins.managed.ManagedCertificateRegistry;
import io.github.acmecertificate.jenkins.managed.ManagedJobs;
import io.github.acmecertificate.jenkins.run.CertificateRun;
import io.github.acmecertificate.jenkins.run.GlobalSettings;
import io.github.acmecertificate.jenkins.run.ScheduledRenewal;
import io.github.acmecertificate.jenkins.managed.CertificateSettings;
import io.github.acmecertificate.jenkins.security.BuildAuthorization.Identity;
import io.github.acmecertificate.core.store.credentials.CredentialsBackend;
import io.github.acmecertificate.core.store.credentials.InMemoryCredentials;
import io.github.acmecertificate.core.store.credentials.OwnedCredentials;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The scheduled renewal acts for the job that last ran the step, with its rules, and only while
 * that job exists; a job never takes over the record of another; records follow their jobs.
 */
public class RenewalAuthorizationTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private static final Instant ISSUED = Instant.parse("2026-01-01T00:00:00Z");
    private static final GlobalSettings SETTINGS = new GlobalSettings(List.of(), null, null, null);

    private final List<String> log = new ArrayList<>();
    private final AtomicInteger backendCalls = new AtomicInteger();

    private ManagedCertificateRegistry registry() {
        return new ManagedCertificateRegistry(temp.getRoot().toPath().resolve("managed"));
    }

    private static ManagedCertificate record(String id, String job, ChallengeDescription challenge) {
        var template = new CertificateSettings(CertificateDescription.builder().name(id).domains("example.test")
                .server("https://ca.invalid/directory").acceptTermsOfService(true)
                .account("acme-account-x").keyType("ec-p256").challenge(challenge).build(), job);
        return new ManagedCertificate("", ManagedCertificateTest.certificate(id, List.of("example.test"),
                "https://ca.invalid/directory", "ec-p256", ISSUED, ISSUED.plus(Duration.ofDays(90))),
                "3a0f", ISSUED.plus(Duration.ofDays(60)), template,
                new LastRun(ISSUED, "team/site #1", false, "issued"));
    }

    private ScheduledRenewal.Environment environment(boolean jobExists, Set<ControllerUse> switches) {
        return new ScheduledRenewal.Environment() {
            @Override
            public boolean jobExists(ManagedCertificate record) {
                return jobExists;
            }

            @Override
            public RunGuard guard(ManagedCertificate record) {
                return new RunGuard(new BuildAuthorization(Identity.SYSTEM, "SYSTEM", switches),
                        new OwnedCredentials(temp.getRoot().toPath().resolve("owned")));
            }

            @Override
            public CredentialsBackend backend(ManagedCertificate record) throws StoreException {
                backendCalls.incrementAndGet();
                throw new StoreException("the renewal reached the credentials", null);
            }

            @Override
            public CredentialLookup secrets() {
                return CredentialLookup.NONE;
            }

            @Override
            public GlobalSettings settings() {
                return SETTINGS;
            }

            @Override
            public boolean fipsMode() {
                return false;
            }
        };
    }

    private ScheduledRenewal.Summary renewDue(ScheduledRenewal.Environment environment) throws Exception {
        var due = Clock.fixed(ISSUED.plus(Duration.ofDays(61)), ZoneOffset.UTC);
        return new ScheduledRenewal(registry(), environment, due).run(event -> log.add(event.message()));
    }

    @Test
    public void aRecordWhoseJobIsGoneIsReportedNotRun() throws Exception {
        registry().save(record("web-tls", "team/deleted", TestChallenges.dns01("rfc2136", null,
                "nameserver=127.0.0.1")));
        assertEquals(new ScheduledRenewal.Summary(1, 0, 1), renewDue(environment(false, Set.of())));
        assertEquals("nothing was read nor written", 0, backendCalls.get());
        var lastRun = registry().find("", "web-tls").orElseThrow().lastRun();
        assertTrue(lastRun.failed());
        assertTrue(lastRun.message(), lastRun.message().contains("the job 'team/deleted' that ran its step no "
                + "longer exists"));
        assertTrue(String.join("\n", log), log.stream().anyMatch(l -> l.contains("is not renewed")));
    }

    @Test
    public void theRenewalHasNoMoreRightsOnTheControllerThanTheJobsBuilds() throws Exception {
        registry().save(record("exec-tls", "team/site", TestChallenges.dns01("exec", null, "command=/bin/true")));
        assertEquals(new ScheduledRenewal.Summary(1, 0, 1), renewDue(environment(true, Set.of())));
        assertEquals(0, backendCalls.get());
        var message = registry().find("", "exec-tls").orElseThrow().lastRun().message();
        assertTrue(message, message.contains("runs a program on the controller, which this build may not do"));
        assertTrue(message, message.contains("Allow the exec DNS provider on the controller"));

        // With the administrator's switch on, the renewal goes ahead (and here reaches the credentials).
        assertEquals(new ScheduledRenewal.Summary(1, 0, 1),
                renewDue(environment(true, Set.of(ControllerUse.EXEC))));
        assertEquals(1, backendCalls.get());
        assertTrue(registry().find("", "exec-tls").orElseThrow().lastRun().message()
                .contains("the renewal reached the credentials"));
    }

    @Test
    public void aJobCannotTakeOverTheRecordOfAnother() throws Exception {
        registry().save(record("web-tls", "team/site", TestChallenges.dns01("rfc2136", null, "nameserver=127.0.0.1")));
        var credentials = new InMemoryCredentials();
        var guard = new RunGuard(new BuildAuthorization(Identity.ADMINISTRATOR, "root", Set.of()),
                new OwnedCredentials(temp.getRoot().toPath().resolve("owned")));
        var run = new CertificateRun(credentials, id -> java.util.Optional.empty(), registry(), Clock.systemUTC())
                .guard(guard);
        var parameters = CertificateDescription.builder().domains("example.test").server("https://ca.invalid/directory")
                .acceptTermsOfService(true).name("web-tls").challenge(TestChallenges.dns01("rfc2136", null,
                "nameserver=127.0.0.1")).force(true).build();
        var ex = assertThrows(StoreException.class,
                () -> run.run(new CertificateSettings(parameters, "other/attacker"), SETTINGS, "other/attacker #1",
                        ProgressListener.NONE));
        assertTrue(ex.getMessage(), ex.getMessage().contains("managed for the job 'team/site'"));
        assertEquals("the record is untouched", "team/site",
                registry().find("", "web-tls").orElseThrow().template().job());
        assertFalse(registry().find("", "web-tls").orElseThrow().lastRun().failed());
        assertEquals(List.of(), credentials.ids());
    }

    @Test
    public void recordsFollowTheirJobs() throws Exception {
        var challenge = TestChallenges.dns01("rfc2136", null, "nameserver=127.0.0.1");
        registry().save(record("a-tls", "team/site", challenge));
        registry().save(record("b-tls", "team/site-two", challenge));
        registry().save(record("c-tls", "other/job", challenge));
        var jobs = new ManagedJobs(registry());

        assertEquals(2, jobs.moved("team", "renamed").size());
        assertEquals("renamed/site", registry().find("", "a-tls").orElseThrow().template().job());
        assertEquals("renamed/site-two", registry().find("", "b-tls").orElseThrow().template().job());

        assertEquals(1, jobs.deleted("renamed/site").size());
        assertTrue(registry().find("", "a-tls").isEmpty());
        assertEquals("renamed/site-two is not inside renamed/site", "renamed/site-two",
                registry().find("", "b-tls").orElseThrow().template().job());
        assertEquals("other/job", registry().find("", "c-tls").orElseThrow().template().job());
    }
}
