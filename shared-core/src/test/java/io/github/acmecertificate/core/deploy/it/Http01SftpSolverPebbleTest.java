package io.github.acmecertificate.core.deploy.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import io.github.acmecertificate.core.CertificateProvisioner;
import io.github.acmecertificate.core.CertificateRequest;
import io.github.acmecertificate.core.ProvisionResult.Outcome;
import io.github.acmecertificate.core.challenge.ChallengeTask;
import io.github.acmecertificate.core.challenge.Http01SftpSolver;
import io.github.acmecertificate.core.deploy.DeployOptions;
import io.github.acmecertificate.core.deploy.DeployResult.Status;
import io.github.acmecertificate.core.deploy.Deployer;
import io.github.acmecertificate.core.deploy.SftpTarget;
import io.github.acmecertificate.core.exception.AcmeCertificateException;
import io.github.acmecertificate.core.exception.InvalidInputException;
import io.github.acmecertificate.core.store.FileStore;
import io.github.acmecertificate.testca.PebbleOptions;
import io.github.acmecertificate.testca.PebbleResource;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * HTTP-01 through the target, end to end: Pebble validates against nginx, which serves the
 * token that the solver uploaded over SFTP; the certificate is then deployed to the same
 * server, nginx reloaded, and what it serves checked.
 */
public class Http01SftpSolverPebbleTest {

    private static final int HTTP_PORT = freePort();

    @ClassRule
    public static Servers servers = new Servers("sftp.example.test");

    @ClassRule
    public static PebbleResource pebble = new PebbleResource(PebbleOptions.defaults().withHttpPort(HTTP_PORT));

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private static Path webroot;
    private static Nginx web;

    private final Events events = new Events();

    private static int freePort() {
        try {
            return Processes.freePort();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    @BeforeClass
    public static void startWebServer() throws Exception {
        webroot = servers.folder("www");
        web = Nginx.start(servers.base().resolve("nginx-http"), null, null, HTTP_PORT, webroot);
    }

    @AfterClass
    public static void stopWebServer() {
        if (web != null) {
            web.close();
        }
    }

    private Http01SftpSolver solver(String root) throws Exception {
        return new Http01SftpSolver(servers.ssh().endpoint().fieldPrefix("sftpWebroot.").build(), root);
    }

    @Test
    public void issuesThroughTheTargetThenDeploysReloadsAndVerifies() throws Exception {
        var store = new FileStore(temp.getRoot().toPath().resolve("store"));
        var request = CertificateRequest.builder()
                .server(pebble.get().directoryUri().toString())
                .serverTrust(pebble.get().trustRootPem())
                .acceptTermsOfService(true)
                .domains("sftp.example.test")
                .challenge(solver(webroot.toString()))
                .build();

        var issued = new CertificateProvisioner(store).provision(request, events);

        assertEquals(events.text(), Outcome.ISSUED, issued.outcome());
        assertTrue(events.text(), events.text().contains("Answering challenges with HTTP-01 over SFTP to "));
        assertTrue(events.text(), events.text().contains("Uploaded HTTP-01 token for sftp.example.test to "));
        assertFalse("the folders the solver created are gone", Files.exists(webroot.resolve(".well-known")));

        var target = SftpTarget.builder(servers.ssh().endpoint().build()).name("web")
                .directory(servers.nginxTls().toString())
                .reloadCommand(servers.nginx().reloadCommand())
                .verifyTls("127.0.0.1:" + servers.nginx().tlsPort())
                .build();
        var report = new Deployer().deploy(issued.bundle(), List.of(target), DeployOptions.defaults(), events);

        assertEquals(events.text(), Status.DEPLOYED, report.results().get(0).status());
        assertEquals(issued.bundle().certificate(),
                Served.await(servers.nginx().tlsPort(), "sftp.example.test", issued.bundle().certificate()));
    }

    @Test
    public void tokensAreWorldReadableWhileServedAndRemovedAfterwards() throws Exception {
        var wellKnown = webroot.resolve(".well-known");
        Files.createDirectory(wellKnown);
        Files.setPosixFilePermissions(wellKnown, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(wellKnown.resolve("security.txt"), "Contact: mailto:security@example.test\n");
        var task = new ChallengeTask("http-01", "token.example.test", false, "tok-" + System.nanoTime(),
                "answer.thumbprint");
        try (var solver = solver(webroot + "/")) {
            solver.prepare(task, events);

            var file = webroot.resolve(".well-known/acme-challenge").resolve(task.token());
            assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())));
            var response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + HTTP_PORT + task.httpPath())).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals("nginx, running as an unprivileged user, serves the token", 200, response.statusCode());
            assertEquals("answer.thumbprint", response.body());

            solver.cleanUp(task, events);
            assertFalse(Files.exists(file));
            solver.cleanUp(task, events);
        }
        assertFalse("the folder the solver created is gone", Files.exists(wellKnown.resolve("acme-challenge")));
        assertTrue("a folder that was there before stays", Files.exists(wellKnown.resolve("security.txt")));
        try (var list = Files.list(wellKnown)) {
            assertEquals(1, list.count());
        }
    }

    @Test
    public void aMissingWebrootFailsWithAClearMessage() throws Exception {
        var task = new ChallengeTask("http-01", "missing.example.test", false, "tok", "tok.thumb");
        try (var solver = solver(servers.base().resolve("no-www").toString())) {
            var failure = assertThrows(AcmeCertificateException.class, () -> solver.prepare(task, events));
            assertTrue(failure.getMessage(), failure.getMessage().contains("the webroot " + servers.base().resolve("no-www")
                    + " is missing"));
        }
        var invalid = assertThrows(InvalidInputException.class, () -> solver("var/www"));
        assertEquals("sftpWebroot.path", invalid.field());
    }
}
