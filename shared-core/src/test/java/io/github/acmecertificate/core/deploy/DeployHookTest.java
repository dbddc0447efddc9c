package io.github.acmecertificate.core.deploy;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import io.github.acmecertificate.core.ProvisionResult;
import io.github.acmecertificate.core.ProvisionResult.Outcome;
import io.github.acmecertificate.core.deploy.it.TestBundles;
import io.github.acmecertificate.core.event.ProgressEvent;
import io.github.acmecertificate.core.exception.AcmeCertificateException;
import io.github.acmecertificate.core.exception.InvalidInputException;
import io.github.acmecertificate.core.renewal.RenewalDecision;
import io.github.acmecertificate.core.renewal.RenewalDecision.Reason;
import io.github.acmecertificate.core.store.CertificateBundle;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The command run after a new certificate was stored: when it runs, what it sees, how it fails. */
public class DeployHookTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private final List<ProgressEvent> events = Collections.synchronizedList(new ArrayList<>());

    private static ProvisionResult result(Outcome outcome, CertificateBundle bundle) {
        return new ProvisionResult(outcome, bundle, new RenewalDecision(outcome != Outcome.NOT_DUE,
                Reason.NO_CERTIFICATE, Optional.empty(), "test"), "/store/" + bundle.metadata().name());
    }

    private String log() {
        synchronized (events) {
            return String.join("\n", events.stream().map(ProgressEvent::message).toList());
        }
    }

    @Test
    public void runsAfterANewCertificateWithWhatChangedInItsEnvironment() throws Exception {
        var bundle = TestBundles.issue("hook.example.test");
        var seen = temp.getRoot().toPath().resolve("seen.txt");
        var hook = DeployHook.of("deployHook", "echo reloading; env | grep ^ACME_CERTIFICATE_ | sort > " + seen,
                Duration.ofSeconds(30)).orElseThrow();
        var directory = temp.newFolder("hook.example.test").toPath();

        assertTrue(hook.runAfter(result(Outcome.RENEWED, bundle), directory, events::add));

        var env = Files.readAllLines(seen);
        assertTrue(env.toString(), env.contains("ACME_CERTIFICATE_NAME=hook.example.test"));
        assertTrue(env.toString(), env.contains("ACME_CERTIFICATE_DIRECTORY=" + directory));
        assertTrue(env.toString(), env.contains("ACME_CERTIFICATE_DOMAINS="
                + String.join(",", bundle.metadata().names())));
        assertTrue(env.toString(), env.contains("ACME_CERTIFICATE_NOT_AFTER=" + bundle.metadata().notAfter()));
        assertTrue(env.toString(), env.contains("ACME_CERTIFICATE_SERIAL=" + bundle.serialNumber()));
        assertTrue(log(), log().contains("[deploy hook] reloading"));
        assertTrue(log(), log().contains("The deploy hook succeeded"));
    }

    @Test
    public void doesNotRunWhenTheCertificateWasNotDue() throws Exception {
        var marker = temp.getRoot().toPath().resolve("ran");
        var hook = DeployHook.of("deployHook", "touch " + marker, Duration.ofSeconds(30)).orElseThrow();
        assertFalse(hook.runAfter(result(Outcome.NOT_DUE, TestBundles.issue("idle.example.test")),
                temp.getRoot().toPath(), events::add));
        assertFalse(Files.exists(marker));
        assertEquals(List.of(), events);
    }

    @Test
    public void aFailingCommandFailsWithItsStatusAndLastOutput() throws Exception {
        var hook = DeployHook.of("deployHook", "echo 'nginx: [emerg] bad cert' >&2; exit 3", Duration.ofSeconds(30))
                .orElseThrow();
        var ex = assertThrows(AcmeCertificateException.class,
                () -> hook.runAfter(result(Outcome.ISSUED, TestBundles.issue("bad.example.test")),
                        Path.of("/store/bad.example.test"), events::add));
        assertTrue(ex.getMessage(), ex.getMessage().contains("exited with status 3"));
        assertTrue(ex.getMessage(), ex.getMessage().contains("nginx: [emerg] bad cert"));
        assertTrue(ex.getMessage(), ex.getMessage().contains("stored in /store/bad.example.test"));
    }

    @Test
    public void aCommandThatHangsIsStopped() throws Exception {
        var hook = DeployHook.of("deployHook", "sleep 30", Duration.ofMillis(300)).orElseThrow();
        long start = System.nanoTime();
        var ex = assertThrows(AcmeCertificateException.class,
                () -> hook.runAfter(result(Outcome.ISSUED, TestBundles.issue("slow.example.test")),
                        temp.getRoot().toPath(), events::add));
        assertTrue(ex.getMessage(), ex.getMessage().contains("did not end within 300 ms"));
        assertTrue("stopped, not waited for", Duration.ofNanos(System.nanoTime() - start).toSeconds() < 10);
    }

    @Test
    public void blankIsNoHookAndABadTimeLimitIsAnInputProblem() throws Exception {
        assertTrue(DeployHook.of("deployHook", "  ", Duration.ofSeconds(1)).isEmpty());
        var ex = assertThrows(InvalidInputException.class, () -> DeployHook.of("deployHook", "true", Duration.ZERO));
        assertEquals("deployHook", ex.field());
    }
}
