package io.github.acmecertificate.core.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;

import io.github.acmecertificate.core.CertificateProvisioner;
import io.github.acmecertificate.core.CertificateRequest;
import io.github.acmecertificate.core.ProvisionResult.Outcome;
import io.github.acmecertificate.core.challenge.Http01StandaloneSolver;
import io.github.acmecertificate.core.exception.InvalidInputException;
import io.github.acmecertificate.core.renewal.RenewalDecision.Reason;
import io.github.acmecertificate.core.store.FileStore;
import io.github.acmecertificate.testca.PebbleFront;
import io.github.acmecertificate.testca.PebbleResource;
import org.junit.After;
import org.junit.Before;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Certificate profiles, against Pebble behind the test front that lists them in the directory. */
public class ProfileFrontPebbleTest {

    @ClassRule
    public static PebbleResource pebble = new PebbleResource();

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private PebbleFront front;
    private CertificateProvisioner provisioner;
    private FileStore store;

    @Before
    public void setUp() throws Exception {
        front = PebbleFront.start(pebble.get());
        var profiles = new LinkedHashMap<String, String>();
        profiles.put("classic", "90 days");
        profiles.put("shortlived", "about six days");
        front.offerProfiles(profiles);
        store = new FileStore(Issuance.storeIn(temp));
        provisioner = new CertificateProvisioner(store);
    }

    @After
    public void tearDown() {
        front.close();
    }

    private CertificateRequest request(String name, String profile) throws Exception {
        return CertificateRequest.builder()
                .server(front.directoryUri().toString())
                .serverTrust(front.trustRootPem())
                .acceptTermsOfService(true)
                .domains(List.of(name))
                .profile(profile)
                .challenge(new Http01StandaloneSolver("127.0.0.1", pebble.get().httpPort()))
                .build();
    }

    @Test
    public void anOfferedProfileIsSentWithTheOrder() throws Exception {
        var result = provisioner.provision(request("profile.example.test", "shortlived"), new Issuance.Events());
        assertEquals(Outcome.ISSUED, result.outcome());
        assertEquals(1, front.newOrderPayloads().size());
        var payload = front.newOrderPayloads().get(0);
        assertTrue(payload, payload.contains("\"profile\":\"shortlived\""));
    }

    @Test
    public void aChangedProfileMakesTheStoredCertificateDue() throws Exception {
        var name = "switch.example.test";
        assertEquals(Outcome.ISSUED, provisioner.provision(request(name, "classic"), new Issuance.Events()).outcome());
        assertEquals(java.util.Optional.of("classic"), store.metadata(name).orElseThrow().profile());
        assertTrue(Files.readString(store.certificateDirectory(name).resolve(FileStore.METADATA))
                .contains("profile=classic"));

        var same = provisioner.provision(request(name, "classic"), new Issuance.Events());
        assertEquals(Outcome.NOT_DUE, same.outcome());
        assertEquals(1, front.newOrderPayloads().size());

        var changed = provisioner.provision(request(name, "shortlived"), new Issuance.Events());
        assertEquals(Outcome.RENEWED, changed.outcome());
        assertEquals(Reason.PROFILE_CHANGED, changed.decision().reason());
        assertTrue(changed.decision().detail(), changed.decision().detail().contains(
                "ordered with the profile 'classic', not the profile 'shortlived'"));
        assertEquals(2, front.newOrderPayloads().size());
        assertTrue(front.newOrderPayloads().get(1).contains("\"profile\":\"shortlived\""));
        assertEquals(java.util.Optional.of("shortlived"), store.metadata(name).orElseThrow().profile());

        var dropped = provisioner.provision(request(name, null), new Issuance.Events());
        assertEquals(Outcome.RENEWED, dropped.outcome());
        assertTrue(dropped.decision().detail(), dropped.decision().detail().contains("not the CA's default profile"));
        assertTrue(front.newOrderPayloads().get(2), !front.newOrderPayloads().get(2).contains("profile"));
        assertEquals(java.util.Optional.of(""), store.metadata(name).orElseThrow().profile());
        assertEquals(Outcome.NOT_DUE, provisioner.provision(request(name, null), new Issuance.Events()).outcome());
    }

    @Test
    public void metadataWithoutARecordedProfileIsNotRenewedForIt() throws Exception {
        var name = "legacy.example.test";
        assertEquals(Outcome.ISSUED, provisioner.provision(request(name, "classic"), new Issuance.Events()).outcome());
        var file = store.certificateDirectory(name).resolve(FileStore.METADATA);
        Files.writeString(file, Files.readString(file).replaceAll("(?m)^profile=.*\n", ""));
        assertEquals(java.util.Optional.empty(), store.metadata(name).orElseThrow().profile());
        assertEquals(Outcome.NOT_DUE, provisioner.provision(request(name, "shortlived"), new Issuance.Events())
                .outcome());
    }

    @Test
    public void anUnknownProfileIsRefusedBeforeAnyAccountOrOrderListingTheOffered() throws Exception {
        var ex = assertThrows(InvalidInputException.class,
                () -> provisioner.provision(request("unknown.example.test", "tlsserver"), new Issuance.Events()));
        assertEquals("profile", ex.problems().get(0).field());
        assertTrue(ex.getMessage(), ex.getMessage().contains("offers no profile 'tlsserver'"));
        assertTrue(ex.getMessage(), ex.getMessage().contains("classic (90 days), shortlived (about six days)"));
        assertEquals(List.of("GET /dir"), front.requestLines());
    }

    @Test
    public void aCaWithoutProfilesSaysSo() throws Exception {
        front.offerProfiles(java.util.Map.of());
        var ex = assertThrows(InvalidInputException.class,
                () -> provisioner.provision(request("none.example.test", "shortlived"), new Issuance.Events()));
        assertTrue(ex.getMessage(), ex.getMessage().contains("offers no certificate profiles"));
        assertTrue(ex.getMessage(), ex.getMessage().contains("Remove the profile setting"));
    }

    @Test
    public void aMalformedProfileIsRefusedWithoutANetworkCall() {
        var ex = assertThrows(InvalidInputException.class, () -> request("bad.example.test", "short lived"));
        assertEquals("profile", ex.problems().get(0).field());
        assertEquals(List.of(), front.requestLines());
    }

    @Test
    public void anIpAddressCertificateWithTheShortLivedProfile() throws Exception {
        var result = provisioner.provision(request("127.0.0.1", "shortlived"), new Issuance.Events());
        assertEquals(Outcome.ISSUED, result.outcome());
        Issuance.assertNames(result.bundle().certificate(), "127.0.0.1");
        var payload = front.newOrderPayloads().get(0);
        assertTrue(payload, payload.contains("\"type\":\"ip\""));
        assertTrue(payload, payload.contains("\"profile\":\"shortlived\""));
    }
}
