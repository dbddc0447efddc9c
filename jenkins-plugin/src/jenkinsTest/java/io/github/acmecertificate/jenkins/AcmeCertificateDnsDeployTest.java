package io.github.acmecertificate.jenkins;

import static io.github.acmecertificate.jenkins.PebbleForJenkins.job;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

import com.cloudbees.jenkins.plugins.sshcredentials.impl.BasicSSHUserPrivateKey;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardCertificateCredentials;
import hudson.model.Item;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.User;
import hudson.security.ACL;
import hudson.util.Secret;
import io.github.acmecertificate.jenkins.run.MinaSftpServer;
import io.github.acmecertificate.testca.Pebble;
import jenkins.model.Jenkins;
import jenkins.security.QueueItemAuthenticatorConfiguration;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.MockQueueItemAuthenticator;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * A release Pipeline: a wildcard certificate through {@code dns01} (the exec provider publishing
 * into Pebble's mock DNS, its token from a Secret text credential), deployed with
 * {@code deploy: [sftp(...)]} to an SSH server with an SSH Username with private key credential.
 * Runs only in the -Pjenkins build.
 */
@WithJenkins
class AcmeCertificateDnsDeployTest {

    private static final String TOKEN = "dns-token-" + System.nanoTime();

    private static Pebble pebble;

    @TempDir
    Path temp;

    private MinaSftpServer server;
    private Path script;

    @BeforeAll
    static void startPebble() throws Exception {
        pebble = PebbleForJenkins.start();
    }

    @AfterAll
    static void stopPebble() {
        if (pebble != null) {
            pebble.close();
        }
    }

    @BeforeEach
    void startTheServerAndWriteTheScript() throws Exception {
        server = MinaSftpServer.start(temp.resolve("ssh"));
        Files.createDirectories(server.root().resolve("tls"));
        script = temp.resolve("publish-txt.sh");
        Files.writeString(script, """
                #!/bin/sh
                set -e
                [ "$ACME_DNS_SECRET" = "%s" ] || exit 3
                api="http://127.0.0.1:%d"
                case "$1" in
                  present) curl -fsS -d "{\\"host\\":\\"$2\\",\\"value\\":\\"$3\\"}" "$api/set-txt" ;;
                  cleanup) curl -fsS -d "{\\"host\\":\\"$2\\"}" "$api/clear-txt" ;;
                  *) exit 2 ;;
                esac
                """.formatted(TOKEN, pebble.challengeManagementPort().orElseThrow()));
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    }

    @AfterEach
    void stopTheServer() throws Exception {
        server.close();
    }

    private void addCredentials() throws Exception {
        var system = SystemCredentialsProvider.getInstance();
        system.getCredentials().add(new StringCredentialsImpl(CredentialsScope.GLOBAL, "dns-hook-token",
                "token of the DNS hook", Secret.fromString(TOKEN)));
        system.getCredentials().add(new BasicSSHUserPrivateKey(CredentialsScope.GLOBAL, "web-ssh",
                MinaSftpServer.USER, new BasicSSHUserPrivateKey.DirectEntryPrivateKeySource(server.privateKeyPem()),
                null, "deploy key"));
        system.save();
    }

    private String pipeline(String id) {
        return """
                def cert = acmeCertificate domains: '*.%1$s.example.test, %1$s.example.test', credentialsId: '%1$s-tls',
                        acceptTermsOfService: true,
                        challenge: dns01(provider: 'exec', credentialsId: 'dns-hook-token', options: 'command=%2$s',
                                         skipPropagationCheck: true, followCnames: false),
                        deploy: [sftp(name: 'web1', host: '127.0.0.1', port: %3$d, credentialsId: 'web-ssh',
                                      hostKeyFingerprint: '%4$s', directory: '/tls',
                                      files: [targetFile(source: 'fullchain.pem'),
                                              targetFile(source: 'privkey.pem', mode: '0600')],
                                      reloadCommand: 'true')]
                echo "renewed=${cert.renewed} web1=${cert.deployed.web1}"
                """.formatted(id, script, server.port(), server.fingerprint());
    }

    @Test
    void issuesAWildcardThroughDns01AndDeploysItThenFindsItDeployed(JenkinsRule j) throws Exception {
        PebbleForJenkins.configure(pebble);
        addCredentials();
        var job = job(j, "release", pipeline("release"));

        var first = j.buildAndAssertSuccess(job);
        j.assertLogContains("renewed=true web1=DEPLOYED", first);
        j.assertLogContains("[web1] Ran `true`: exit 0", first);
        assertTrue(Files.readString(server.root().resolve("tls/fullchain.pem")).startsWith("-----BEGIN CERTIFICATE-----"));

        var second = j.buildAndAssertSuccess(job);
        j.assertLogContains("renewed=false web1=UP_TO_DATE", second);

        for (var build : List.of(first, second)) {
            assertNoSecretIn(build, List.of(TOKEN, server.privateKeyPem().lines().skip(1).findFirst().orElseThrow()));
        }
        var record = ManagedCertificates.registry().find("", "release-tls").orElseThrow();
        assertEquals("dns01", record.template().certificate().challenge().type().symbol());
        assertEquals("release", record.template().job());
        assertEquals("web1", record.template().certificate().targets().get(0).get("name"));
    }

    @Test
    void aFailedTargetFailsTheBuildAndTheCertificateStays(JenkinsRule j) throws Exception {
        PebbleForJenkins.configure(pebble);
        addCredentials();
        var job = job(j, "broken", pipeline("broken").replace("directory: '/tls'", "directory: '/missing'"));

        var build = j.buildAndAssertStatus(Result.FAILURE, job);

        j.assertLogContains("acmeCertificate: Deploy failed for 1 of 1 target:", build);
        j.assertLogContains("  - web1: FAILED", build);
        j.assertLogNotContains("\tat ", build);
        assertTrue(ManagedCertificates.registry().find("", "broken-tls").orElseThrow().lastRun().failed());
        assertTrue(CredentialsProvider.lookupCredentialsInItemGroup(StandardCertificateCredentials.class, j.jenkins,
                ACL.SYSTEM2).stream().anyMatch(c -> c.getId().equals("broken-tls")), "the certificate is kept");
    }

    @Test
    void theExecProviderIsForBuildsRunningAsAnAdministrator(JenkinsRule j) throws Exception {
        PebbleForJenkins.configure(pebble);
        AcmeGlobalConfiguration.get().setAllowExecOnController(false);
        addCredentials();
        j.jenkins.setSecurityRealm(j.createDummySecurityRealm());
        j.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.ADMINISTER).everywhere().to("admin")
                .grant(Jenkins.READ, Item.READ, Item.BUILD, Item.DISCOVER).everywhere().to("dev"));
        QueueItemAuthenticatorConfiguration.get().getAuthenticators()
                .add(new MockQueueItemAuthenticator().authenticate("limited", User.getById("dev", true).impersonate2()));
        var job = job(j, "limited", pipeline("limited"));

        var build = j.buildAndAssertStatus(Result.FAILURE, job);

        j.assertLogContains("runs a program on the controller, which this build may not do: it runs as dev "
                + "(without Overall/Administer)", build);
        j.assertLogContains("Allow the exec DNS provider on the controller", build);
        assertFalse(Files.exists(server.root().resolve("tls/fullchain.pem")));
    }

    @Test
    void theProviderListShowsTheBundledProviders(JenkinsRule j) {
        var names = j.jenkins.getDescriptorByType(Dns01Challenge.DescriptorImpl.class).doFillProviderItems().stream()
                .map(option -> option.value).toList();
        assertEquals(List.of("acme-dns", "cloudflare", "exec", "rfc2136", "route53"), names);
    }

    /** The secrets never reach the log nor the build's folder. */
    private static void assertNoSecretIn(Run<?, ?> build, List<String> secrets) throws Exception {
        var log = build.getLog();
        for (var secret : secrets) {
            assertFalse(log.contains(secret), "a secret is in the build log");
        }
        try (Stream<Path> files = Files.walk(build.getRootDir().toPath())) {
            for (var file : files.filter(Files::isRegularFile).toList()) {
                var content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                for (var secret : secrets) {
                    assertFalse(content.contains(secret), "a secret is in " + file);
                }
            }
        }
    }
}
