package io.github.acmecertificate.jenkins.agent;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.acmecertificate.core.CertificateDescription;
import io.github.acmecertificate.jenkins.challenge.TestChallenges;
import io.github.acmecertificate.jenkins.credentials.LookupContext;
import io.github.acmecertificate.core.exception.InvalidInputException;
import io.github.acmecertificate.jenkins.credentials.CredentialLookup;
import io.github.acmecertificate.jenkins.managed.ManagedCertificateRegistry;
import io.github.acmecertificate.jenkins.run.CertificateRun;
import io.github.acmecertificate.jenkins.managed.CertificateSettings;
import io.github.acmecertificate.core.store.credentials.InMemoryCredentials;
import io.github.acmecertificate.testca.PebbleResource;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * A challenge answered "on the agent", against Pebble: every call crosses a loopback that
 * serializes it and its result, as remoting does, so the solver lives only on the far side.
 */
public class AgentSolverPebbleTest {

    @ClassRule
    public static PebbleResource pebble = new PebbleResource();

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private final AtomicInteger calls = new AtomicInteger();

    /** Serializes each call there and each result back, and runs the call in between. */
    private final AgentChannel loopback = new AgentChannel() {
        @Override
        public <V extends Serializable> V call(Call<V> call) {
            calls.incrementAndGet();
            Call<V> there = roundTrip(call);
            return roundTrip(there.run());
        }
    };

    @SuppressWarnings("unchecked")
    private static <T> T roundTrip(T value) {
        try {
            var bytes = new ByteArrayOutputStream();
            try (var out = new ObjectOutputStream(bytes)) {
                out.writeObject(value);
            }
            try (var in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
                return (T) in.readObject();
            }
        } catch (IOException ex) {
            throw new UncheckedIOException("not serializable: " + value, ex);
        } catch (ClassNotFoundException ex) {
            throw new IllegalStateException(ex);
        }
    }

    @Test
    public void issuesWithTheHttp01ResponderOnTheAgent() throws Exception {
        var credentials = new InMemoryCredentials();
        var registry = new ManagedCertificateRegistry(temp.getRoot().toPath().resolve("managed"));
        var challenge = TestChallenges.http01("127.0.0.1", pebble.get().httpPort());
        var parameters = CertificateDescription.builder().domains("agent.example.test").server("pebble")
                .acceptTermsOfService(true).name("agent-tls").challenge(challenge).build();
        var log = new ArrayList<String>();
        var result = new CertificateRun(credentials, CredentialLookup.NONE, registry, Clock.systemUTC()).solvers((spec,
                context) -> AgentChallenges.open(loopback, spec, context))
                .run(new CertificateSettings(parameters, ""),
                        io.github.acmecertificate.jenkins.run.CertificateRunPebbleTest.settings(pebble.get()), "job #1", event -> log.add(event.message()));
        assertTrue(result.renewed());
        assertTrue("create, validate, prepare, await, clean up, close: " + calls.get(), calls.get() >= 6);
        assertTrue(String.join("\n", log), log.stream().anyMatch(l -> l.contains("(on the agent)")));
        // The record keeps the challenge itself, which the controller reads back as plain http01.
        assertEquals("http01", registry.find("", "agent-tls").orElseThrow().template().certificate().challenge().type()
                .symbol());
    }

    @Test
    public void aProblemOnTheAgentComesBackAsTheSameInputError() throws Exception {
        var missing = temp.getRoot().toPath().resolve("no-such-webroot").toString();
        var ex = assertThrows(InvalidInputException.class,
                () -> AgentSolver.open(loopback, () -> TestChallenges.webroot(missing)
                        .createSolver(new LookupContext(CredentialLookup.NONE))));
        assertFalse(ex.problems().isEmpty());
        var solver = AgentSolver.open(loopback, () -> TestChallenges.http01("127.0.0.1", 5002)
                .createSolver(new LookupContext(CredentialLookup.NONE)));
        var wildcard = assertThrows(InvalidInputException.class, () -> solver.validate(List.of(
                io.github.acmecertificate.core.name.SubjectName.parse("*.example.test"))));
        assertEquals("challenge", wildcard.problems().get(0).field());
        solver.close();
    }
}
