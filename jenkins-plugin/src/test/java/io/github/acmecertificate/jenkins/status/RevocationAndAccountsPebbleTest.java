package io.github.acmecertificate.jenkins.status;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import io.github.acmecertificate.core.CertificateDescription;
import io.github.acmecertificate.core.ca.CertificateAuthority;
import io.github.acmecertificate.core.exception.InvalidInputException;
import io.github.acmecertificate.core.exception.StoreException;
import io.github.acmecertificate.core.renewal.RenewalDecision.Reason;
import io.github.acmecertificate.jenkins.challenge.TestChallenges;
import io.github.acmecertificate.jenkins.credentials.CredentialLookup;
import io.github.acmecertificate.jenkins.managed.ManagedCertificateRegistry;
import io.github.acmecertificate.jenkins.run.CertificateRun;
import io.github.acmecertificate.jenkins.run.GlobalSettings;
import io.github.acmecertificate.jenkins.run.PrintStreamProgress;
import io.github.acmecertificate.jenkins.run.ServerSettings;
import io.github.acmecertificate.jenkins.managed.CertificateSettings;
import io.github.acmecertificate.jenkins.security.BuildAuthorization;
import io.github.acmecertificate.jenkins.security.BuildAuthorization.Identity;
import io.github.acmecertificate.jenkins.security.RunGuard;
import io.github.acmecertificate.core.store.credentials.InMemoryCredentials;
import io.github.acmecertificate.core.store.credentials.OwnedCredentials;
import io.github.acmecertificate.core.store.credentials.SecretTextEntry;
import io.github.acmecertificate.testca.PebbleResource;
import org.junit.Before;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Revoking a managed certificate from its credential, and rolling over or deactivating the
 * account whose key a credential keeps, against Pebble: the revocation is recorded so that the
 * next run replaces the certificate and the status shows it, and the account key is replaced
 * only once the CA accepted it (the next order signs with it).
 */
public class RevocationAndAccountsPebbleTest {

    private static final String JOB = "team/site";

    @ClassRule
    public static PebbleResource pebble = new PebbleResource();

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private final InMemoryCredentials credentials = new InMemoryCredentials();
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8);
    private ManagedCertificateRegistry registry;
    private ManagedStates states;
    private GlobalSettings settings;

    @Before
    public void setUp() throws Exception {
        registry = new ManagedCertificateRegistry(temp.getRoot().toPath().resolve("managed"));
        states = ManagedStates.beside(registry);
        settings = new GlobalSettings(List.of(new ServerSettings("pebble", pebble.get().directoryUri().toString(),
                Files.readString(pebble.get().trustRootPem()), null, null)), "pebble", null, null);
    }

    private RunGuard guard(Identity identity) {
        return new RunGuard(new BuildAuthorization(identity, identity.name(), Set.of()),
                new OwnedCredentials(temp.getRoot().toPath().resolve("owned")));
    }

    private CertificateRun.Solvers solvers() {
        return null;
    }

    private io.github.acmecertificate.jenkins.run.StepResult issue(String id, boolean force) throws Exception {
        var parameters = new CertificateSettings(CertificateDescription.builder().domains(id + ".example.test")
                .server("pebble").acceptTermsOfService(true).name(id)
                .challenge(TestChallenges.http01("127.0.0.1", pebble.get().httpPort())).force(force).build(), JOB);
        return new CertificateRun(credentials, CredentialLookup.NONE, registry, Clock.systemUTC())
                .guard(guard(Identity.SYSTEM)).solvers(solvers())
                .run(parameters, settings, JOB + " #1", new PrintStreamProgress(out));
    }

    private Revocation revocation(Identity identity) {
        return new Revocation(credentials, registry, states, guard(identity), false, Clock.systemUTC());
    }

    private String accountId() throws Exception {
        return CertificateRun.defaultAccountCredentialsId(CertificateAuthority.of(
                pebble.get().directoryUri().toString(), null));
    }

    private String accountDocument() throws Exception {
        return ((SecretTextEntry) credentials.raw(accountId()).orElseThrow()).secret();
    }

    @Test
    public void aRevokedCertificateIsRecordedShownAndReplacedByTheNextRun() throws Exception {
        var first = issue("revoke", false);
        var message = revocation(Identity.SYSTEM).revoke(new Revocation.Request("revoke", "keyCompromise", false,
                null, null), settings, JOB, JOB + " #2", new PrintStreamProgress(out));
        assertTrue(message, message.contains("Revoked certificate revoke (serial " + first.serialNumber()
                + ", reason keyCompromise, signed with the account key)"));

        var state = states.load("", "revoke").orElseThrow();
        assertTrue(state.revokedAt().isPresent());
        assertEquals(java.util.Optional.of("keyCompromise"), state.revocationReason());
        var record = registry.find("", "revoke").orElseThrow();
        assertTrue(record.lastRun().message().startsWith("Revoked certificate revoke"));
        var status = ManagedStatus.of(record, states, Instant.now());
        assertFalse(status.isHealthy());
        assertTrue(status.getProblems(), status.getProblems().contains("(keyCompromise)"));
        assertEquals(Reason.REVOKED, ManagedStatus.decide(record, states, Instant.now()).reason());

        var again = assertThrows(InvalidInputException.class, () -> revocation(Identity.SYSTEM).revoke(
                new Revocation.Request("revoke", null, false, null, null), settings, JOB, JOB + " #3",
                new PrintStreamProgress(out)));
        assertTrue(again.getMessage(), again.getMessage().contains("already revoked"));

        var next = issue("revoke", false);
        assertTrue("the next run replaced the revoked certificate", next.renewed());
        assertNotEquals(first.serialNumber(), next.serialNumber());
        assertTrue(log.toString(StandardCharsets.UTF_8).contains("was revoked at"));
        assertTrue(ManagedStatus.of(registry.find("", "revoke").orElseThrow(), states, Instant.now()).isHealthy());
    }

    @Test
    public void theCertificatesOwnKeyCanSign() throws Exception {
        issue("ownkey", false);
        var message = revocation(Identity.SYSTEM).revoke(new Revocation.Request("ownkey", "superseded", true, null,
                null), settings, JOB, JOB + " #2", new PrintStreamProgress(out));
        assertTrue(message, message.contains("signed with the certificate's own key"));
        assertTrue(states.load("", "ownkey").orElseThrow().revokedAt().isPresent());
    }

    @Test
    public void anotherJobMayNotRevokeButAnAdministratorsBuildMay() throws Exception {
        issue("guarded", false);
        var refused = assertThrows(StoreException.class, () -> revocation(Identity.SYSTEM).revoke(
                new Revocation.Request("guarded", null, false, null, null), settings, "other/job", "other/job #1",
                new PrintStreamProgress(out)));
        assertTrue(refused.getMessage(), refused.getMessage().contains("only that job, or a build running as an "
                + "administrator, may revoke it"));
        assertTrue(states.load("", "guarded").orElseThrow().revokedAt().isEmpty());

        revocation(Identity.ADMINISTRATOR).revoke(new Revocation.Request("guarded", null, false, null, null),
                settings, "other/job", "admin #1", new PrintStreamProgress(out));
        assertTrue(states.load("", "guarded").orElseThrow().revokedAt().isPresent());
    }

    @Test
    public void aCredentialTheBuildMayNotUseIsNotRevoked() throws Exception {
        issue("hidden", false);
        credentials.hide("hidden");
        var refused = assertThrows(StoreException.class, () -> revocation(Identity.SYSTEM).revoke(
                new Revocation.Request("hidden", null, false, null, null), settings, JOB, JOB + " #2",
                new PrintStreamProgress(out)));
        assertTrue(refused.getMessage(), refused.getMessage().contains("this build may not use it"));
        assertTrue(states.load("", "hidden").orElseThrow().revokedAt().isEmpty());
    }

    @Test
    public void badInputIsRefusedBeforeAnythingIsRead() {
        var ex = assertThrows(InvalidInputException.class, () -> revocation(Identity.SYSTEM).revoke(
                new Revocation.Request("bad id", "sloppy", false, null, "also bad"), settings, JOB, JOB + " #1",
                new PrintStreamProgress(out)));
        assertEquals(List.of("credentialsId", "accountCredentialsId", "reason"),
                ex.problems().stream().map(InvalidInputException.Problem::field).toList());
        assertEquals("no credential was read", List.of(), credentials.log());

        var unmanaged = assertThrows(InvalidInputException.class, () -> revocation(Identity.SYSTEM).revoke(
                new Revocation.Request("never-issued", null, false, null, null), settings, JOB, JOB + " #1",
                new PrintStreamProgress(out)));
        assertTrue(unmanaged.getMessage(), unmanaged.getMessage().contains("not a certificate this plugin manages"));
    }

    @Test
    public void aRolloverReplacesTheStoredKeyWhichTheNextOrderUses() throws Exception {
        issue("roll", false);
        var before = accountDocument();
        var message = new AccountKeys(credentials, guard(Identity.ADMINISTRATOR)).run(AccountKeys.Action.ROLLOVER,
                "pebble", null, settings, new PrintStreamProgress(out));
        assertTrue(message, message.contains("has a new key"));
        var after = accountDocument();
        assertNotEquals(before, after);
        assertFalse("no pending key is left", after.contains(".rollover]"));
        assertEquals("the account itself is the same", location(before), location(after));
        var renewed = issue("roll", true);
        assertTrue("the CA accepts orders signed with the new key", renewed.renewed());
        assertEquals(after, accountDocument());
    }

    @Test
    public void aDeactivatedAccountIsKeptAsideAndTheNextRunRegistersAnother() throws Exception {
        issue("deact", false);
        var before = accountDocument();
        var message = new AccountKeys(credentials, guard(Identity.ADMINISTRATOR)).run(AccountKeys.Action.DEACTIVATE,
                "pebble", accountId(), settings, new PrintStreamProgress(out));
        assertTrue(message, message.contains("was deactivated"));
        var after = accountDocument();
        assertTrue(after, after.contains(".deactivated]"));
        assertEquals(location(before), location(after));
        assertTrue(issue("deact", true).renewed());
        assertNotEquals("a new account was registered", location(before), location(accountDocument()
                .replaceAll("(?s)\\[[^\\]]*\\.deactivated\\].*", "")));
    }

    @Test
    public void anAccountCredentialThePluginDidNotWriteIsNotTouched() throws Exception {
        credentials.preset(new SecretTextEntry("hand-made", "by hand", "not a key"));
        var ex = assertThrows(StoreException.class, () -> new AccountKeys(credentials,
                guard(Identity.ADMINISTRATOR)).run(AccountKeys.Action.ROLLOVER, "pebble", "hand-made", settings,
                new PrintStreamProgress(out)));
        assertTrue(ex.getMessage(), ex.getMessage().contains("was not written by the acmeCertificate step"));
        var missing = assertThrows(InvalidInputException.class, () -> new AccountKeys(credentials,
                guard(Identity.ADMINISTRATOR)).run(AccountKeys.Action.ROLLOVER, "pebble", "nothing-here", settings,
                new PrintStreamProgress(out)));
        assertEquals("accountCredentialsId", missing.problems().get(0).field());
    }

    private static String location(String document) {
        return document.lines().filter(l -> l.startsWith("location=")).findFirst().orElse("");
    }
}
