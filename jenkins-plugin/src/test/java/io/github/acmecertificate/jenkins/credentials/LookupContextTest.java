package io.github.acmecertificate.jenkins.credentials;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.github.acmecertificate.core.CertificateDescription;
import io.github.acmecertificate.core.challenge.Http01SftpSolver;
import io.github.acmecertificate.core.challenge.Http01StandaloneSolver;
import io.github.acmecertificate.core.challenge.Http01WebrootSolver;
import io.github.acmecertificate.core.challenge.dns.Dns01Solver;
import io.github.acmecertificate.core.exception.InvalidInputException;
import io.github.acmecertificate.core.exception.InvalidInputException.Problem;
import io.github.acmecertificate.core.key.KeyType;
import io.github.acmecertificate.core.key.Pem;
import io.github.acmecertificate.core.challenge.ChallengeDescription;
import io.github.acmecertificate.jenkins.challenge.TestChallenges;
import io.github.acmecertificate.jenkins.challenge.TestChallenges.Ssh;
import io.github.acmecertificate.jenkins.managed.CertificateSettings;
import io.github.acmecertificate.jenkins.run.CertificateRun;
import io.github.acmecertificate.jenkins.run.StepErrors;
import io.github.acmecertificate.jenkins.security.ControllerUse;
import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The core's challenge descriptions as the step's describables build them, turned into solvers
 * with the build's credentials, described for the log, and classified by their use of the controller.
 */
public class LookupContextTest {

    /** A syntactically valid host key fingerprint. */
    static final String FINGERPRINT = "SHA256:uNiVztksCsDhcc0u9e8BujQXVUpKZIDTMczCvj3tD2s";

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private final List<LookupContext> contexts = new java.util.ArrayList<>();

    @After
    public void removeKnownHosts() {
        contexts.forEach(LookupContext::close);
    }

    private LookupContext context(CredentialLookup credentials) {
        var context = new LookupContext(credentials);
        contexts.add(context);
        return context;
    }

    private LookupContext none() {
        return context(CredentialLookup.NONE);
    }

    private static ChallengeDescription dns(String provider, String credentialsId, String options) {
        return TestChallenges.dns01(provider, credentialsId, options);
    }

    private static ChallengeDescription sftp(String credentialsId, String path) {
        return TestChallenges.sftpWebroot(new Ssh("web1.example.test", 2222, credentialsId, null, FINGERPRINT), path);
    }

    private static Optional<ControllerUse> use(ChallengeDescription challenge) {
        return CertificateRun.controllerUse(challenge);
    }

    @Test
    public void specsRoundTripThroughTheirOptions() {
        for (ChallengeDescription spec : new ChallengeDescription[] {CertificateDescription.DEFAULT_CHALLENGE,
                TestChallenges.http01("127.0.0.1", 5002),
                TestChallenges.webroot("/var/www/html"), dns("rfc2136", "dns-example", "nameserver=ns1.example.test"),
                TestChallenges.dns01("exec", null, "command=/opt/dns/hook.sh\ntimeout=PT1M", "PT3M", "5", true,
                        "192.0.2.53, 192.0.2.54:5353", 5353, false, "PT2S"),
                sftp("web-ssh", "/var/www/html"),
                TestChallenges.sftpWebroot(new Ssh("web2", 22, "k", "web2 ssh-ed25519 AAAAC3Nza\nweb2 ssh-rsa AAAAB3",
                        ""),
                        "/srv/www")}) {
            var record = CertificateDescription.builder().challenge(spec).build().toRecord();
            assertEquals(spec, CertificateSettings.fromRecord(record).certificate().challenge());
        }
        assertThrows(IllegalArgumentException.class, () -> CertificateSettings.fromRecord(Map.of("challenge",
                "dns99")));
        assertThrows(IllegalArgumentException.class, () -> CertificateSettings.fromRecord(Map.of("challenge",
                "dns01", "challenge.nameserverPorts", "53")));
        assertEquals("a malformed number is the run's problem, named by the core",
                List.of("http.port"), ChallengeDescription.fromRecord(Map.of("type", "http01", "port", "x")).check()
                        .stream().map(Problem::field).toList());
        assertEquals(List.of("sftpWebroot.port"), ChallengeDescription.fromRecord(Map.of("type", "sftpWebroot",
                "host", "h", "port", "ssh")).check().stream().map(Problem::field).toList());
        assertEquals("the record holds the core's description", "tsig",
                dns("rfc2136", "tsig", null).options().get("credential"));
        assertEquals("a blank port means the default", "22", ChallengeDescription.fromRecord(Map.of("type",
                "http-01-sftp", "host", "h", "port", "")).get("port"));
        assertEquals("a record without them takes the defaults", dns("exec", null, null),
                ChallengeDescription.fromRecord(Map.of("type", "dns01", "provider", "exec")));
    }

    @Test
    public void specsBuildTheCoreSolvers() throws Exception {
        var http = TestChallenges.http01(null, 8080).createSolver(none());
        assertTrue(http instanceof Http01StandaloneSolver);
        assertEquals("HTTP-01 standalone on *:8080", http.describe());
        var webroot = TestChallenges.webroot(temp.getRoot().toString()).createSolver(none());
        assertTrue(webroot instanceof Http01WebrootSolver);
        assertEquals("http01(address: '127.0.0.1')", StepErrors.describe(TestChallenges.http01(" 127.0.0.1 ", 80)));
        assertEquals("http01(port: 8080)", StepErrors.describe(TestChallenges.http01(null, 8080)));
        assertEquals("webroot(path: '/srv/www')", StepErrors.describe(TestChallenges.webroot("/srv/www")));
        assertEquals("dns01(provider: 'rfc2136', credentialsId: 'dns', options: 'nameserver=..., zone=...')",
                StepErrors.describe(dns("rfc2136", "dns", "nameserver=ns1\nzone=example.test")));
        assertEquals("no value reaches the log, not even one written there by mistake",
                "dns01(provider: 'exec', options: 'command=..., secret=...')",
                StepErrors.describe(dns("exec", null, "command=/x, secret=oops")));
        assertEquals("sftpWebroot(host: 'web1.example.test', port: 2222, credentialsId: 'web-ssh', hostKeyFingerprint: '"
                + FINGERPRINT + "', path: '/www')", StepErrors.describe(sftp("web-ssh", "/www")));
        assertEquals("known_hosts lines are not repeated",
                "sftpWebroot(host: 'h', credentialsId: 'k', knownHosts: '...', "
                + "path: '/www')", StepErrors.describe(TestChallenges.sftpWebroot(new Ssh("h", 22, "k",
                "h ssh-ed25519 AAAA\nh ssh-rsa BBBB", null), "/www")));
    }

    @Test
    public void onlyChallengesThatUseTheControllerItselfNeedAnAdministrator() {
        assertEquals(Optional.of(ControllerUse.WEBROOT), use(TestChallenges.webroot("/x")));
        assertEquals("the built-in server opens a port", Optional.of(ControllerUse.HTTP01),
                use(CertificateDescription.DEFAULT_CHALLENGE));
        assertEquals("over SSH, nothing on the controller", Optional.empty(), use(sftp("k", "/www")));
        assertEquals(Optional.of(ControllerUse.EXEC), use(dns("exec", "token", "command=/bin/true")));
        assertEquals(Optional.empty(), use(dns("rfc2136", "tsig", "nameserver=ns1.example.test")));
        assertEquals(Optional.of(ControllerUse.FILES),
                use(dns("rfc2136", null, "nameserver=ns1, tsigSecretFile=/var/lib/jenkins/secrets/master.key")));
        assertEquals(Optional.of(ControllerUse.FILES), use(dns("cloudflare", null, "api-token-file=/etc/token")));
        assertEquals("the AWS SDK's default chain is the controller's identity",
                Optional.of(ControllerUse.CLOUD_IDENTITY), use(dns("route53", null, "hostedZoneId=Z1")));
        assertTrue(use(dns("route53", "aws", "profile=prod")).isPresent());
        assertEquals(Optional.empty(), use(dns("route53", "aws", "hostedZoneId=Z1")));
        assertEquals(Optional.empty(), use(dns("cloudflare", "cf", "zoneId=1")));
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
        var bad = TestChallenges.dns01("rfc2136", null, "nameserver=ns1.example.test, tsigSecret=inline, bogus=1",
                "soon",
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

        var ex = assertThrows(InvalidInputException.class, () -> sftp("token", "www")
                .createSolver(context(credentials)));
        assertEquals("the credential's problem, not the missing user or key it causes",
                List.of("sftpWebroot.credential", "sftpWebroot.path"), fields(ex));
        assertEquals("challenge: sftpWebroot(credentialsId: ...)", StepErrors.parameter(fields(ex).get(0)));
        ex = assertThrows(InvalidInputException.class, () -> sftp("", "/www").createSolver(context(credentials)));
        assertEquals(List.of("sftpWebroot.credential"), fields(ex));
        ex = assertThrows(InvalidInputException.class, () -> TestChallenges.sftpWebroot(new Ssh("web1", 0, "web-ssh",
                null,
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
        var files = new LookupContext(credentials);
        var spec = TestChallenges.sftpWebroot(new Ssh("web1.example.test", 2222, "web-ssh", line, null), "/www");
        try (var solver = spec.createSolver(files);
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
        var ex = assertThrows(InvalidInputException.class, () -> TestChallenges.http01("", 0).createSolver(none()));
        assertEquals("http.port", ex.field());
        ex = assertThrows(InvalidInputException.class, () -> TestChallenges.webroot("").createSolver(none()));
        assertEquals("webroot", ex.field());
        ex = assertThrows(InvalidInputException.class,
                () -> TestChallenges.webroot(temp.getRoot() + "/missing").createSolver(none()));
        assertEquals("webroot", ex.field());
    }

    static List<String> fields(InvalidInputException ex) {
        return ex.problems().stream().map(Problem::field).toList();
    }
}
