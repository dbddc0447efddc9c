package io.github.acmecertificate.core.it;

import static io.github.acmecertificate.core.it.Issuance.request;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;

import io.github.acmecertificate.core.CertificateProvisioner;
import io.github.acmecertificate.core.ProvisionResult.Outcome;
import io.github.acmecertificate.core.account.AccountAdministration;
import io.github.acmecertificate.core.ca.CertificateAuthority;
import io.github.acmecertificate.core.exception.InvalidInputException;
import io.github.acmecertificate.core.key.KeyType;
import io.github.acmecertificate.core.order.CertificateRevoker;
import io.github.acmecertificate.core.order.CertificateRevoker.SigningKey;
import io.github.acmecertificate.core.order.RevocationReason;
import io.github.acmecertificate.core.renewal.RenewalDecision.Reason;
import io.github.acmecertificate.core.store.AccountRecord;
import io.github.acmecertificate.core.store.FileStore;
import io.github.acmecertificate.testca.PebbleResource;
import org.junit.Before;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.shredzone.acme4j.exception.AcmeException;

/** Revocation, account key rollover and deactivation against Pebble itself. */
public class RevocationAndAccountPebbleTest {

    @ClassRule
    public static PebbleResource pebble = new PebbleResource();

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private FileStore store;
    private CertificateAuthority ca;

    @Before
    public void setUp() throws Exception {
        store = new FileStore(Issuance.storeIn(temp));
        ca = CertificateAuthority.of(pebble.get().directoryUri().toString(), pebble.get().trustRootPem());
    }

    /** Asks Pebble's management API whether it considers the certificate revoked. */
    private static String status(X509Certificate certificate) throws Exception {
        var client = HttpClient.newBuilder().sslContext(pebble.get().sslContext()).build();
        var uri = URI.create("https://localhost:" + pebble.get().managementPort() + "/cert-status-by-serial/"
                + certificate.getSerialNumber().toString(16));
        return client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    @Test
    public void revokesWithTheAccountKeyRecordsItAndTheNextRunReplacesIt() throws Exception {
        var provisioner = new CertificateProvisioner(store);
        var issued = provisioner.provision(request(pebble.get(), "revoke.example.test").build(), new Issuance.Events());
        var revocations = pebble.get().requestCount("POST /revoke-cert");
        assertTrue(status(issued.bundle().certificate()), status(issued.bundle().certificate()).contains("Valid"));

        var events = new Issuance.Events();
        new CertificateRevoker(store, store, Clock.systemUTC()).revoke("revoke.example.test", ca,
                RevocationReason.SUPERSEDED, SigningKey.ACCOUNT, events);

        assertEquals(revocations + 1, pebble.get().requestCount("POST /revoke-cert"));
        assertTrue(status(issued.bundle().certificate()), status(issued.bundle().certificate()).contains("Revoked"));
        var state = store.loadState("revoke.example.test").orElseThrow();
        assertEquals("superseded", state.revocationReason().orElseThrow());
        assertTrue(events.text(), events.text().contains("Revoked certificate revoke.example.test"));

        var again = assertThrows(InvalidInputException.class, () -> new CertificateRevoker(store, store,
                Clock.systemUTC()).revoke("revoke.example.test", ca, RevocationReason.SUPERSEDED,
                        SigningKey.ACCOUNT, new Issuance.Events()));
        assertTrue(again.getMessage(), again.getMessage().contains("already revoked"));

        var renewed = provisioner.provision(request(pebble.get(), "revoke.example.test").build(),
                new Issuance.Events());
        assertEquals(Outcome.RENEWED, renewed.outcome());
        assertEquals(Reason.REVOKED, renewed.decision().reason());
        assertTrue(store.loadState("revoke.example.test").orElseThrow().revokedAt().isEmpty());
    }

    @Test
    public void revokesWithTheCertificatesOwnKey() throws Exception {
        var issued = new CertificateProvisioner(store).provision(request(pebble.get(), "own-key.example.test").build(),
                new Issuance.Events());
        // No account is needed: remove it, as when the account key is lost.
        store.deleteAccount(ca.storeKey());
        new CertificateRevoker(store, store, Clock.systemUTC()).revoke("own-key.example.test", ca,
                RevocationReason.KEY_COMPROMISE, SigningKey.CERTIFICATE, new Issuance.Events());
        assertTrue(status(issued.bundle().certificate()).contains("Revoked"));
        assertEquals("keyCompromise", store.loadState("own-key.example.test").orElseThrow().revocationReason()
                .orElseThrow());
    }

    @Test
    public void aRevocationForAnotherCaIsRefusedBeforeAnyRequest() throws Exception {
        new CertificateProvisioner(store).provision(request(pebble.get(), "other.example.test").build(),
                new Issuance.Events());
        var before = pebble.get().requestCount("");
        var ex = assertThrows(InvalidInputException.class, () -> new CertificateRevoker(store, store,
                Clock.systemUTC()).revoke("other.example.test", CertificateAuthority.of("letsencrypt", null),
                        RevocationReason.UNSPECIFIED, SigningKey.ACCOUNT, new Issuance.Events()));
        assertEquals("server", ex.field());
        assertEquals(before, pebble.get().requestCount(""));
    }

    @Test
    public void rollsTheAccountKeyOverAndKeepsUsingTheAccount() throws Exception {
        var provisioner = new CertificateProvisioner(store);
        provisioner.provision(request(pebble.get(), "rollover.example.test").build(), new Issuance.Events());
        var before = store.loadAccount(ca.storeKey()).orElseThrow();

        var location = new AccountAdministration(store, Duration.ofSeconds(30)).rollOver(ca, new Issuance.Events());

        var after = store.loadAccount(ca.storeKey()).orElseThrow();
        assertEquals(before.location().orElseThrow(), location);
        assertEquals(location, after.location().orElseThrow());
        assertFalse(java.util.Arrays.equals(before.keyPair().getPublic().getEncoded(),
                after.keyPair().getPublic().getEncoded()));
        assertTrue("no pending copy is left", store.loadAccount(ca.storeKey() + AccountAdministration.PENDING).isEmpty());
        var session = ca.openSession(Duration.ofSeconds(30));
        assertThrows(AcmeException.class, () -> session.login(location, before.keyPair()).getAccount().fetch());

        var registrations = pebble.get().requestCount("POST /sign-me-up");
        var renewed = provisioner.provision(request(pebble.get(), "rollover.example.test").force(true).build(),
                new Issuance.Events());
        assertEquals(Outcome.RENEWED, renewed.outcome());
        assertEquals("the same account, with its new key", location.toString(),
                renewed.bundle().metadata().accountUrl().orElseThrow());
        assertEquals(registrations, pebble.get().requestCount("POST /sign-me-up"));
    }

    @Test
    public void aRolloverKilledAfterTheCaAcceptedIsFinishedByTheNextOne() throws Exception {
        new CertificateProvisioner(store).provision(request(pebble.get(), "killed.example.test").build(),
                new Issuance.Events());
        var stored = store.loadAccount(ca.storeKey()).orElseThrow();
        var location = stored.location().orElseThrow();
        // The CA accepted key K, but the run died before storing it: K is only in the pending record.
        var accepted = KeyType.EC_P256.generate();
        store.saveAccount(ca.storeKey() + AccountAdministration.PENDING, new AccountRecord(accepted, location));
        ca.openSession(Duration.ofSeconds(30)).login(location, stored.keyPair()).getAccount().changeKey(accepted);

        var events = new Issuance.Events();
        new AccountAdministration(store, Duration.ofSeconds(30)).rollOver(ca, events);
        assertTrue(events.text(), events.text().contains("An earlier key rollover"));
        var now = store.loadAccount(ca.storeKey()).orElseThrow();
        ca.openSession(Duration.ofSeconds(30)).login(location, now.keyPair()).getAccount().fetch();
    }

    @Test
    public void aPendingKeyTheCaNeverAcceptedIsDiscarded() throws Exception {
        new CertificateProvisioner(store).provision(request(pebble.get(), "stale.example.test").build(),
                new Issuance.Events());
        var stored = store.loadAccount(ca.storeKey()).orElseThrow();
        store.saveAccount(ca.storeKey() + AccountAdministration.PENDING,
                new AccountRecord(KeyType.EC_P256.generate(), stored.location().orElseThrow()));
        var events = new Issuance.Events();
        new AccountAdministration(store, Duration.ofSeconds(30)).rollOver(ca, events);
        assertTrue(events.text(), events.text().contains("Discarded the key of an earlier rollover"));
        var now = store.loadAccount(ca.storeKey()).orElseThrow();
        ca.openSession(Duration.ofSeconds(30)).login(stored.location().orElseThrow(), now.keyPair()).getAccount()
                .fetch();
    }

    @Test
    public void deactivatesTheAccountAndTheNextIssuanceRegistersANewOne() throws Exception {
        var provisioner = new CertificateProvisioner(store);
        provisioner.provision(request(pebble.get(), "deactivate.example.test").build(), new Issuance.Events());
        var before = store.loadAccount(ca.storeKey()).orElseThrow();

        var location = new AccountAdministration(store, Duration.ofSeconds(30)).deactivate(ca, new Issuance.Events());

        assertEquals(before.location().orElseThrow(), location);
        assertTrue(store.loadAccount(ca.storeKey()).isEmpty());
        var kept = store.loadAccount(ca.storeKey() + AccountAdministration.DEACTIVATED).orElseThrow();
        assertArrayEquals(before.keyPair().getPublic().getEncoded(), kept.keyPair().getPublic().getEncoded());
        var session = ca.openSession(Duration.ofSeconds(30));
        assertThrows(AcmeException.class, () -> session.login(location, before.keyPair()).newOrder()
                .domain("deactivate.example.test").create());

        var registrations = pebble.get().requestCount("POST /sign-me-up");
        var renewed = provisioner.provision(request(pebble.get(), "deactivate.example.test").force(true).build(),
                new Issuance.Events());
        assertEquals(registrations + 1, pebble.get().requestCount("POST /sign-me-up"));
        assertFalse(location.toString().equals(renewed.bundle().metadata().accountUrl().orElseThrow()));
    }

    @Test
    public void withoutAStoredAccountTheMessageSaysSo() throws Exception {
        var ex = assertThrows(InvalidInputException.class,
                () -> new AccountAdministration(store, Duration.ofSeconds(30)).rollOver(ca, new Issuance.Events()));
        assertEquals("server", ex.field());
        assertTrue(ex.getMessage(), ex.getMessage().contains("no registered account"));
    }
}
