package io.github.acmecertificate.jenkins.challenge;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.github.acmecertificate.core.challenge.Http01SftpSolver;
import io.github.acmecertificate.core.challenge.Http01StandaloneSolver;
import io.github.acmecertificate.core.challenge.Http01WebrootSolver;
import io.github.acmecertificate.core.challenge.dns.Dns01Solver;
import io.github.acmecertificate.core.exception.InvalidInputException;
import io.github.acmecertificate.core.exception.InvalidInputException.Problem;
import io.github.acmecertificate.core.key.KeyType;
import io.github.acmecertificate.core.key.Pem;
import io.github.acmecertificate.jenkins.credentials.CredentialLookup;
import io.github.acmecertificate.jenkins.credentials.InMemoryCredentialLookup;
import io.github.acmecertificate.jenkins.credentials.UserCredential;
import io.github.acmecertificate.jenkins.ssh.KnownHostsFiles;
import io.github.acmecertificate.jenkins.ssh.SshSpec;
import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class ChallengeSpecsTest {

    /** A syntactically valid host key fingerprint. */
    static final String FINGERPRINT = "SHA256:uNiVztksCsDhcc0u9e8BujQXVUpKZIDTMczCvj3tD2s";

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private final KnownHostsFiles knownHosts = new KnownHostsFiles();

    @After
    public void removeKnownHosts() {
        knownHosts.close();
    }

    private SolverContext context(CredentialLookup credentials) {
        return SolverContext.of(credentials, knownHosts);
    }

    private SolverContext none() {
        return context(CredentialLookup.NONE);
    }

    private static ChallengeSpec dns(String provider, String credentialsId, String options) {
        return ChallengeSpec.dns01(provider, credentialsId, options);
    }

    private static ChallengeSpec sftp(String credentialsId, String path) {
        return ChallengeSpec.sftpWebroot(new SshSpec("web1.example.test", 2222, credentialsId, null, FINGERPRINT), path);
    }

    @Test
    public void specsRoundTripThroughTheirOptions() {
        for (ChallengeSpec spec : new ChallengeSpec[] {ChallengeSpec.defaults(), ChallengeSpec.http01("127.0.0.1", 5002),
                ChallengeSpec.webroot("/var/www/html"), dns("rfc2136", "dns-example", "nameserver=ns1.example.test"),
                TestChallenges.dns01("exec", null, "command=/opt/dns/hook.sh\ntimeout=PT1M", "PT3M", "5", true,
                        "192.0.2.53, 192.0.2.54:5353", 5353, false, "PT2S"),
                sftp("web-ssh", "/var/www/html"),
                ChallengeSpec.sftpWebroot(new SshSpec("web2", 22, "k", "web2 ssh-ed25519 AAAAC3Nza\nweb2 ssh-rsa AAAAB3", ""),
                        "/srv/www")}) {
            assertEquals(spec, ChallengeSpec.fromRecord(spec.type(), spec.options()));
        }
        assertThrows(IllegalArgumentException.class, () -> ChallengeSpec.fromRecord("dns99", Map.of()));
        assertThrows(IllegalArgumentException.class, () -> ChallengeSpec.fromRecord("http01", Map.of("port", "x")));
        assertThrows(IllegalArgumentException.class, () -> ChallengeSpec.fromRecord("dns01",
                Map.of("provider", "exec", "nameserverPort", "x")));
        assertThrows(IllegalArgumentException.class, () -> ChallengeSpec.fromRecord("sftpWebroot",
                Map.of("host", "h", "port", "ssh")));
        assertEquals("the record holds the core's description", "tsig",
                dns("rfc2136", "tsig", null).options().get("credential"));
        assertEquals("a blank port means the default", 22, (ChallengeSpec.fromRecord("http-01-sftp",
                Map.of("host", "h", "port", ""))).ssh().port());
        assertEquals("a record without them takes the defaults", dns("exec", null, null),
                ChallengeSpec.fromRecord("dns01", Map.of("provider", "exec")));
    }

    @Test
    public void specsBuildTheCoreSolvers() throws Exception {
        var http = ChallengeSpec.http01(null, 8080).createSolver(none());
        assertTrue(http instanceof Http01StandaloneSolver);
        assertEquals("HTTP-01 standalone on *:8080", http.describe());
        var webroot = ChallengeSpec.webroot(temp.getRoot().toString()).createSolver(none());
        assertTrue(webroot instanceof Http01WebrootSolver);
        assertEquals("http01(address: '127.0.0.1', port: 80)", ChallengeSpec.http01(" 127.0.0.1 ", 80).describe());
        assertEquals("webroot(path: '/srv/www')", ChallengeSpec.webroot("/srv/www").describe());
        assertEquals("dns01(provider: 'rfc2136', credentialsId: 'dns', options: 'nameserver=..., zone=...')",
                dns("rfc2136", "dns", "nameserver=ns1\nzone=example.test").describe());
        assertEquals("no value reaches the log, not even one written there by mistake",
                "dns01(provider: 'exec', options: 'command=..., secret=...')",
                dns("exec", null, "command=/x, secret=oops").describe());
        assertEquals("sftpWebroot(host: 'web1.example.test', port: 2222, credentialsId: 'web-ssh', path: '/www')",
                sftp("web-ssh", "/www").describe());
    }

    @Test
    public void onlyChallengesThatUseTheControllerItselfNeedAnAdministrator() {
        assertEquals(Optional.of("writes files on the controller"), ChallengeSpec.webroot("/x").controllerAccess());
        assertTrue(ChallengeSpec.webroot("/x").requiresAdministrator());
        assertFalse(ChallengeSpec.defaults().requiresAdministrator());
        assertFalse("over SSH, nothing on the controller", sftp("k", "/www").requiresAdministrator());
        assertEquals(Optional.of("runs a program on the controller (the exec DNS provider)"),
                dns("exec", "token", "command=/bin/true").controllerAccess());
        assertFalse(dns("rfc2136", "tsig", "nameserver=ns1.example.test").requiresAdministrator());
        assertEquals(Optional.of("reads the file named by the option tsigSecretFile on the controller"),
                dns("rfc2136", null, "nameserver=ns1, tsigSecretFile=/var/lib/jenkins/secrets/master.key")
                        .controllerAccess());
        assertTrue(dns("cloudflare", null, "api-token-file=/etc/token").requiresAdministrator());
        assertEquals("the AWS SDK's default chain is the controller's identity",
                Optional.of("uses the controller's own AWS credentials (route53 without a credential or accessKeyId)"),
                dns("route53", null, "hostedZoneId=Z1").controllerAccess());
        assertTrue(dns("route53", "aws", "profile=prod").requiresAdministrator());
        assertFalse(dns("route53", "aws", "hostedZoneId=Z1").requiresAdministrator());
        assertFalse(dns("cloudflare", "cf", "zoneId=1").requiresAdministrator());
    }

    @Test
    public void dns01TakesItsSecretFromTheBuildsCredential() throws Exception {
        var credentials = new InMemoryCredentialLookup()
                .put(new UserCredential.UsernamePassword("tsig", "acme-update.", "c2VjcmV0c2VjcmV0c2VjcmV0"))
                .put(new UserCredential.SecretText("token", "cf-token"))
                .put(new UserCredential.SshPrivateKey("ssh", "deploy", List.of("key"), null));
        try (var solver = dns("rfc2136", "tsig", "nameserver=127.0.0.1").createSolver(context(credentials))) {
            assertTrue(solver instanceof Dns01Solver);
            assertEquals("rfc2136", ((Dns01Solver) solver).providerName());
            assertFalse(solver.describe().contains("c2VjcmV0"));
        }
        try (var solver = dns("cloudflare", "token", "zoneId=023e105f4ecef8ad9ca31a8372d0c353")
                .createSolver(context(credentials))) {
            assertEquals("cloudflare", ((Dns01Solver) solver).providerName());
        }
        assertEquals(List.of("tsig", "token"), credentials.used());

        var wrongKind = assertThrows(InvalidInputException.class,
                () -> dns("cloudflare", "ssh", null).createSolver(context(credentials)));
        assertEquals("dns.credential", wrongKind.problems().get(0).field());
        assertTrue(wrongKind.getMessage(), wrongKind.getMessage().contains("an SSH Username with private key"));
        var missing = assertThrows(InvalidInputException.class,
                () -> dns("cloudflare", "nope", null).createSolver(context(credentials)));
        assertEquals(List.of("dns.credential", "dns.apiToken"), fields(missing));
    }

    @Test
    public void dns01ReportsEveryMistakeAtOnce() {
        var bad = TestChallenges.dns01("rfc2136", null, "nameserver=ns1.example.test, tsigSecret=inline, bogus=1", "soon",
                null, false, "not a resolver!", 0, true, null);
        var ex = assertThrows(InvalidInputException.class, () -> bad.createSolver(none()));
        assertEquals(List.of("dns.propagationTimeout", "dns.resolvers", "dns.nameserverPort", "dns.tsigSecret",
                "dns.bogus"), fields(ex));
        assertFalse(ex.getMessage().contains("inline"));
        var unknown = assertThrows(InvalidInputException.class, () -> dns("nsone", null, null).createSolver(none()));
        assertEquals(List.of("dns.provider"), fields(unknown));
        var unparsable = assertThrows(InvalidInputException.class,
                () -> dns("exec", null, "command").createSolver(none()));
        assertTrue(fields(unparsable).contains("dns.options"));
    }

    @Test
    public void sftpWebrootLogsInWithAnSshKeyCredential() throws Exception {
        var key = Pem.privateKey(KeyType.EC_P256.generate().getPrivate());
        var credentials = new InMemoryCredentialLookup()
                .put(new UserCredential.SshPrivateKey("web-ssh", "deploy", List.of(key), null))
                .put(new UserCredential.UsernamePassword("web-password", "deploy", "s3cret"))
                .put(new UserCredential.SecretText("token", "t"));
        try (var solver = sftp("web-ssh", "/var/www/html").createSolver(context(credentials))) {
            assertTrue(solver instanceof Http01SftpSolver);
            assertEquals("HTTP-01 over SFTP to deploy@web1.example.test:2222, webroot /var/www/html",
                    solver.describe());
        }
        try (var solver = sftp("web-password", "/var/www/html").createSolver(context(credentials))) {
            assertTrue(solver instanceof Http01SftpSolver);
        }

        var ex = assertThrows(InvalidInputException.class, () -> sftp("token", "www").createSolver(context(credentials)));
        assertEquals("the credential's problem, not the missing user or key it causes",
                List.of("sftpWebroot.credentialsId", "sftpWebroot.path"), fields(ex));
        ex = assertThrows(InvalidInputException.class, () -> sftp("", "/www").createSolver(context(credentials)));
        assertEquals(List.of("sftpWebroot.credentialsId"), fields(ex));
        ex = assertThrows(InvalidInputException.class, () -> ChallengeSpec.sftpWebroot(new SshSpec("web1", 0, "web-ssh", null,
                "SHA256:short"), "/www").createSolver(context(credentials)));
        assertEquals(List.of("sftpWebroot.port", "sftpWebroot.hostKeyFingerprint"), fields(ex).stream().distinct()
                .toList());
    }

    @Test
    public void knownHostsLinesAreWrittenForTheRunAndRemovedAfterwards() throws Exception {
        var key = Pem.privateKey(KeyType.EC_P256.generate().getPrivate());
        var credentials = new InMemoryCredentialLookup()
                .put(new UserCredential.SshPrivateKey("web-ssh", "deploy", List.of(key), null));
        var line = "[web1.example.test]:2222 ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBPs"
                + "mH8lyxPdt0y7S8CnYVnmSYgNo4bMrSuJ1cCVuQ7IoyRlGDkj97WyIO7hCMLvQ0hRHzkf+IQXjxJ3xYvnWvGo=";
        var files = new KnownHostsFiles();
        var spec = ChallengeSpec.sftpWebroot(new SshSpec("web1.example.test", 2222, "web-ssh", line, null), "/www");
        try (var solver = spec.createSolver(SolverContext.of(credentials, files));
                var listing = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            assertTrue(solver.describe(), solver.describe().contains("deploy@web1.example.test:2222"));
            var written = listing.filter(p -> p.getFileName().toString().startsWith("acme-known-hosts-"))
                    .filter(p -> read(p).contains(line)).toList();
            assertEquals(1, written.size());
            files.close();
            assertFalse(Files.exists(written.get(0)));
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException ex) {
            return "";
        }
    }

    @Test
    public void badOptionsNameTheCoreField() {
        var ex = assertThrows(InvalidInputException.class, () -> ChallengeSpec.http01("", 0).createSolver(none()));
        assertEquals("http.port", ex.field());
        ex = assertThrows(InvalidInputException.class, () -> ChallengeSpec.webroot("").createSolver(none()));
        assertEquals("webroot", ex.field());
        ex = assertThrows(InvalidInputException.class,
                () -> ChallengeSpec.webroot(temp.getRoot() + "/missing").createSolver(none()));
        assertEquals("webroot", ex.field());
    }

    static List<String> fields(InvalidInputException ex) {
        return ex.problems().stream().map(Problem::field).toList();
    }
}
