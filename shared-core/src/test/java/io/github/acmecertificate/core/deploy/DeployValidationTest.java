package io.github.acmecertificate.core.deploy;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import io.github.acmecertificate.core.deploy.it.Events;
import io.github.acmecertificate.core.deploy.it.TestBundles;
import io.github.acmecertificate.core.exception.InvalidInputException;
import io.github.acmecertificate.core.key.KeyType;
import io.github.acmecertificate.core.key.Pem;
import io.github.acmecertificate.core.ssh.SshEndpoint;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Every configuration mistake is reported with its field before any connection. */
public class DeployValidationTest {

    private static final String KEY = Pem.privateKey(KeyType.EC_P256.generate().getPrivate());
    private static final String PIN = "SHA256:uNiVztksCsDhcc0u9e8BujQXVUpKZIDTMczCvj3tD2s";

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private static SshEndpoint.Builder endpoint() {
        return SshEndpoint.builder().host("web1.example.test").user("deploy").privateKey(KEY).hostKeyFingerprint(PIN);
    }

    private static List<String> fields(InvalidInputException ex) {
        return ex.problems().stream().map(InvalidInputException.Problem::field).toList();
    }

    @Test
    public void anEndpointNeedsHostUserAndACredentialAndListsEveryProblemAtOnce() {
        var ex = assertThrows(InvalidInputException.class,
                () -> SshEndpoint.builder().port(0).hostKeyFingerprint(PIN).build());
        assertEquals(List.of("targets.host", "targets.port", "targets.user", "targets.privateKey"), fields(ex));
        assertTrue(ex.getMessage(), ex.getMessage().startsWith("Invalid configuration:"));
    }

    @Test
    public void theFieldPrefixFollowsWhereTheEndpointIsConfigured() {
        var ex = assertThrows(InvalidInputException.class,
                () -> SshEndpoint.builder().fieldPrefix("sftpWebroot.").user("u").password("p".toCharArray())
                        .hostKeyFingerprint(PIN).build());
        assertEquals(List.of("sftpWebroot.host"), fields(ex));
    }

    @Test
    public void anUnreadableKeyIsReportedWithoutItsContent() {
        var garbage = "-----BEGIN OPENSSH PRIVATE KEY-----\nbm90IGEga2V5IGF0IGFsbA==\n-----END OPENSSH PRIVATE KEY-----\n";
        var ex = assertThrows(InvalidInputException.class, () -> endpoint().privateKey(garbage).build());
        assertEquals("targets.privateKey", ex.field());
        assertFalse(ex.getMessage(), ex.getMessage().contains("bm90IGEga2V5"));
    }

    @Test
    public void aMissingKeyFileIsReported() {
        var ex = assertThrows(InvalidInputException.class, () -> endpoint().privateKey(null)
                .privateKeyFile(Path.of("/nonexistent/id_ed25519")).build());
        assertEquals("targets.privateKeyFile", ex.field());
        assertTrue(ex.getMessage(), ex.getMessage().contains("/nonexistent/id_ed25519"));
    }

    @Test
    public void fingerprintsMustBeSha256AsSshKeygenPrintsThem() throws Exception {
        var ex = assertThrows(InvalidInputException.class,
                () -> endpoint().hostKeyFingerprint("MD5:12:34:56").build());
        assertEquals("targets.hostKeyFingerprint", ex.field());
        var padded = endpoint().hostKeyFingerprint(PIN + "=, " + PIN.replace('u', 'v')).build();
        assertEquals(List.of(PIN, PIN.replace('u', 'v')), padded.hostKeyFingerprints());
    }

    @Test
    public void withoutKnownHostsOrPinTheHostKeyCannotBeCheckedSoItIsAnError() throws Exception {
        var home = System.getProperty("user.home");
        System.setProperty("user.home", temp.getRoot().toString());
        try {
            var ex = assertThrows(InvalidInputException.class, () -> endpoint().hostKeyFingerprint(null).build());
            assertEquals("targets.hostKeyFingerprint", ex.field());
            assertTrue(ex.getMessage(), ex.getMessage().contains("ssh-keyscan -p 22 web1.example.test | ssh-keygen -lf -"));
            var ssh = Files.createDirectories(temp.getRoot().toPath().resolve(".ssh"));
            Files.writeString(ssh.resolve("known_hosts"), "");
            assertEquals("~/.ssh/known_hosts is the default", Optional.of(ssh.resolve("known_hosts")),
                    endpoint().hostKeyFingerprint(null).build().knownHosts());
        } finally {
            System.setProperty("user.home", home);
        }
        var ex = assertThrows(InvalidInputException.class,
                () -> endpoint().knownHosts(Path.of("/nonexistent/known_hosts")).build());
        assertEquals("targets.knownHosts", ex.field());
    }

    @Test
    public void secretsStayOutOfToString() throws Exception {
        var endpoint = endpoint().password("hunter2-secret".toCharArray()).build();
        var text = endpoint.toString() + SftpTarget.builder(endpoint).directory("/etc/tls").build()
                + DeployOptions.builder().keystorePassword("p12-secret".toCharArray()).build();
        assertFalse(text, text.contains("hunter2"));
        assertFalse(text, text.contains("p12-secret"));
        assertFalse(text, text.contains(KEY.lines().skip(1).findFirst().orElseThrow()));
        assertTrue(text, text.contains("password"));
    }

    @Test
    public void filesAreResolvedAgainstTheDirectoryWithModesByKind() throws Exception {
        var target = SftpTarget.builder(endpoint().build()).directory("/etc/nginx//tls/")
                .file("FULLCHAIN", null)
                .file("privkey.pem", "keys/site.key")
                .file("cert.pem", "/srv/cert.pem", "0444", "www-data", "1001")
                .reloadCommand("  sudo systemctl reload nginx ")
                .verifyTls("443")
                .build();
        var files = target.files();
        assertEquals(List.of("/etc/nginx/tls/fullchain.pem", "/etc/nginx/tls/keys/site.key", "/srv/cert.pem"),
                files.stream().map(TargetFile::path).toList());
        assertEquals(List.of(0644, 0600, 0444), files.stream().map(TargetFile::mode).toList());
        assertEquals(Optional.of("www-data"), files.get(2).owner());
        assertEquals(Optional.of("1001"), files.get(2).group());
        assertEquals(Optional.of("sudo systemctl reload nginx"), target.reloadCommand());
        assertEquals("web1.example.test:443", target.tlsCheck().orElseThrow().toString());
        assertEquals("deploy@web1.example.test:22", target.name());
        assertEquals("sftp", target.type());
    }

    @Test
    public void aTargetWithADirectoryAndNoFilesGetsFullchainAndKey() throws Exception {
        var target = SftpTarget.builder(endpoint().build()).name("web").directory("/etc/tls").build();
        assertEquals(List.of("fullchain.pem -> /etc/tls/fullchain.pem (0644)", "privkey.pem -> /etc/tls/privkey.pem (0600)"),
                target.files().stream().map(TargetFile::toString).toList());
    }

    @Test
    public void badFileEntriesAreReportedTogetherWithTheTargetName() throws Exception {
        var builder = SftpTarget.builder(endpoint().build()).name("web2")
                .directory("etc/tls")
                .file("fullchain.crt", "/a")
                .file("privkey.pem", "/b", "0999", null, null)
                .file("cert.pem", "/c", null, "root; rm -rf /", null)
                .file("chain.pem", "relative.pem")
                .file("keystore.p12", "/d/../e.p12")
                .file("fullchain.pem", "/same").file("cert.pem", "/same")
                .verifyTls("web2.example.test:https");
        var ex = assertThrows(InvalidInputException.class, builder::build);
        assertEquals(List.of("targets.directory", "targets.files.source", "targets.files.mode", "targets.files.owner",
                "targets.files.path", "targets.files.path", "targets.files.path", "targets.verifyTls"), fields(ex));
        assertTrue(ex.getMessage(), ex.getMessage().contains("target web2: 'fullchain.crt' is not a file this tool "
                + "writes. Use one of fullchain.pem, privkey.pem, cert.pem, chain.pem, keystore.p12, combined.pem"));
        assertTrue(ex.getMessage(), ex.getMessage().contains("writes /same twice"));
    }

    @Test
    public void tlsAddressesParse() throws Exception {
        assertEquals("example.test:8443", TlsCheck.parse("example.test:8443", "x", "f").toString());
        assertEquals("[::1]:443", TlsCheck.parse("[::1]:443", "x", "f").toString());
        assertEquals("localhost:443", TlsCheck.parse("443", "localhost", "f").toString());
        assertEquals(Optional.of("www.example.test"),
                TlsCheck.parse("1.2.3.4:443", "x", "f").serverName("www.example.test").serverName());
        for (var bad : List.of("", "host:", ":443", "host:70000", "a b:443", "host:port")) {
            assertEquals(bad, "f", assertThrows(InvalidInputException.class, () -> TlsCheck.parse(bad, "x", "f")).field());
        }
        assertEquals("wildcards are checked by their base name", "example.test",
                ServedCertificate.serverName(TlsCheck.parse("443", "h", "f"), List.of("*.example.test")));
    }

    @Test
    public void sourcesAreNamedByFileOrConstant() throws Exception {
        assertEquals(CertificateFile.COMBINED, CertificateFile.of("combined.pem", "f"));
        assertEquals(CertificateFile.KEYSTORE, CertificateFile.of(" keystore ", "f"));
        assertTrue(CertificateFile.PRIVKEY.secret());
        assertEquals(0644, CertificateFile.CHAIN.defaultMode());
    }

    @Test
    public void aLocalTargetResolvesAgainstItsFolder() throws Exception {
        var dir = temp.getRoot().toPath();
        var target = LocalTarget.builder().directory(dir).file("combined.pem", "haproxy/site.pem").build();
        assertEquals(dir.resolve("haproxy/site.pem").toString(), target.files().get(0).path());
        assertEquals("local:" + dir, target.name());
        assertEquals("localhost:8443", LocalTarget.builder().directory(dir).verifyTls("8443").build()
                .tlsCheck().orElseThrow().toString());
        var ex = assertThrows(InvalidInputException.class, () -> LocalTarget.builder().file("cert.pem", "x.pem").build());
        assertEquals("targets.files.path", ex.field());
    }

    @Test
    public void deployChecksTargetsAndCertificateBeforeContactingAnything() throws Exception {
        var events = new Events();
        var endpoint = endpoint().host("127.0.0.1").port(1).build();
        var deployer = new Deployer();
        var bundle = TestBundles.issue("check.example.test");

        var none = assertThrows(InvalidInputException.class,
                () -> deployer.deploy(bundle, List.of(), DeployOptions.defaults(), events));
        assertEquals("targets", none.field());

        var twins = List.of(SftpTarget.builder(endpoint).name("a").directory("/x").build(),
                SftpTarget.builder(endpoint).name("a").directory("/y").file("keystore.p12", null).build());
        var ex = assertThrows(InvalidInputException.class,
                () -> deployer.deploy(bundle, twins, DeployOptions.defaults(), events));
        assertEquals(List.of("targets.name", "keystorePassword"), fields(ex));
        assertEquals(List.of("targets.name", "keystorePassword"), fields(assertThrows(InvalidInputException.class,
                () -> Deployer.validate(twins, DeployOptions.defaults()))));
        assertEquals("a store that supplies the password at deploy time needs none yet", List.of("targets.name"),
                fields(assertThrows(InvalidInputException.class,
                        () -> Deployer.validate(twins, DeployOptions.defaults(), true))));

        var withoutKey = TestBundles.issueWithoutKey("csr.example.test");
        var wantsKey = List.of(SftpTarget.builder(endpoint).name("k").directory("/x").file("fullchain.pem", null)
                .file("combined.pem", null).build());
        var noKey = assertThrows(InvalidInputException.class,
                () -> deployer.deploy(withoutKey, wantsKey, DeployOptions.defaults(), events));
        assertEquals("targets.files.source", noKey.field());
        assertTrue(noKey.getMessage(), noKey.getMessage().contains("wants combined.pem, but certificate "
                + "csr.example.test was ordered with your own CSR"));
        assertEquals("nothing was contacted, nothing reported", "", events.text());
    }

    @Test
    public void optionsAreChecked() {
        var ex = assertThrows(InvalidInputException.class,
                () -> DeployOptions.builder().parallelism(0).verifyTimeout(java.time.Duration.ZERO).build());
        assertEquals(List.of("deployParallelism", "deployVerifyTimeout"), fields(ex));
    }
}
