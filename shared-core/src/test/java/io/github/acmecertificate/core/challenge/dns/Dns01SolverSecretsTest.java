package io.github.acmecertificate.core.challenge.dns;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;

import io.github.acmecertificate.core.challenge.ChallengeTask;
import io.github.acmecertificate.core.event.ProgressEvent;
import io.github.acmecertificate.core.event.ProgressEvent.Stage;
import io.github.acmecertificate.core.event.ProgressListener;
import io.github.acmecertificate.core.exception.AcmeCertificateException;
import org.junit.Test;

/**
 * The solver's last line of defence: a provider that puts its secret into a progress event
 * or an exception (as an HTTP library echoing a header might) still leaks nothing.
 */
public class Dns01SolverSecretsTest {

    private static final String SECRET = "s3cr3t-token-ABCDEFGHIJKLMNOPQRSTUVWXYZ";

    /** A provider that reports and fails carelessly. */
    private static final class LeakyProvider implements DnsProvider {
        boolean failAdd;
        boolean failRemove;

        @Override
        public String describe() {
            return "leaky (token " + SECRET + ")";
        }

        @Override
        public void addTxtRecord(TxtRecord record, ProgressListener listener) throws AcmeCertificateException {
            listener.report(Stage.CHALLENGE, "POST with Authorization: Bearer " + SECRET);
            if (failAdd) {
                throw new AcmeCertificateException("refused: token " + SECRET + " is invalid",
                        new IllegalStateException("header was Bearer " + SECRET));
            }
        }

        @Override
        public void removeTxtRecord(TxtRecord record, ProgressListener listener) {
            if (failRemove) {
                throw new IllegalStateException("could not delete with " + SECRET);
            }
        }
    }

    private static Dns01Solver solver(LeakyProvider provider) throws Exception {
        var settings = DnsSettings.builder().skipPropagationCheck(true).followCnames(false).build();
        return new Dns01Solver("leaky", provider, settings, List.of(SECRET), PropagationCheck.Sleeper.THREAD);
    }

    private static ChallengeTask task() {
        return new ChallengeTask("dns-01", "example.com", false, "token", "token.thumbprint");
    }

    @Test
    public void progressAndDescriptionAreCleaned() throws Exception {
        var events = new ArrayList<ProgressEvent>();
        try (var solver = solver(new LeakyProvider())) {
            solver.prepare(task(), events::add);
            assertFalse(solver.describe(), solver.describe().contains(SECRET));
            assertEquals("DNS-01 through leaky (token ****)", solver.describe());
        }
        assertTrue(events.toString(), events.stream().anyMatch(e -> e.message().endsWith("Bearer ****")));
        assertTrue(events.stream().noneMatch(e -> e.message().contains(SECRET)));
    }

    @Test
    public void exceptionsAreRebuiltWithoutTheSecretOrTheCausesThatHoldIt() throws Exception {
        var provider = new LeakyProvider();
        provider.failAdd = true;
        try (var solver = solver(provider)) {
            var ex = assertThrows(AcmeCertificateException.class, () -> solver.prepare(task(), e -> { }));
            assertEquals("refused: token **** is invalid", ex.getMessage());
            assertNull("the cause that held the secret is dropped", ex.getCause());
        }
    }

    @Test
    public void runtimeFailuresOfAProviderBecomeCleanMessages() throws Exception {
        var provider = new LeakyProvider();
        provider.failRemove = true;
        try (var solver = solver(provider)) {
            var task = task();
            solver.prepare(task, e -> { });
            var ex = assertThrows(AcmeCertificateException.class, () -> solver.cleanUp(task, e -> { }));
            assertTrue(ex.getMessage(), ex.getMessage().contains("failed to remove the TXT record"));
            assertFalse(ex.getMessage(), ex.getMessage().contains(SECRET));
            for (Throwable t = ex; t != null; t = t.getCause()) {
                assertFalse(String.valueOf(t.getMessage()).contains(SECRET));
            }
        }
    }
}
