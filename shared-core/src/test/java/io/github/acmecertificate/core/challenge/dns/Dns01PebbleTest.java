package io.github.acmecertificate.core.challenge.dns;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.github.acmecertificate.core.CertificateProvisioner;
import io.github.acmecertificate.core.CertificateRequest;
import io.github.acmecertificate.core.ProvisionResult.Outcome;
import io.github.acmecertificate.core.challenge.ChallengeSolver;
import io.github.acmecertificate.core.event.ProgressEvent;
import io.github.acmecertificate.core.exception.AcmeCertificateException;
import io.github.acmecertificate.core.exception.InvalidInputException;
import io.github.acmecertificate.core.store.FileStore;
import io.github.acmecertificate.testca.Pebble;
import io.github.acmecertificate.testca.PebbleOptions;
import org.junit.AfterClass;
import org.junit.Before;
import org.junit.BeforeClass;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * DNS-01 end to end: the provisioner orders from a real ACME CA (Pebble) whose validation
 * asks a real BIND, which the providers update.
 */
public class Dns01PebbleTest {

    private static final String ACME_DNS_SUBDOMAIN = "d420c923-bbd7-4056-ab64-c3ca54c9b3cf";
    private static final String ACME_DNS_USER = "c36f50e8-4632-44f0-83fe-e070fef28a10";
    private static final String ACME_DNS_PASSWORD = "htB9mR9DYgcu9bX_afHF62erXaH2TS7bg9KW3F7Z";

    private static BindServer bind;
    private static Pebble pebble;
    private static AcmeDnsServer acmeDns;

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private final List<ProgressEvent> events = Collections.synchronizedList(new ArrayList<>());
    private CertificateProvisioner provisioner;

    @BeforeClass
    public static void startServers() throws Exception {
        BindServer.assumeInstalled();
        bind = BindServer.start(
                new BindServer.Zone("example.test")
                        .records("_acme-challenge.delegated CNAME " + ACME_DNS_SUBDOMAIN + ".acmedns.test.")
                        .grant("_acme-challenge.example.test.", "_acme-challenge.exec.example.test."),
                new BindServer.Zone("acmedns.test").grant(ACME_DNS_SUBDOMAIN + ".acmedns.test."));
        var options = PebbleOptions.defaults().withDnsServer(bind.address());
        BindServer.require(Pebble.isInstalled(options), "pebble is not installed. " + Pebble.INSTALL_HINT);
        pebble = Pebble.start(options);
        acmeDns = new AcmeDnsServer(bind, "acmedns.test.", ACME_DNS_SUBDOMAIN, ACME_DNS_USER, ACME_DNS_PASSWORD);
    }

    @AfterClass
    public static void stopServers() {
        if (acmeDns != null) {
            acmeDns.close();
        }
        if (pebble != null) {
            pebble.close();
        }
        if (bind != null) {
            bind.close();
        }
    }

    @Before
    public void setUp() {
        provisioner = new CertificateProvisioner(new FileStore(temp.getRoot().toPath().resolve("store")));
    }

    private static DnsSettings settings() throws InvalidInputException {
        return DnsSettings.builder().resolvers(bind.address()).nameserverPort(bind.port())
                .propagationTimeout("PT10S").propagationInterval("PT0.05S").build();
    }

    private static CertificateRequest request(ChallengeSolver solver, String... names) throws InvalidInputException {
        return CertificateRequest.builder()
                .server(pebble.directoryUri().toString())
                .serverTrust(pebble.trustRootPem())
                .acceptTermsOfService(true)
                .domains(List.of(names))
                .challenge(solver)
                .build();
    }

    private String log() {
        synchronized (events) {
            return String.join("\n", events.stream().map(ProgressEvent::message).toList());
        }
    }

    private static Set<String> names(X509Certificate certificate) throws Exception {
        var names = new TreeSet<String>();
        for (var san : certificate.getSubjectAlternativeNames()) {
            names.add(String.valueOf(san.get(1)));
        }
        return names;
    }

    @Test
    public void wildcardAndBaseNameInOneCertificateThroughRfc2136() throws Exception {
        var solver = Dns01Solver.create("rfc2136",
                Map.of("nameserver", bind.address(), "tsigKeyName", "acme-update"),
                SecretSource.ofCredential(DnsProviders.require("rfc2136", getClass().getClassLoader()),
                        null, bind.tsigSecret()),
                settings());
        var result = provisioner.provision(request(solver, "*.example.test", "example.test"), events::add);

        assertEquals(Outcome.ISSUED, result.outcome());
        assertEquals(Set.of("*.example.test", "example.test"), names(result.bundle().certificate()));
        assertEquals("both values are gone", List.of(), bind.txt("_acme-challenge.example.test."));
        assertTrue(log(), log().contains("ns1.example.test. (127.0.0.1) serves _acme-challenge.example.test."));
        assertEquals(log(), 2, events.stream().filter(e -> e.message().startsWith("Added the TXT record for ")).count());
        assertEquals(log(), 2, events.stream().filter(e -> e.message().startsWith("Cleaned up")).count());
        assertFalse("no TSIG secret in the progress", log().contains(bind.tsigSecret()));
    }

    @Test
    public void wrongTsigKeyFailsClearlyAndLeavesNoRecordBehind() throws Exception {
        var wrong = java.util.Base64.getEncoder().encodeToString(Dns01BindTest.randomBytes(32));
        var solver = Dns01Solver.create("rfc2136",
                Map.of("nameserver", bind.address(), "tsigKeyName", BindServer.KEY_NAME),
                SecretSource.of(Map.of("tsigSecret", wrong)), settings());
        var ex = assertThrows(AcmeCertificateException.class,
                () -> provisioner.provision(request(solver, "*.example.test", "example.test"), events::add));
        assertTrue(ex.getMessage(), ex.getMessage().contains("BADSIG"));
        assertTrue(ex.getMessage(), ex.getMessage().contains("TSIG key acme-update."));
        assertFalse(ex.getMessage(), ex.getMessage().contains(wrong));
        assertFalse(log(), log().contains(wrong));
        assertEquals(List.of(), bind.txt("_acme-challenge.example.test."));
        assertFalse(Files.exists(temp.getRoot().toPath().resolve("store/certificates/example.test")));
    }

    @Test
    public void execProviderRunsAScriptThatCallsNsupdate() throws Exception {
        var script = temp.newFile("nsupdate-hook.sh").toPath();
        Files.writeString(script, "#!/bin/sh\n"
                + "set -e\n"
                + "case \"$1\" in present) op=add ;; cleanup) op=delete ;; *) exit 2 ;; esac\n"
                + "keyfile=$(mktemp)\n"
                + "trap 'rm -f \"$keyfile\"' EXIT\n"
                + "printf 'key \"acme-update.\" { algorithm hmac-sha256; secret \"%s\"; };\\n' \"$ACME_DNS_SECRET\""
                + " > \"$keyfile\"\n"
                + BindServer.nsupdate().orElseThrow() + " -k \"$keyfile\" <<EOF\n"
                + "server 127.0.0.1 " + bind.port() + "\n"
                + "update $op $2 60 TXT \"$3\"\n"
                + "send\n"
                + "EOF\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        var exec = DnsProviders.require("exec", getClass().getClassLoader());
        var solver = Dns01Solver.create("exec", Map.of("command", script.toString()),
                SecretSource.ofCredential(exec, null, bind.tsigSecret()), settings());

        var result = provisioner.provision(request(solver, "exec.example.test", "*.exec.example.test"), events::add);

        assertEquals(Outcome.ISSUED, result.outcome());
        assertEquals(Set.of("exec.example.test", "*.exec.example.test"), names(result.bundle().certificate()));
        assertEquals(List.of(), bind.txt("_acme-challenge.exec.example.test."));
        assertFalse(log().contains(bind.tsigSecret()));
    }

    @Test
    public void acmeDnsThroughACnameDelegation() throws Exception {
        var before = acmeDns.requests().size();
        var solver = Dns01Solver.create("acme-dns",
                Map.of("apiUrl", acmeDns.url().toString(), "subdomain", ACME_DNS_SUBDOMAIN,
                        "username", ACME_DNS_USER),
                SecretSource.of(Map.of("password", ACME_DNS_PASSWORD)), settings());

        var result = provisioner.provision(request(solver, "delegated.example.test", "*.delegated.example.test"),
                events::add);

        assertEquals(Outcome.ISSUED, result.outcome());
        assertTrue(log(), log().contains("Following the CNAME chain _acme-challenge.delegated.example.test. -> "
                + ACME_DNS_SUBDOMAIN + ".acmedns.test."));
        assertTrue(log(), log().contains("ns1.acmedns.test. (127.0.0.1) serves _acme-challenge.delegated.example.test."
                + " (CNAME to " + ACME_DNS_SUBDOMAIN + ".acmedns.test.)"));
        var requests = acmeDns.requests().subList(before, acmeDns.requests().size());
        assertEquals(2, requests.size());
        for (var request : requests) {
            assertEquals("POST", request.method());
            assertEquals("/update", request.path());
            assertEquals(ACME_DNS_USER, request.user());
            assertTrue(request.keyMatched());
            assertEquals("application/json", request.contentType());
            assertTrue(request.body(), request.body().contains("\"subdomain\":\"" + ACME_DNS_SUBDOMAIN + "\""));
        }
        // acme-dns has no delete: its two latest values stay until the next update.
        assertEquals(2, bind.txt(acmeDns.fulldomain()).size());
        assertFalse(log().contains(ACME_DNS_PASSWORD));
    }

    @Test
    public void acmeDnsWithAWrongPasswordFailsClearly() throws Exception {
        var wrong = "wrong-password-0123456789-0123456789-xyz";
        var solver = Dns01Solver.create("acme-dns",
                Map.of("apiUrl", acmeDns.url().toString(), "subdomain", ACME_DNS_SUBDOMAIN,
                        "username", ACME_DNS_USER),
                SecretSource.of(Map.of("password", wrong)), settings());
        var ex = assertThrows(AcmeCertificateException.class,
                () -> provisioner.provision(request(solver, "delegated.example.test"), events::add));
        assertTrue(ex.getMessage(), ex.getMessage().contains("HTTP 401, forbidden"));
        assertTrue(ex.getMessage(), ex.getMessage().contains("dns.username"));
        assertFalse(ex.getMessage(), ex.getMessage().contains(wrong));
        assertFalse(log(), log().contains(wrong));
    }

    @Test
    public void ipAddressesAreRefusedBeforeAnyRequest() throws Exception {
        long before = pebble.requestCount("");
        var solver = Dns01Solver.create("rfc2136", Map.of("nameserver", bind.address()), SecretSource.NONE,
                settings());
        var ex = assertThrows(InvalidInputException.class, () -> request(solver, "example.test", "127.0.0.1"));
        assertEquals("challenge", ex.field());
        assertTrue(ex.getMessage(), ex.getMessage().contains("DNS-01 cannot validate IP addresses (127.0.0.1)"));
        assertEquals(before, pebble.requestCount(""));
    }
}
