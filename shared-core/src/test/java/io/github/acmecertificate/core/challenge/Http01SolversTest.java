package io.github.acmecertificate.core.challenge;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

import io.github.acmecertificate.core.event.ProgressEvent;
import io.github.acmecertificate.core.exception.AcmeCertificateException;
import io.github.acmecertificate.core.exception.InvalidInputException;
import io.github.acmecertificate.core.name.SubjectName;
import io.github.acmecertificate.core.ssh.SshEndpoint;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class Http01SolversTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<ProgressEvent> events = new ArrayList<>();

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private HttpResponse<String> get(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    public void standaloneServesTokensOnlyWhileNeeded() throws Exception {
        int port = freePort();
        var solver = new Http01StandaloneSolver("127.0.0.1", port);
        assertThrows("nothing listens before prepare", ConnectException.class, () -> get(port, "/"));
        var task = new ChallengeTask("http-01", "example.com", false, "tok-1", "tok-1.thumb");
        solver.prepare(task, events::add);
        var response = get(port, task.httpPath());
        assertEquals(200, response.statusCode());
        assertEquals("tok-1.thumb", response.body());
        assertEquals(404, get(port, "/.well-known/acme-challenge/other").statusCode());
        assertEquals(404, get(port, "/index.html").statusCode());
        solver.cleanUp(task, events::add);
        assertEquals("a cleaned-up token is gone", 404, get(port, task.httpPath()).statusCode());
        solver.close();
        assertThrows("closed after the run", ConnectException.class, () -> get(port, "/"));
        assertTrue("the key authorization never reaches the log",
                events.stream().noneMatch(e -> e.message().contains("tok-1.thumb")));
    }

    @Test
    public void standaloneSaysWhatToDoWhenThePortIsTaken() throws Exception {
        try (var busy = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            var solver = new Http01StandaloneSolver("127.0.0.1", busy.getLocalPort());
            var ex = assertThrows(AcmeCertificateException.class, () -> solver.prepare(
                    new ChallengeTask("http-01", "example.com", false, "t", "t.k"), events::add));
            assertTrue(ex.getMessage(), ex.getMessage().contains("http.port")
                    && ex.getMessage().contains("http-01-webroot"));
            solver.close();
        }
    }

    @Test
    public void http01RefusesWildcards() throws Exception {
        var solver = new Http01StandaloneSolver(null, 80);
        var ex = assertThrows(InvalidInputException.class,
                () -> solver.validate(List.of(SubjectName.parse("*.example.com"))));
        assertEquals("challenge", ex.field());
        solver.validate(List.of(SubjectName.parse("example.com"), SubjectName.parse("192.0.2.1")));
    }

    @Test
    public void tokensThatAreNotBase64UrlAreRefusedBeforeAnythingIsWrittenOrSent() throws Exception {
        var webroot = temp.newFolder("www-tokens").toPath();
        var webrootSolver = new Http01WebrootSolver(webroot);
        var standalone = new Http01StandaloneSolver("127.0.0.1", 1);
        // A closed port: a token that passed the check would fail with "Cannot connect" instead.
        var sftp = new Http01SftpSolver(SshEndpoint.builder().host("127.0.0.1").port(1).user("deploy")
                .password("unused".toCharArray())
                .hostKeyFingerprint("SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU").build(), "/var/www");
        for (var token : List.of("../../evil", "", "a/b", "..", "x.y", "tok en", "t\u00f6k")) {
            var task = new ChallengeTask("http-01", "example.com", false, token, token + ".thumb");
            for (ChallengeSolver solver : List.of(webrootSolver, standalone, sftp)) {
                var ex = assertThrows(solver.describe() + " with '" + token + "'", AcmeCertificateException.class,
                        () -> solver.prepare(task, events::add));
                assertTrue(ex.getMessage(), ex.getMessage().contains("token for example.com that is "
                        + (token.isEmpty() ? "empty" : "not made of base64url characters")));
            }
        }
        try (var files = Files.walk(temp.getRoot().toPath())) {
            assertEquals("nothing written anywhere", List.of(), files.filter(Files::isRegularFile).toList());
        }
        standalone.close();
        sftp.close();
        webrootSolver.close();
    }

    @Test
    public void webrootWritesReadableTokensAndRemovesWhatItCreated() throws Exception {
        var webroot = temp.newFolder("www").toPath();
        var solver = new Http01WebrootSolver(webroot);
        var task = new ChallengeTask("http-01", "example.com", false, "tok-2", "tok-2.thumb");
        solver.prepare(task, events::add);
        var file = webroot.resolve(".well-known/acme-challenge/tok-2");
        assertEquals("tok-2.thumb", Files.readString(file));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        solver.cleanUp(task, events::add);
        assertFalse(Files.exists(file));
        solver.close();
        assertFalse("folders it created are removed", Files.exists(webroot.resolve(".well-known")));
    }

    @Test
    public void webrootKeepsFoldersThatExistedBefore() throws Exception {
        var webroot = temp.newFolder("www2").toPath();
        var wellKnown = Files.createDirectories(webroot.resolve(".well-known"));
        Files.writeString(wellKnown.resolve("security.txt"), "Contact: mailto:sec@example.com");
        var solver = new Http01WebrootSolver(webroot);
        var task = new ChallengeTask("http-01", "example.com", false, "tok-3", "tok-3.thumb");
        solver.prepare(task, events::add);
        solver.cleanUp(task, events::add);
        solver.close();
        assertTrue(Files.exists(wellKnown.resolve("security.txt")));
        assertFalse(Files.exists(wellKnown.resolve("acme-challenge")));
    }

    @Test
    public void settingsPickTheSolverByName() throws Exception {
        assertTrue(ChallengeDescription.builder((String) null).build().createSolver(null)
                instanceof Http01StandaloneSolver);
        assertTrue(ChallengeDescription.builder("HTTP-01-webroot").option("path", temp.getRoot())
                .build().createSolver(null) instanceof Http01WebrootSolver);
        assertTrue(ChallengeDescription.builder("webroot").option("path", temp.getRoot())
                .build().createSolver(null) instanceof Http01WebrootSolver);
        var ex = assertThrows(InvalidInputException.class, () -> ChallengeDescription.builder("tls-alpn-01"));
        assertEquals("challenge", ex.field());
        assertEquals("webroot", assertThrows(InvalidInputException.class,
                () -> ChallengeDescription.builder("http-01-webroot").build().createSolver(null)).field());
        assertEquals("http.port", assertThrows(InvalidInputException.class,
                () -> ChallengeDescription.builder("http01").option("port", "eighty").build().createSolver(null))
                .field());
    }

    @Test
    public void dnsValueIsTheDigestOfTheKeyAuthorization() {
        // RFC 8555 section 8.4: base64url(SHA-256(key authorization)), no padding.
        var task = new ChallengeTask("dns-01", "example.org", true, "evaGxfADs6pSRb2LAv9IZf17Dt3juxGJ-PCt92wr-oA",
                "evaGxfADs6pSRb2LAv9IZf17Dt3juxGJ-PCt92wr-oA.nP1qzpXGymHBrUEepNY9HCsQk7K8KhOypzEt62jcerQ");
        assertEquals("_acme-challenge.example.org.", task.dnsRecordName());
        // Computed apart from the code: printf %s "<key authorization>" | openssl dgst -sha256 -binary
        //   | base64 | tr '+/' '-_' | tr -d '='
        assertEquals("NGwKoXBgCT8JhEa0bK7AwfSqHyu_ZWeugV07fLGIVq0", task.dnsTxtValue());
        assertEquals("dns-01 for *.example.org", task.toString());
    }

    @Test
    public void anAddressOfAnotherMachineIsAnInputProblem() throws Exception {
        // 192.0.2.0/24 is TEST-NET-1 (RFC 5737): never an address of this machine.
        var other = assertThrows(InvalidInputException.class, () -> new Http01StandaloneSolver("192.0.2.55", 80));
        assertEquals("http.address", other.field());
        assertTrue(other.getMessage(), other.getMessage().contains("'192.0.2.55' is not an address of this machine"));
        assertFalse(other.getMessage(), other.getMessage().contains("Free the port"));
        var invalid = assertThrows(InvalidInputException.class, () -> new Http01StandaloneSolver("999.1.1.1", 80));
        assertEquals("http.address", invalid.field());
        assertTrue(invalid.getMessage(), invalid.getMessage().contains("leave it empty to listen on all"));
        for (var local : List.of("127.0.0.1", "0.0.0.0", "localhost")) {
            assertEquals("HTTP-01 standalone on " + local + ":80", new Http01StandaloneSolver(local, 80).describe());
        }
    }
}
