package io.github.acmecertificate.core.it;

import static io.github.acmecertificate.core.it.Issuance.assertChainsTo;
import static io.github.acmecertificate.core.it.Issuance.assertKeyMatches;
import static io.github.acmecertificate.core.it.Issuance.assertNames;
import static io.github.acmecertificate.core.it.Issuance.request;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.github.acmecertificate.core.CertificateProvisioner;
import io.github.acmecertificate.core.ProvisionResult;
import io.github.acmecertificate.core.ProvisionResult.Outcome;
import io.github.acmecertificate.core.challenge.Http01StandaloneSolver;
import io.github.acmecertificate.core.challenge.Http01WebrootSolver;
import io.github.acmecertificate.core.event.ProgressEvent.Stage;
import io.github.acmecertificate.core.exception.AcmeProblemException;
import io.github.acmecertificate.core.key.KeyType;
import io.github.acmecertificate.core.renewal.RenewalDecision.Reason;
import io.github.acmecertificate.core.renewal.RenewalInfoCheck;
import io.github.acmecertificate.core.renewal.RenewalPolicy;
import io.github.acmecertificate.core.store.FileStore;
import io.github.acmecertificate.core.store.Pkcs12;
import io.github.acmecertificate.core.store.StoredCertificate;
import io.github.acmecertificate.testca.PebbleResource;
import io.github.acmecertificate.testca.StaticFileServer;
import org.junit.Before;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.shredzone.acme4j.util.CSRBuilder;

/** Issuance against a real ACME CA (Pebble), through the core alone. */
public class IssuancePebbleTest {

    @ClassRule
    public static PebbleResource pebble = new PebbleResource();

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private FileStore store;
    private CertificateProvisioner provisioner;
    private final Issuance.Events events = new Issuance.Events();

    @Before
    public void setUp() {
        store = new FileStore(Issuance.storeIn(temp));
        provisioner = new CertificateProvisioner(store);
    }

    @Test
    public void issuesAChainThatValidatesToTheCaRoot() throws Exception {
        var result = provisioner.provision(request(pebble.get(), "example.test", "www.example.test").build(), events);
        assertEquals(Outcome.ISSUED, result.outcome());
        var bundle = result.bundle();
        assertChainsTo(bundle.chain(), pebble.get().issuingRoots().get(0));
        assertKeyMatches(bundle.privateKey().orElseThrow(), bundle.certificate().getPublicKey());
        assertNames(bundle.certificate(), "example.test", "www.example.test");
        assertEquals(KeyType.EC_P256, KeyType.of(bundle.certificate().getPublicKey()).orElseThrow());

        var loaded = store.load("example.test").orElseThrow();
        assertEquals(bundle.chain(), loaded.chain());
        var dir = store.certificateDirectory("example.test");
        var password = store.keystorePassword("example.test").orElseThrow();
        var keystore = Pkcs12.decode(Files.readAllBytes(dir.resolve(FileStore.KEYSTORE)), password);
        assertEquals(bundle.certificate(), keystore.getCertificate("example.test"));

        for (var stage : List.of(Stage.DUE, Stage.ACCOUNT, Stage.ORDER, Stage.AUTHORIZATION, Stage.CHALLENGE,
                Stage.FINALIZE, Stage.DOWNLOAD, Stage.STORED)) {
            assertTrue("reports " + stage, events.has(stage));
        }
        var log = events.text();
        var keyBase64 = Base64.getEncoder().encodeToString(bundle.privateKey().get().getEncoded());
        assertFalse("no key material in the progress", log.contains(keyBase64.substring(10, 40)));
        assertFalse("no keystore password in the progress", log.contains(new String(password)));
        assertTrue(result.summary(), result.summary().startsWith("example.test: issued for example.test, www.example.test"));
    }

    @Test
    public void secondRunSendsNothingAndSaysWhenItIsDue() throws Exception {
        provisioner.provision(request(pebble.get(), "quiet.test").build(), events);
        long before = pebble.get().requestCount("");
        var second = provisioner.provision(request(pebble.get(), "quiet.test").build(), events);
        assertEquals(Outcome.NOT_DUE, second.outcome());
        assertEquals("not a single request reached the CA", before, pebble.get().requestCount(""));
        assertTrue(events.text(), events.text().contains("renewal is due from " + second.decision().dueAt().get()));
        assertFalse(second.changed());
    }

    @Test
    public void notDueIsDecidedFromTheMetadataWithoutReadingAnyPem() throws Exception {
        var first = provisioner.provision(request(pebble.get(), "lean.test").build(), events);
        var id = RenewalInfoCheck.certificateId(first.bundle().certificate()).orElseThrow();
        assertEquals("the store keeps the certificate's ARI identifier beside it",
                Optional.of(id), store.stored("lean.test").map(StoredCertificate::renewalInfoId));
        var dir = store.certificateDirectory("lean.test");
        for (var file : List.of(FileStore.CERT, FileStore.CHAIN, FileStore.PRIVKEY)) {
            Files.writeString(dir.resolve(file), "not PEM: a run that parsed this would fail\n");
        }
        long before = pebble.get().requestCount("");

        var second = provisioner.provision(request(pebble.get(), "lean.test").build(), events);

        assertEquals(Outcome.NOT_DUE, second.outcome());
        assertEquals(before, pebble.get().requestCount(""));
        var certificate = first.bundle().certificate();
        assertEquals("the same date as the certificate itself gives",
                Optional.of(new RenewalPolicy(null, false).dueAt(certificate)), second.decision().dueAt());
        assertEquals(first.notAfter(), second.notAfter());
        assertTrue(second.summary(), second.summary().startsWith("lean.test: not due (renewal from "));
        var deferred = assertThrows("the certificate is read only when a caller asks for it",
                IllegalStateException.class, second::bundle);
        assertTrue(deferred.getMessage(), deferred.getMessage().contains(dir.toString()));
    }

    @Test
    public void aStoreWithoutTheIdentifierIsDecidedFromTheCertificateAlike() throws Exception {
        var first = provisioner.provision(request(pebble.get(), "older.test").build(), events);
        var metadata = store.certificateDirectory("older.test").resolve(FileStore.METADATA);
        Files.writeString(metadata, Files.readString(metadata).replaceAll("(?m)^ariCertificateId=.*\n", ""));
        assertEquals(Optional.empty(), store.stored("older.test"));

        var second = provisioner.provision(request(pebble.get(), "older.test").build(), events);

        assertEquals(Outcome.NOT_DUE, second.outcome());
        assertEquals(first.bundle().certificate(), second.bundle().certificate());
    }

    @Test
    public void storedRenewalAdviceThatHasComeMakesTheLeanPathOrder() throws Exception {
        var first = provisioner.provision(request(pebble.get(), "advised.test").build(), events);
        var id = store.stored("advised.test").orElseThrow().renewalInfoId();
        var now = Instant.now();
        var state = store.loadState("advised.test").orElseThrow().withRenewalInfo(id, now.minusSeconds(120),
                now.plusSeconds(3600), now.minusSeconds(60), now.plusSeconds(3600));
        store.saveState("advised.test", state);

        var second = provisioner.provision(request(pebble.get(), "advised.test").build(), events);

        assertEquals(Outcome.RENEWED, second.outcome());
        assertEquals(Reason.CA_SUGGESTED, second.decision().reason());
        assertNotEquals(first.bundle().certificate(), second.bundle().certificate());
    }

    @Test
    public void laterRunsOfOneProvisionerReuseItsSessionToTheCa() throws Exception {
        provisioner.provision(request(pebble.get(), "first.reuse.test").build(), events);
        long directories = pebble.get().requestCount("GET /dir");
        long nonces = pebble.get().requestCount("HEAD /nonce-plz");
        long orders = pebble.get().requestCount("POST /order-plz");

        var second = provisioner.provision(request(pebble.get(), "second.reuse.test").build(), events);

        assertEquals(Outcome.ISSUED, second.outcome());
        assertEquals("one more order", orders + 1, pebble.get().requestCount("POST /order-plz"));
        assertEquals("the directory is not fetched again", directories, pebble.get().requestCount("GET /dir"));
        assertEquals("the nonce of the last response is used", nonces,
                pebble.get().requestCount("HEAD /nonce-plz"));
        assertEquals("a new provisioner opens its own session", directories + 1, countAfterOneRunOfANewProvisioner());
    }

    private long countAfterOneRunOfANewProvisioner() throws Exception {
        new CertificateProvisioner(store).provision(request(pebble.get(), "third.reuse.test").build(), events);
        return pebble.get().requestCount("GET /dir");
    }

    @Test
    public void forcedRunRenewsWithANewKeyOrTheKeptOne() throws Exception {
        var first = provisioner.provision(request(pebble.get(), "force.test").build(), events);
        long orders = pebble.get().requestCount("POST /order-plz");
        var forced = provisioner.provision(request(pebble.get(), "force.test").force(true).build(), events);
        assertEquals(Outcome.RENEWED, forced.outcome());
        assertEquals(Reason.FORCED, forced.decision().reason());
        assertEquals(orders + 1, pebble.get().requestCount("POST /order-plz"));
        assertNotEquals(first.bundle().serialNumber(), forced.bundle().serialNumber());
        assertNotEquals("a new key by default", first.bundle().certificate().getPublicKey(),
                forced.bundle().certificate().getPublicKey());
        var kept = provisioner.provision(request(pebble.get(), "force.test").force(true).reuseKey(true).build(), events);
        assertEquals(forced.bundle().certificate().getPublicKey(), kept.bundle().certificate().getPublicKey());
        assertEquals(kept.bundle().serialNumber(), store.load("force.test").orElseThrow().serialNumber());
    }

    @Test
    public void changedNamesOrKeyTypeRenew() throws Exception {
        provisioner.provision(request(pebble.get(), "names.test").name("names").build(), events);
        var more = provisioner.provision(request(pebble.get(), "names.test", "www.names.test").name("names").build(), events);
        assertEquals(Reason.NAMES_CHANGED, more.decision().reason());
        assertNames(more.bundle().certificate(), "names.test", "www.names.test");
        var rsa = provisioner.provision(request(pebble.get(), "names.test", "www.names.test").name("names")
                .keyType("rsa-2048").build(), events);
        assertEquals(Reason.KEY_TYPE_CHANGED, rsa.decision().reason());
        assertEquals(KeyType.RSA_2048, KeyType.of(rsa.bundle().certificate().getPublicKey()).orElseThrow());
        assertKeyMatches(rsa.bundle().privateKey().orElseThrow(), rsa.bundle().certificate().getPublicKey());
    }

    @Test
    public void theAccountIsRegisteredOnceAndReused() throws Exception {
        long registrations = pebble.get().requestCount("POST /sign-me-up");
        provisioner.provision(request(pebble.get(), "acct-a.test").build(), events);
        provisioner.provision(request(pebble.get(), "acct-b.test").build(), events);
        assertEquals(registrations + 1, pebble.get().requestCount("POST /sign-me-up"));
    }

    @Test
    public void ipAddressesAndP384Keys() throws Exception {
        var result = provisioner.provision(request(pebble.get(), "127.0.0.1").keyType("ec-p384").build(), events);
        assertEquals("127.0.0.1", result.bundle().metadata().name());
        assertNames(result.bundle().certificate(), "127.0.0.1");
        assertEquals(KeyType.EC_P384, KeyType.of(result.bundle().certificate().getPublicKey()).orElseThrow());
    }

    @Test
    public void suppliedCsrIsUsedAndNoKeyIsStored() throws Exception {
        var key = KeyType.EC_P256.generate();
        var csr = new CSRBuilder();
        csr.addDomains("csr.test", "www.csr.test");
        csr.sign(key);
        var file = temp.newFile("request.csr").toPath();
        try (var writer = Files.newBufferedWriter(file)) {
            csr.write(writer);
        }
        var builder = io.github.acmecertificate.core.CertificateRequest.builder()
                .server(pebble.get().directoryUri().toString()).serverTrust(pebble.get().trustRootPem())
                .acceptTermsOfService(true).csr(file)
                .challenge(new Http01StandaloneSolver("127.0.0.1", pebble.get().httpPort()));
        var result = provisioner.provision(builder.build(), events);
        assertEquals(key.getPublic(), result.bundle().certificate().getPublicKey());
        assertNames(result.bundle().certificate(), "csr.test", "www.csr.test");
        assertFalse(Files.exists(store.certificateDirectory("csr.test").resolve(FileStore.PRIVKEY)));
        assertTrue(Files.exists(store.certificateDirectory("csr.test").resolve(FileStore.FULLCHAIN)));
    }

    @Test
    public void webrootTokensAreServedByAWebServerAndRemoved() throws Exception {
        var webroot = temp.newFolder("www").toPath();
        try (var server = StaticFileServer.start(webroot, pebble.get().httpPort())) {
            var request = request(pebble.get(), "webroot.test").challenge(new Http01WebrootSolver(webroot)).build();
            var result = provisioner.provision(request, events);
            assertEquals(Outcome.ISSUED, result.outcome());
            assertTrue(server.requests().stream().anyMatch(p -> p.startsWith("/.well-known/acme-challenge/")));
        }
        assertFalse("tokens and the folders created for them are gone",
                Files.exists(webroot.resolve(".well-known")));
    }

    @Test
    public void concurrentRunsOrderOnce() throws Exception {
        long orders = pebble.get().requestCount("POST /order-plz");
        var pool = Executors.newFixedThreadPool(2);
        try {
            var runs = new ArrayList<Future<ProvisionResult>>();
            for (int i = 0; i < 2; i++) {
                // Two builds on one machine: separate provisioners and stores over the same folder.
                Callable<ProvisionResult> run = () -> new CertificateProvisioner(new FileStore(Issuance.storeIn(temp)))
                        .provision(request(pebble.get(), "race.test")
                                .build(), events);
                runs.add(pool.submit(run));
            }
            var outcomes = new ArrayList<Outcome>();
            for (var run : runs) {
                outcomes.add(run.get().outcome());
            }
            assertTrue(outcomes.toString(), outcomes.contains(Outcome.ISSUED) && outcomes.contains(Outcome.NOT_DUE));
            assertEquals(orders + 1, pebble.get().requestCount("POST /order-plz"));
            assertEquals(runs.get(0).get().bundle().serialNumber(), runs.get(1).get().bundle().serialNumber());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    public void failedChallengeKeepsTheStoredCertificate() throws Exception {
        var first = provisioner.provision(request(pebble.get(), "keep.test").build(), events);
        var dir = store.certificateDirectory("keep.test");
        var fullchain = Files.readAllBytes(dir.resolve(FileStore.FULLCHAIN));
        var key = Files.readAllBytes(dir.resolve(FileStore.PRIVKEY));
        // Answer on a port nobody validates: the CA cannot connect.
        var wrongPort = new Http01StandaloneSolver("127.0.0.1", freePort());
        var ex = assertThrows(AcmeProblemException.class, () -> provisioner.provision(
                request(pebble.get(), "keep.test").challenge(wrongPort).force(true).build(), events));
        assertEquals(ex.getMessage(), AcmeProblemException.Kind.CONNECTION, ex.kind());
        assertTrue(ex.getMessage(), ex.getMessage().contains("keep.test"));
        assertArrayEquals(fullchain, Files.readAllBytes(dir.resolve(FileStore.FULLCHAIN)));
        assertArrayEquals(key, Files.readAllBytes(dir.resolve(FileStore.PRIVKEY)));
        assertEquals(first.bundle().serialNumber(), store.load("keep.test").orElseThrow().serialNumber());
    }

    @Test
    public void badInputSendsNothingAndWritesNothing() throws Exception {
        long before = pebble.get().requestCount("");
        var ex = assertThrows(io.github.acmecertificate.core.exception.InvalidInputException.class,
                () -> provisioner.provision(request(pebble.get(), "bad input.test").build(), events));
        assertEquals("domains", ex.field());
        assertEquals(before, pebble.get().requestCount(""));
        assertFalse(Files.exists(Issuance.storeIn(temp)));
    }

    static int freePort() throws IOException {
        try (var socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
