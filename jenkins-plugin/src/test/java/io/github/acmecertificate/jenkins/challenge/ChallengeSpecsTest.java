package io.github.acmecertificate.jenkins.challenge;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.Map;

import io.github.acmecertificate.core.challenge.Http01StandaloneSolver;
import io.github.acmecertificate.core.challenge.Http01WebrootSolver;
import io.github.acmecertificate.core.exception.InvalidInputException;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class ChallengeSpecsTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    @Test
    public void specsRoundTripThroughTheirOptions() {
        for (ChallengeSpec spec : new ChallengeSpec[] {Http01Spec.defaults(), new Http01Spec("127.0.0.1", 5002),
                new WebrootSpec("/var/www/html")}) {
            assertEquals(spec, ChallengeSpecs.fromRecord(spec.type(), spec.options()));
        }
        assertThrows(IllegalArgumentException.class, () -> ChallengeSpecs.fromRecord("dns99", Map.of()));
        assertThrows(IllegalArgumentException.class, () -> ChallengeSpecs.fromRecord("http01", Map.of("port", "x")));
    }

    @Test
    public void specsBuildTheCoreSolvers() throws Exception {
        var http = new Http01Spec(null, 8080).createSolver(SecretLookup.NONE);
        assertTrue(http instanceof Http01StandaloneSolver);
        assertEquals("HTTP-01 standalone on *:8080", http.describe());
        var webroot = new WebrootSpec(temp.getRoot().toString()).createSolver(SecretLookup.NONE);
        assertTrue(webroot instanceof Http01WebrootSolver);
        assertEquals("http01(address: '127.0.0.1', port: 80)", new Http01Spec(" 127.0.0.1 ", 80).describe());
        assertEquals("webroot(path: '/srv/www')", new WebrootSpec("/srv/www").describe());
        assertTrue("writing files on the controller is for administrators", new WebrootSpec("/x").requiresAdministrator());
        assertEquals(false, Http01Spec.defaults().requiresAdministrator());
    }

    @Test
    public void badOptionsNameTheCoreField() {
        var ex = assertThrows(InvalidInputException.class, () -> new Http01Spec("", 0).createSolver(SecretLookup.NONE));
        assertEquals("http.port", ex.field());
        ex = assertThrows(InvalidInputException.class, () -> new WebrootSpec("").createSolver(SecretLookup.NONE));
        assertEquals("webroot", ex.field());
        ex = assertThrows(InvalidInputException.class,
                () -> new WebrootSpec(temp.getRoot() + "/missing").createSolver(SecretLookup.NONE));
        assertEquals("webroot", ex.field());
    }
}
