package io.github.acmecertificate.core.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;

import io.github.acmecertificate.core.CertificateProvisioner;
import io.github.acmecertificate.core.CertificateRequest;
import io.github.acmecertificate.core.ProvisionResult.Outcome;
import io.github.acmecertificate.core.challenge.Http01StandaloneSolver;
import io.github.acmecertificate.core.exception.InvalidInputException;
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

    @Before
    public void setUp() throws Exception {
        front = PebbleFront.start(pebble.get());
        var profiles = new LinkedHashMap<String, String>();
        profiles.put("classic", "90 days");
        profiles.put("shortlived", "about six days");
        front.offerProfiles(profiles);
        var store = new FileStore(Issuance.storeIn(temp));
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
