package io.github.acmecertificate.jenkins.status;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;

import io.github.acmecertificate.core.CertificateDescription;
import io.github.acmecertificate.core.exception.InvalidInputException;
import io.github.acmecertificate.jenkins.challenge.TestChallenges;
import io.github.acmecertificate.jenkins.credentials.CredentialLookup;
import io.github.acmecertificate.jenkins.managed.ManagedCertificateRegistry;
import io.github.acmecertificate.jenkins.run.CertificateRun;
import io.github.acmecertificate.jenkins.run.GlobalSettings;
import io.github.acmecertificate.jenkins.run.PrintStreamProgress;
import io.github.acmecertificate.jenkins.run.ServerSettings;
import io.github.acmecertificate.jenkins.managed.CertificateSettings;
import io.github.acmecertificate.jenkins.run.StepResult;
import io.github.acmecertificate.core.store.credentials.InMemoryCredentials;
import io.github.acmecertificate.testca.PebbleFront;
import io.github.acmecertificate.testca.PebbleResource;
import org.junit.After;
import org.junit.Before;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The step's {@code profile}, against Pebble behind the test front that lists profiles and offers
 * renewal information: sent with the order, kept in the managed record, and a change renews.
 * The run keeps the CA's renewal information beside the record, so the status shows the CA's window.
 */
public class ProfileFrontPebbleTest {

    @ClassRule
    public static PebbleResource pebble = new PebbleResource();

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private PebbleFront front;
    private GlobalSettings settings;
    private ManagedCertificateRegistry registry;
    private final InMemoryCredentials credentials = new InMemoryCredentials();
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();

    @Before
    public void setUp() throws Exception {
        front = PebbleFront.start(pebble.get());
        var profiles = new LinkedHashMap<String, String>();
        profiles.put("classic", "90 days");
        profiles.put("shortlived", "about six days");
        front.offerProfiles(profiles);
        settings = new GlobalSettings(List.of(new ServerSettings("front", front.directoryUri().toString(),
                Files.readString(front.trustRootPem()), null, null)), "front", null, null);
        registry = new ManagedCertificateRegistry(temp.getRoot().toPath().resolve("managed"));
    }

    @After
    public void tearDown() {
        front.close();
    }

    private StepResult run(String profile) throws Exception {
        var parameters = CertificateDescription.builder().domains("profile.example.test").server("front")
                .acceptTermsOfService(true).name("web-tls")
                .challenge(TestChallenges.http01("127.0.0.1", pebble.get().httpPort())).profile(profile).build();
        return new CertificateRun(credentials, CredentialLookup.NONE, registry, Clock.systemUTC())
                .run(new CertificateSettings(parameters, ""), settings, "site #1",
                        new PrintStreamProgress(new PrintStream(log, true, StandardCharsets.UTF_8)));
    }

    @Test
    public void theProfileIsOrderedKeptAndAChangeRenews() throws Exception {
        assertTrue(run("classic").renewed());
        assertTrue(front.newOrderPayloads().get(0).contains("\"profile\":\"classic\""));
        var record = registry.find("", "web-tls").orElseThrow();
        assertEquals("classic", record.template().certificate().profile());
        assertEquals(Optional.of("classic"), record.metadata().profile());

        assertFalse("same profile: not due", run("classic").renewed());
        assertEquals(1, front.newOrderPayloads().size());

        assertTrue(run("shortlived").renewed());
        assertEquals(2, front.newOrderPayloads().size());
        assertTrue(front.newOrderPayloads().get(1).contains("\"profile\":\"shortlived\""));
        assertTrue(log.toString(StandardCharsets.UTF_8).contains("ordered with the profile 'classic', not the "
                + "profile 'shortlived'"));
        assertEquals("shortlived", registry.find("", "web-tls").orElseThrow().template().certificate().profile());
    }

    @Test
    public void anUnknownProfileFailsTheStepWithTheOffer() {
        var ex = assertThrows(InvalidInputException.class, () -> run("tlsserver"));
        assertTrue(ex.getMessage(), ex.getMessage().contains("classic (90 days), shortlived (about six days)"));
        assertEquals(0, front.newOrderPayloads().size());
    }

    @Test
    public void theCasWindowIsKeptAndShown() throws Exception {
        assertTrue(run(null).renewed());
        var start = java.time.Instant.now().plusSeconds(3600);
        front.suggestWindow(start, start.plusSeconds(3600), java.time.Duration.ofHours(2));
        var states = ManagedStates.beside(registry);
        // The issuance schedules the first renewal-information check; make it due now.
        var kept = states.load("", "web-tls").orElseThrow();
        states.around(null, "").saveState("web-tls", new io.github.acmecertificate.core.store.RenewalState(
                kept.ariCertificateId(), kept.ariWindowStart(), kept.ariWindowEnd(), kept.ariChosenTime(),
                Optional.of(java.time.Instant.now().minusSeconds(1)), kept.lastRun(), kept.lastResult(),
                kept.lastError(), kept.failures(), kept.nextAttempt(), kept.revokedAt(), kept.revocationReason()));
        assertFalse(run(null).renewed());
        assertEquals(1, front.renewalInfoRequests().size());
        var status = ManagedStatus.of(registry.find("", "web-tls").orElseThrow(), states, java.time.Instant.now());
        var renewAt = java.time.Instant.parse(status.getRenewAt());
        assertFalse(status.getRenewAt(), renewAt.isBefore(start));
        assertFalse(status.getRenewAt(), renewAt.isAfter(start.plusSeconds(3600)));
    }
}
