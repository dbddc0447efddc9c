package io.github.acmecertificate.jenkins.run;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;

import io.github.acmecertificate.core.CertificateDescription;
import io.github.acmecertificate.jenkins.credentials.CredentialLookup;
import io.github.acmecertificate.jenkins.managed.CertificateSettings;
import io.github.acmecertificate.core.exception.InvalidInputException;
import io.github.acmecertificate.core.store.Pkcs12;
import io.github.acmecertificate.core.challenge.ChallengeDescription;
import io.github.acmecertificate.jenkins.challenge.TestChallenges;
import io.github.acmecertificate.jenkins.credentials.InMemoryCredentialLookup;
import io.github.acmecertificate.jenkins.credentials.UserCredential;
import io.github.acmecertificate.jenkins.managed.ManagedCertificate;
import io.github.acmecertificate.jenkins.managed.ManagedCertificateRegistry;
import io.github.acmecertificate.core.store.credentials.CertificateEntry;
import io.github.acmecertificate.core.store.credentials.CredentialsBackend;
import io.github.acmecertificate.core.store.credentials.InMemoryCredentials;
import io.github.acmecertificate.core.store.credentials.KeyStoreContent;
import io.github.acmecertificate.testca.PebbleResource;
import org.junit.Before;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * DNS-01 through the step's {@code dns01} challenge, against Pebble: the exec provider runs a
 * script that publishes the TXT records into Pebble's mock DNS through its management API, as
 * a script of yours would call your DNS service, with its token from a credential.
 */
public class Dns01PebbleTest {

    @ClassRule
    public static PebbleResource pebble = new PebbleResource();

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private static final String TOKEN = "dns-token-" + System.nanoTime();

    private final InMemoryCredentials store = new InMemoryCredentials();
    private final InMemoryCredentialLookup credentials = new InMemoryCredentialLookup()
            .put(new UserCredential.SecretText("dns-hook-token", TOKEN));
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8);
    private Path script;
    private Path calls;

    @Before
    public void writeTheScript() throws Exception {
        var port = pebble.get().challengeManagementPort().orElseThrow();
        calls = temp.getRoot().toPath().resolve("calls.log");
        script = temp.getRoot().toPath().resolve("publish-txt.sh");
        Files.writeString(script, """
                #!/bin/sh
                # exec provider contract: publish-txt.sh present|cleanup <record name> <value>
                set -e
                [ "$ACME_DNS_SECRET" = "%s" ] || { echo "ACME_DNS_SECRET is not the token" >&2; exit 3; }
                api="http://127.0.0.1:%d"
                case "$1" in
                  present) curl -fsS -d "{\\"host\\":\\"$2\\",\\"value\\":\\"$3\\"}" "$api/set-txt" ;;
                  cleanup) curl -fsS -d "{\\"host\\":\\"$2\\"}" "$api/clear-txt" ;;
                  *) exit 2 ;;
                esac
                echo "$1 $2" >> "%s"
                """.formatted(TOKEN, port, calls));
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    }

    /** The mock DNS answers every name, but is not an authoritative server with NS records. */
    private ChallengeDescription exec() {
        return TestChallenges.dns01("exec", "dns-hook-token", "command=" + script + ", timeout=PT30S", null, null,
                true, null,
                53, false, null);
    }

    private ManagedCertificateRegistry registry() {
        return new ManagedCertificateRegistry(temp.getRoot().toPath().resolve("managed"));
    }

    private CertificateRun run(Clock clock) {
        return new CertificateRun(store, credentials, registry(), clock);
    }

    @Test
    public void aWildcardAndItsBaseNameThroughTheExecProvider() throws Exception {
        var p = CertificateDescription.builder().domains("*.dns.example.test, dns.example.test").server("pebble")
                .acceptTermsOfService(true).name("wildcard-tls").challenge(exec()).build();
        var result = run(Clock.systemUTC()).run(new CertificateSettings(p, "team/site"),
                CertificateRunPebbleTest.settings(pebble.get()), "site #1", new PrintStreamProgress(out));

        assertTrue(result.renewed());
        var stored = (CertificateEntry) store.raw("wildcard-tls").orElseThrow();
        var keyStore = Pkcs12.decode(((KeyStoreContent.Pkcs12) stored.content()).bytes(),
                stored.password().toCharArray());
        var certificate = (X509Certificate) keyStore.getCertificate("wildcard-tls");
        var names = certificate.getSubjectAlternativeNames().stream().map(n -> String.valueOf(n.get(1))).toList();
        assertTrue(names.toString(), names.contains("*.dns.example.test") && names.contains("dns.example.test"));

        var lines = Files.readAllLines(calls);
        assertEquals(lines.toString(), 2, lines.stream()
                .filter(l -> l.equals("present _acme-challenge.dns.example.test."))
                .count());
        assertEquals("every value removed afterwards", 2, lines.stream()
                .filter(l -> l.equals("cleanup _acme-challenge.dns.example.test.")).count());
        assertEquals(List.of("dns-hook-token"), credentials.used());
        assertFalse("the token stays out of the log", log.toString(StandardCharsets.UTF_8).contains(TOKEN));

        var record = registry().find("", "wildcard-tls").orElseThrow();
        assertEquals(exec(), record.template().certificate().challenge());
        assertEquals("team/site", record.template().job());
        assertFalse(record.toProperties().toString().contains(TOKEN));
    }

    @Test
    public void theScheduledRenewalRebuildsDns01FromTheRecordWithTheJobsCredential() throws Exception {
        var settings = CertificateRunPebbleTest.settings(pebble.get());
        var p = CertificateDescription.builder().domains("renew.dns.example.test").server("pebble")
                .acceptTermsOfService(true).name("renew-dns-tls").challenge(exec()).build();
        var first = run(Clock.systemUTC()).run(new CertificateSettings(p, "team/site"), settings, "site #1",
                new PrintStreamProgress(out));
        var record = registry().find("", "renew-dns-tls").orElseThrow();
        var due = Clock.fixed(record.dueAt().plus(Duration.ofMinutes(1)), ZoneOffset.UTC);
        var asked = new java.util.ArrayList<String>();

        var summary = new ScheduledRenewal(registry(), new ScheduledRenewal.Environment() {
            @Override
            public CredentialsBackend backend(ManagedCertificate managed) {
                return store;
            }

            @Override
            public InMemoryCredentialLookup credentials(ManagedCertificate managed) {
                asked.add(managed.template().job());
                return credentials;
            }

            @Override
            public CredentialLookup secrets() {
                return CredentialLookup.NONE;
            }

            @Override
            public GlobalSettings settings() {
                return settings;
            }

            @Override
            public boolean fipsMode() {
                return false;
            }
        }, due).run(event -> out.println(event.message()));

        assertEquals(new ScheduledRenewal.Summary(1, 1, 0), summary);
        assertEquals("the credentials of the job that ran the step", List.of("team/site"), asked);
        assertNotEquals(first.serialNumber(), registry().find("", "renew-dns-tls").orElseThrow().serialNumber());
        assertFalse(log.toString(StandardCharsets.UTF_8).contains(TOKEN));
    }

    @Test
    public void mistakesInTheChallengeAndTheTargetsAreReportedTogetherBeforeTheCaIsAsked() throws Exception {
        long before = pebble.get().requestCount("");
        var challenge = TestChallenges.dns01("exec", "missing-token", "command=" + script + ", secret=inline", "soon",
                null,
                false, "not a resolver!", 53, true, null);
        var target = TestChallenges.sftp("web1", new TestChallenges.Ssh("127.0.0.1", 22, "dns-hook-token", null,
                "SHA256:nope"),
                "relative/dir", List.of(), null, null, null);
        var p = CertificateDescription.builder().domains("bad.dns.example.test").server("pebble")
                .acceptTermsOfService(true).name("bad-dns-tls").challenge(challenge).targets(List.of(target))
                .deployParallelism(99).deployForce(false).deployCommandTimeout("forever").build();

        var ex = assertThrows(InvalidInputException.class, () -> run(Clock.systemUTC()).run(
                new CertificateSettings(p, "team/site"), CertificateRunPebbleTest.settings(pebble.get()), "job",
                new PrintStreamProgress(out)));

        var message = StepErrors.message(ex);
        for (var parameter : List.of("challenge: dns01(credentialsId: ...)", "challenge: dns01(options: 'secret=...')",
                "challenge: dns01(propagationTimeout: ...)", "challenge: dns01(resolvers: ...)",
                "deploy: sftp(credentialsId: ...)", "deploy: sftp(hostKeyFingerprint: ...)", "deployParallelism",
                "deployCommandTimeout")) {
            assertTrue(message, message.contains("  - " + parameter + ": "));
        }
        assertFalse("the inline secret is not repeated", message.contains("inline"));
        assertEquals("nothing was sent to the CA", before, pebble.get().requestCount(""));
        assertTrue(store.ids().isEmpty());
        assertFalse(Files.exists(calls));
    }
}
