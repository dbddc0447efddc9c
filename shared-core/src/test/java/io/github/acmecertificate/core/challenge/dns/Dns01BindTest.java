package io.github.acmecertificate.core.challenge.dns;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.acmecertificate.core.challenge.ChallengeTask;
import io.github.acmecertificate.core.event.ProgressEvent;
import io.github.acmecertificate.core.event.ProgressEvent.Stage;
import io.github.acmecertificate.core.event.ProgressListener;
import io.github.acmecertificate.core.exception.AcmeCertificateException;
import org.junit.After;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The DNS-01 solver and the rfc2136 and exec providers against a real BIND, without a CA. */
public class Dns01BindTest {

    private static BindServer bind;

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private final List<ProgressEvent> events = Collections.synchronizedList(new ArrayList<>());
    private final ProgressListener listener = events::add;
    private Dns01Solver solver;

    @BeforeClass
    public static void startBind() throws Exception {
        BindServer.assumeInstalled();
        bind = BindServer.start(
                new BindServer.Zone("bind.test")
                        .records("_acme-challenge.alias CNAME _acme-challenge.target.bind.test.")
                        .grant("_acme-challenge.bind.test.", "_acme-challenge.target.bind.test."),
                new BindServer.Zone("slow.test")
                        .records("@ NS ns2.slow.test.", "ns2 A 127.0.0.2")
                        .grant("_acme-challenge.slow.test."));
    }

    @AfterClass
    public static void stopBind() {
        if (bind != null) {
            bind.close();
        }
    }

    @After
    public void closeSolver() {
        if (solver != null) {
            solver.close();
        }
    }

    private static DnsSettings.Builder settings() {
        return DnsSettings.builder().resolvers(bind.address()).nameserverPort(bind.port())
                .propagationTimeout("PT5S").propagationInterval("PT0.05S").queryTimeout("PT0.5S");
    }

    private static Map<String, String> rfc2136Options() {
        return Map.of("nameserver", bind.address(), "tsigKeyName", BindServer.KEY_NAME);
    }

    private Dns01Solver rfc2136(String secret, DnsSettings settings) throws Exception {
        solver = Dns01Solver.create("rfc2136", rfc2136Options(), SecretSource.of(Map.of("tsigSecret", secret)),
                settings);
        return solver;
    }

    static ChallengeTask task(String domain, boolean wildcard) {
        var token = Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(16));
        return new ChallengeTask("dns-01", domain, wildcard, token, token + ".thumbprint");
    }

    static byte[] randomBytes(int n) {
        var bytes = new byte[n];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }

    private String log() {
        synchronized (events) {
            return String.join("\n", events.stream().map(ProgressEvent::message).toList());
        }
    }

    @Test
    public void wildcardAndBaseValuesLiveTogetherAndAreBothRemoved() throws Exception {
        var solver = rfc2136(bind.tsigSecret(), settings().build());
        var wildcard = task("bind.test", true);
        var base = task("bind.test", false);
        solver.prepare(wildcard, listener);
        solver.prepare(base, listener);
        assertEquals(Set.of(wildcard.dnsTxtValue(), base.dnsTxtValue()),
                Set.copyOf(bind.txt("_acme-challenge.bind.test.")));

        solver.awaitReady(List.of(wildcard, base), listener);
        assertTrue(log(), log().contains("ns1.bind.test. (127.0.0.1) serves _acme-challenge.bind.test."));
        assertTrue(log(), log().contains("in zone bind.test."));

        solver.cleanUp(wildcard, listener);
        assertEquals(List.of(base.dnsTxtValue()), bind.txt("_acme-challenge.bind.test."));
        solver.cleanUp(base, listener);
        assertEquals(List.of(), bind.txt("_acme-challenge.bind.test."));
        solver.cleanUp(base, listener); // a second clean-up of the same task is harmless

        assertFalse("no secret in the progress", log().contains(bind.tsigSecret()));
        assertTrue(solver.describe(), solver.describe().contains("TSIG key acme-update."));
        assertFalse(solver.describe().contains(bind.tsigSecret()));
    }

    @Test
    public void propagationTimeOutNamesTheRecordAndTheServerThatLacksIt() throws Exception {
        var solver = rfc2136(bind.tsigSecret(), settings().propagationTimeout("PT0.5S").queryTimeout("PT0.1S")
                .build());
        var task = task("slow.test", false);
        solver.prepare(task, listener);
        try {
            var ex = assertThrows(AcmeCertificateException.class, () -> solver.awaitReady(List.of(task), listener));
            var message = ex.getMessage();
            assertTrue(message, message.contains("_acme-challenge.slow.test."));
            assertTrue(message, message.contains("ns2.slow.test. (127.0.0.2)"));
            assertFalse("ns1 serves the record and is not blamed: " + message, message.contains("ns1.slow.test."));
            assertTrue(message, message.contains("dns.propagationTimeout"));
            assertTrue(log(), log().contains("ns1.slow.test. (127.0.0.1) serves _acme-challenge.slow.test."));
            assertTrue(log(), log().contains("Waiting up to"));
        } finally {
            solver.cleanUp(task, listener);
        }
        assertEquals(List.of(), bind.txt("_acme-challenge.slow.test."));
    }

    @Test
    public void skippedPropagationCheckAsksNoNameserver() throws Exception {
        var solver = rfc2136(bind.tsigSecret(), settings().skipPropagationCheck(true).build());
        var task = task("slow.test", false);
        solver.prepare(task, listener);
        solver.awaitReady(List.of(task), listener);
        solver.cleanUp(task, listener);
        assertTrue(log(), log().contains("Skipping the DNS propagation check"));
        assertFalse(log(), log().contains("Waiting up to"));
    }

    @Test
    public void cnameIsFollowedWhenWritingAndWhenChecking() throws Exception {
        var solver = rfc2136(bind.tsigSecret(), settings().build());
        var task = task("alias.bind.test", false);
        solver.prepare(task, listener);
        assertEquals(List.of(task.dnsTxtValue()), bind.txt("_acme-challenge.target.bind.test."));
        assertTrue(log(), log().contains("Following the CNAME chain _acme-challenge.alias.bind.test. -> "
                + "_acme-challenge.target.bind.test."));
        solver.awaitReady(List.of(task), listener);
        assertTrue(log(), log().contains("serves _acme-challenge.alias.bind.test. (CNAME to "
                + "_acme-challenge.target.bind.test.)"));
        solver.cleanUp(task, listener);
        assertEquals(List.of(), bind.txt("_acme-challenge.target.bind.test."));
    }

    @Test
    public void wrongTsigSecretIsRefusedClearlyAndLeavesNoRecord() throws Exception {
        var wrong = Base64.getEncoder().encodeToString(randomBytes(32));
        var solver = rfc2136(wrong, settings().build());
        var task = task("bind.test", false);
        var ex = assertThrows(AcmeCertificateException.class, () -> solver.prepare(task, listener));
        var message = ex.getMessage();
        assertTrue(message, message.contains("BADSIG"));
        assertTrue(message, message.contains("acme-update."));
        assertTrue(message, message.contains("secret"));
        assertFalse(message, message.contains(wrong));
        assertFalse(message, message.contains(bind.tsigSecret()));
        solver.cleanUp(task, listener); // never prepared: nothing to do, no error
        assertEquals(List.of(), bind.txt("_acme-challenge.bind.test."));
        assertFalse(log().contains(wrong));
    }

    @Test
    public void unknownKeyAndUngrantedNameAreExplained() throws Exception {
        solver = Dns01Solver.create("rfc2136", Map.of("nameserver", bind.address(), "tsigKeyName", "someone-else"),
                SecretSource.of(Map.of("tsigSecret", bind.tsigSecret())), settings().build());
        var badKey = assertThrows(AcmeCertificateException.class,
                () -> solver.prepare(task("bind.test", false), listener));
        assertTrue(badKey.getMessage(), badKey.getMessage().contains("BADKEY"));
        assertTrue(badKey.getMessage(), badKey.getMessage().contains("does not know the TSIG key someone-else."));
        solver.close();

        var granted = rfc2136(bind.tsigSecret(), settings().build());
        var refused = assertThrows(AcmeCertificateException.class,
                () -> granted.prepare(task("denied.bind.test", false), listener));
        assertTrue(refused.getMessage(), refused.getMessage().contains("REFUSED"));
        assertTrue(refused.getMessage(), refused.getMessage().contains("update-policy"));
        assertTrue(refused.getMessage(), refused.getMessage().contains("_acme-challenge.denied.bind.test."));
    }

    @Test
    public void execProviderGetsNameValueAndSecretInItsEnvironment() throws Exception {
        var out = temp.getRoot().toPath().resolve("calls.txt");
        var script = script("#!/bin/sh\n"
                + "echo \"$1 $2 $3 zone=$ACME_DNS_ZONE challenge=$ACME_DNS_CHALLENGE_NAME secret=$ACME_DNS_SECRET\""
                + " >> '" + out + "'\n");
        var secretFile = temp.newFile("token").toPath();
        Files.writeString(secretFile, "exec-secret-123\n");
        var options = new HashMap<String, String>();
        options.put("command", script.toString());
        options.put("secret-file", secretFile.toString());
        solver = Dns01Solver.create("exec", options, SecretSource.NONE, settings().skipPropagationCheck(true).build());
        var task = task("bind.test", false);
        solver.prepare(task, listener);
        solver.cleanUp(task, listener);
        var calls = Files.readAllLines(out);
        assertEquals(List.of(
                "present _acme-challenge.bind.test. " + task.dnsTxtValue() + " zone=bind.test. challenge="
                        + "_acme-challenge.bind.test. secret=exec-secret-123",
                "cleanup _acme-challenge.bind.test. " + task.dnsTxtValue() + " zone=bind.test. challenge="
                        + "_acme-challenge.bind.test. secret=exec-secret-123"), calls);
        assertFalse(log().contains("exec-secret-123"));
        assertFalse(solver.describe().contains("exec-secret-123"));
    }

    @Test
    public void execFailureShowsStatusAndOutputWithoutTheSecret() throws Exception {
        var script = script("#!/bin/sh\necho \"calling the API with token $ACME_DNS_SECRET\"\n"
                + "echo 'zone not found' >&2\nexit 3\n");
        var secretFile = temp.newFile("token").toPath();
        Files.writeString(secretFile, "exec-secret-456");
        solver = Dns01Solver.create("exec", Map.of("command", script.toString(), "secretFile", secretFile.toString()),
                SecretSource.NONE, settings().build());
        var task = task("bind.test", false);
        var ex = assertThrows(AcmeCertificateException.class, () -> solver.prepare(task, listener));
        var message = ex.getMessage();
        assertTrue(message, message.contains("exit status 3"));
        assertTrue(message, message.contains("zone not found"));
        assertTrue(message, message.contains("calling the API with token ****"));
        assertFalse(message, message.contains("exec-secret-456"));
    }

    @Test
    public void execProgramThatHangsIsStopped() throws Exception {
        var script = script("#!/bin/sh\nsleep 30\n");
        solver = Dns01Solver.create("exec", Map.of("command", script.toString(), "timeout", "PT0.3S"),
                SecretSource.NONE, settings().build());
        long start = System.nanoTime();
        var ex = assertThrows(AcmeCertificateException.class, () -> solver.prepare(task("bind.test", false), listener));
        assertTrue(ex.getMessage(), ex.getMessage().contains("dns.timeout"));
        assertTrue("stopped quickly", System.nanoTime() - start < 5_000_000_000L);
    }

    private Path script(String text) throws Exception {
        var file = temp.newFile("provider-" + System.nanoTime() + ".sh").toPath();
        Files.writeString(file, text, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
        return file;
    }

    @Test
    public void progressEventsAreChallengeOrWarningStages() throws Exception {
        var solver = rfc2136(bind.tsigSecret(), settings().build());
        var task = task("bind.test", false);
        solver.prepare(task, listener);
        solver.awaitReady(List.of(task), listener);
        solver.cleanUp(task, listener);
        synchronized (events) {
            assertTrue(events.stream().allMatch(e -> e.stage() == Stage.CHALLENGE || e.stage() == Stage.WARNING));
            assertTrue(log(), events.stream().anyMatch(e -> e.message().equals("Added the TXT record for "
                    + "bind.test at _acme-challenge.bind.test. in zone bind.test. through rfc2136")));
            assertTrue(log(), events.stream().anyMatch(e -> e.message().equals("Cleaned up the TXT record for "
                    + "bind.test at _acme-challenge.bind.test.")));
            assertFalse("the TXT value stays out of the log", log().contains(task.dnsTxtValue()));
        }
    }
}
