package io.github.acmecertificate.core.exception;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import io.github.acmecertificate.core.exception.AcmeProblemException.Kind;
import org.junit.Test;
import org.shredzone.acme4j.Problem;
import org.shredzone.acme4j.exception.AcmeRateLimitedException;
import org.shredzone.acme4j.exception.AcmeServerException;
import org.shredzone.acme4j.toolbox.JSON;

public class ProblemMapperTest {

    private static Problem problem(String type, String detail) throws Exception {
        return new Problem(JSON.parse("{\"type\":\"urn:ietf:params:acme:error:" + type + "\",\"detail\":\""
                + detail + "\"}"), URI.create("https://ca.example/").toURL());
    }

    @Test
    public void eachProblemTypeSaysWhatToDo() throws Exception {
        record Case(String type, Kind kind, String advice) { }
        for (var c : List.of(
                new Case("unauthorized", Kind.UNAUTHORIZED, "challenge answer reaches the CA"),
                new Case("dns", Kind.DNS, "resolves in public DNS"),
                new Case("connection", Kind.CONNECTION, "port 80"),
                new Case("caa", Kind.CAA, "CAA"),
                new Case("rejectedIdentifier", Kind.REJECTED_IDENTIFIER, "remove it from domains"),
                new Case("badCSR", Kind.BAD_CSR, "CSR"),
                new Case("externalAccountRequired", Kind.EXTERNAL_ACCOUNT_REQUIRED, "EAB key id"),
                new Case("userActionRequired", Kind.TERMS_CHANGED, "terms of service"),
                new Case("incorrectResponse", Kind.CHALLENGE_FAILED, "expected answer"))) {
            var ex = ProblemMapper.map(new AcmeServerException(problem(c.type(), "detail of " + c.type())), "doing it");
            assertEquals(c.type(), c.kind(), ex.kind());
            assertTrue(ex.getMessage(), ex.getMessage().contains("detail of " + c.type()));
            assertTrue(ex.getMessage(), ex.getMessage().contains(c.advice()));
            assertTrue(ex.getMessage(), ex.getMessage().contains("doing it"));
        }
    }

    @Test
    public void rateLimitCarriesRetryAfter() throws Exception {
        var retry = Instant.parse("2030-01-01T00:00:00Z");
        var ex = ProblemMapper.map(new AcmeRateLimitedException(problem("rateLimited", "too many certificates"),
                retry, List.of(URI.create("https://letsencrypt.org/docs/rate-limits/").toURL())), "creating the order");
        assertEquals(Kind.RATE_LIMITED, ex.kind());
        assertEquals(retry, ex.retryAfter().orElseThrow());
        assertTrue(ex.getMessage(), ex.getMessage().contains("Retry after 2030-01-01T00:00:00Z"));
        assertTrue(ex.getMessage(), ex.getMessage().contains("staging"));
        assertTrue(ex.getMessage(), ex.getMessage().contains("rate-limits"));
    }

    @Test
    public void compoundProblemUsesItsFirstSubproblem() throws Exception {
        var json = "{\"type\":\"urn:ietf:params:acme:error:compound\",\"detail\":\"several\",\"subproblems\":["
                + "{\"type\":\"urn:ietf:params:acme:error:caa\",\"detail\":\"CAA forbids\","
                + "\"identifier\":{\"type\":\"dns\",\"value\":\"a.example\"}}]}";
        var problem = new Problem(JSON.parse(json), URI.create("https://ca.example/").toURL());
        var ex = ProblemMapper.fromProblem(problem, "the order", null, null);
        assertEquals(Kind.CAA, ex.kind());
        assertTrue(ex.getMessage(), ex.getMessage().contains("a.example: CAA forbids"));
    }
}
