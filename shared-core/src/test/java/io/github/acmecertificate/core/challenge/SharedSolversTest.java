package io.github.acmecertificate.core.challenge;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotSame;

import java.util.ArrayList;
import java.util.List;

import io.github.acmecertificate.core.event.ProgressListener;
import io.github.acmecertificate.core.name.SubjectName;
import org.junit.Test;

/** Certificates that run at once share one HTTP-01 listener per address and port, and nothing else. */
public class SharedSolversTest {

    /** Counts how often it is closed. */
    private static final class Counted implements ChallengeSolver {
        int closed;

        @Override
        public String challengeType() {
            return "http-01";
        }

        @Override
        public String describe() {
            return "counted";
        }

        @Override
        public void validate(List<SubjectName> names) {
        }

        @Override
        public void prepare(ChallengeTask task, ProgressListener listener) {
        }

        @Override
        public void cleanUp(ChallengeTask task, ProgressListener listener) {
        }

        @Override
        public void close() {
            closed++;
        }
    }

    @Test
    public void oneListenerPerPortIsClosedOnceAtTheEnd() throws Exception {
        var built = new ArrayList<Counted>();
        SharedSolvers.Factory factory = challenge -> {
            var solver = new Counted();
            built.add(solver);
            return solver;
        };
        var port80 = ChallengeDescription.builder(ChallengeType.HTTP_01).build();
        var port8080 = ChallengeDescription.builder(ChallengeType.HTTP_01).option("port", "8080").build();
        var dns = ChallengeDescription.builder(ChallengeType.DNS_01).option("provider", "exec").build();
        try (var shared = new SharedSolvers()) {
            var a = shared.solver(port80, factory);
            var b = shared.solver(port80, factory);
            shared.solver(port8080, factory);
            var ownDns = shared.solver(dns, factory);
            var otherDns = shared.solver(dns, factory);
            assertEquals("one per port, one per dns-01 certificate", 4, built.size());
            assertEquals("counted", b.describe());
            a.close();
            b.close();
            assertEquals("a certificate's run leaves the shared listener open", 0, built.get(0).closed);
            assertNotSame(ownDns, otherDns);
            ownDns.close();
            assertEquals("a solver of its own is its run's to close", 1, built.get(2).closed);
        }
        assertEquals(1, built.get(0).closed);
        assertEquals(1, built.get(1).closed);
        assertEquals("not closed by the call: its run did", 1, built.get(2).closed);
    }
}
