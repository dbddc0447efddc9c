package io.github.acmecertificate.core;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.github.acmecertificate.core.challenge.ChallengeDescription;
import io.github.acmecertificate.core.challenge.ChallengeSolver;
import io.github.acmecertificate.core.challenge.ChallengeType;
import io.github.acmecertificate.core.config.Credential;
import io.github.acmecertificate.core.deploy.DeployOptions;
import io.github.acmecertificate.core.deploy.TargetDescription;
import io.github.acmecertificate.core.deploy.TargetDescription.FileEntry;
import io.github.acmecertificate.core.exception.InvalidInputException;
import io.github.acmecertificate.core.exception.InvalidInputException.Problem;
import io.github.acmecertificate.core.ssh.SshEndpoint;
import org.junit.Test;

/** The one description of a certificate to provision and deploy: records, and every check in one go. */
public class CertificateDescriptionTest {

    /** Credentials by reference; every lookup is counted so a test can see none happened. */
    private static class Secrets implements CertificateDescription.Context {
        final Map<String, Credential> credentials = new HashMap<>();
        final List<String> asked = new ArrayList<>();

        @Override
        public Credential credential(String field, String reference) throws InvalidInputException {
            asked.add(reference);
            var found = credentials.get(reference);
            if (found == null) {
                throw new InvalidInputException(field, "no credential '" + reference + "'");
            }
            return found;
        }

        @Override
        public SshEndpoint sshEndpoint(ChallengeDescription description) throws InvalidInputException {
            throw new InvalidInputException("sftpWebroot.server", "no SSH here");
        }

        @Override
        public SshEndpoint sshEndpoint(TargetDescription description) throws InvalidInputException {
            throw new InvalidInputException("targets.credential", "no SSH here");
        }
    }

    private static CertificateDescription full() throws InvalidInputException {
        return CertificateDescription.builder().name("web-tls").domains("example.test,\nwww.example.test")
                .server("https://ca.test/dir").email("ops@example.test").account("acme-account-x")
                .acceptTermsOfService(true).keyType("rsa-2048").renewBefore("P20D").profile("shortlived")
                .force(false).reuseKey("true").preferredChain("Root X2").timeout("2m").eab("eab-ref")
                .challenge(ChallengeDescription.builder("dns-01").option("provider", "exec")
                        .option("options", "command=/bin/true").option("credential", "dns-token").build())
                .targets(List.of(new TargetDescription("sftp", Map.of("name", "web1", "host", "web1.example.test",
                        "credential", "deploy-ssh"), List.of(new FileEntry("fullchain.pem", "/etc/tls/a.pem", "0640",
                        null, "www-data"))), new TargetDescription("local", Map.of("directory", "/srv/tls"), null)))
                .deployParallelism(2).deployForce(true).deployCommandTimeout("PT1M").deployVerifyTimeout("10s")
                .keystorePassword("keystore-password").build();
    }

    @Test
    public void theRecordKeepsEveryValueAndNoSecret() throws Exception {
        var description = full();
        var record = description.toRecord();
        assertEquals(description, CertificateDescription.fromRecord(record));
        assertEquals("web-tls", record.get("name"));
        assertEquals("dns-01", record.get("challenge"));
        assertEquals("dns-token", record.get("challenge.credential"));
        assertEquals("web1.example.test", record.get("targets.0.host"));
        assertEquals("www-data", record.get("targets.0.file.0.group"));
        assertEquals("keystore-password", record.get("keystorePassword"));
        assertFalse("blank values are left out", record.containsKey("targets.1.file.0.path"));
        assertEquals(description, description.toBuilder().build());
        assertTrue(description.toBuilder().force(true).build().forced());
        assertFalse(description.forced());
    }

    @Test
    public void anEmptyRecordIsTheDefaults() {
        var read = CertificateDescription.fromRecord(Map.of("job", "ignored"));
        assertEquals(CertificateDescription.builder().build(), read);
        assertEquals(CertificateDescription.DEFAULT_CHALLENGE, read.challenge());
        assertEquals(List.of(), read.targets());
        assertThrows(IllegalArgumentException.class, () -> CertificateDescription.fromRecord(Map.of("targets",
                "two")));
        assertThrows(IllegalArgumentException.class, () -> CertificateDescription.fromRecord(Map.of("challenge",
                "smoke-signals")));
    }

    @Test
    public void everyProblemIsReportedOnceNamingItsField() throws Exception {
        var context = new Secrets();
        var bad = CertificateDescription.builder().name("bad name").domains("bad name.test").server("not a url")
                .email("not-an-email").acceptTermsOfService("yes").keyType("dsa").renewBefore("soon").force("maybe")
                .timeout("-").eab("no-such-eab").challenge(ChallengeDescription.builder("http-01")
                        .option("port", "99999").build())
                .targets(List.of(new TargetDescription("teleport", Map.of(), null)))
                .deployParallelism("100").deployForce("often").deployCommandTimeout("forever")
                .deployVerifyTimeout("0x").keystorePassword("no-such-password").build();
        var refused = assertThrows(InvalidInputException.class, () -> bad.prepare(context));
        var fields = new TreeSet<String>();
        refused.problems().stream().map(Problem::field).forEach(fields::add);
        for (var field : List.of("name", "domains", "server", "email", "acceptTermsOfService", "keyType",
                "renewBefore", "force", "timeout", "eab", "http.port", "targets.type", "deployParallelism",
                "deployForce", "deployCommandTimeout", "deployVerifyTimeout", "keystorePassword")) {
            assertTrue(field + " is named in " + fields, fields.contains(field));
        }
        assertFalse("without a solver, the missing challenge is not repeated", fields.contains("challenge"));
        assertEquals("one problem per field at most here", refused.problems().size(), Set.copyOf(refused.problems())
                .size());
    }

    @Test
    public void aValidDescriptionBecomesTheRequestAndThePlan() throws Exception {
        var context = new Secrets();
        context.credentials.put("ks", new Credential(null, "changeit-password"));
        var description = CertificateDescription.builder().domains("example.test, www.example.test")
                .server("https://ca.test/dir").acceptTermsOfService(true).renewBefore("P10D").timeout("90s")
                .challenge(ChallengeDescription.builder(ChallengeType.HTTP_01).option("port", "8080").build())
                .targets(List.of(new TargetDescription("local", Map.of("name", "here", "directory",
                        System.getProperty("java.io.tmpdir")), null)))
                .deployParallelism("3").deployCommandTimeout("PT45S").keystorePassword("ks").build();
        var prepared = description.prepare(context);
        try (ChallengeSolver solver = prepared.request().solver()) {
            assertEquals("example.test", prepared.request().name());
            assertEquals(2, prepared.request().names().size());
            assertEquals(Duration.ofSeconds(90), prepared.request().timeout());
            var options = prepared.deployPlan().options();
            assertEquals(3, options.parallelism());
            assertEquals(Duration.ofSeconds(45), options.commandTimeout());
            assertEquals(DeployOptions.DEFAULT_VERIFY_TIMEOUT, options.verifyTimeout());
            assertEquals("changeit-password", new String(options.keystorePassword().orElseThrow()));
            assertEquals(1, prepared.deployPlan().targets().size());
            assertEquals(List.of("ks"), context.asked);
        }
    }

    @Test
    public void thePlanIsCheckedAsAWholeAlsoWhenTheRequestIsWrong() {
        var twice = new TargetDescription("local", Map.of("name", "here", "directory",
                System.getProperty("java.io.tmpdir")), null);
        var description = CertificateDescription.builder().domains("bad name.test").server("https://ca.test/dir")
                .targets(List.of(twice, twice)).build();
        var refused = assertThrows(InvalidInputException.class, () -> description.prepare(new Secrets()));
        var fields = refused.problems().stream().map(Problem::field).toList();
        assertTrue(fields.toString(), fields.containsAll(List.of("domains", "targets.name")));
    }

    @Test
    public void theFrontEndsRulesJoinTheSameReport() {
        var context = new Secrets() {
            @Override
            public io.github.acmecertificate.core.deploy.DeployTarget target(TargetDescription target)
                    throws InvalidInputException {
                throw new InvalidInputException("targets.type", "'" + target.type() + "' is refused here");
            }

            @Override
            public void complete(CertificateRequest.Builder request) throws InvalidInputException {
                throw new InvalidInputException("serverTrust", "no trusted root");
            }
        };
        var description = CertificateDescription.builder().domains("example.test").server("https://ca.test/dir")
                .targets(List.of(new TargetDescription("local", Map.of("directory", "/srv"), null))).build();
        var refused = assertThrows(InvalidInputException.class, () -> description.prepare(context));
        assertEquals(List.of("serverTrust", "targets.type"), refused.problems().stream().map(Problem::field)
                .toList());
    }
}
