package io.github.acmecertificate.maven;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.util.List;

import io.github.acmecertificate.core.exception.InvalidInputException;
import io.github.acmecertificate.testca.DurationForms;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** How the goals read their parameters: with the core's parser, before any network call. */
public class MojoParametersTest {

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private IssueMojo issue() throws Exception {
        return TestMojos.issue(folder.newFolder(), List.of("example.test"));
    }

    @Test
    public void everyDurationFormIsReadTheSameByEveryDurationParameter() throws Exception {
        for (var form : DurationForms.VALID) {
            var mojo = issue();
            mojo.timeout = form.text();
            mojo.renewBefore = form.text();
            mojo.deployCommandTimeout = form.text();
            mojo.deployVerifyTimeout = form.text();
            assertEquals(form.text(), form.expected(), mojo.prepare().request().timeout());
            var options = mojo.prepare().deployPlan().options();
            assertEquals(form.text(), form.expected(), options.commandTimeout());
            assertEquals(form.text(), form.expected(), options.verifyTimeout());
        }
    }

    @Test
    public void wrongDurationsNameTheirParameter() throws Exception {
        for (var text : DurationForms.INVALID) {
            var mojo = issue();
            mojo.timeout = text;
            assertEquals("timeout", assertThrows(text, InvalidInputException.class, mojo::prepare).field());
            var renew = issue();
            renew.renewBefore = text;
            assertEquals("renewBefore", assertThrows(text, InvalidInputException.class, renew::prepare).field());
            var deploy = issue();
            deploy.deployCommandTimeout = text;
            assertEquals("deployCommandTimeout",
                    assertThrows(text, InvalidInputException.class, deploy::prepare).field());
        }
    }

    @Test
    public void aBooleanThatIsNeitherTrueNorFalseIsRefusedBeforeAnyNetworkCall() throws Exception {
        var mojo = issue();
        mojo.reuseKey = "maybe";
        var ex = assertThrows(MojoFailureException.class, mojo::execute);
        assertTrue(ex.getMessage(), ex.getMessage().startsWith("Invalid reuseKey: 'maybe' is not a boolean. "
                + "Write true or false"));
        assertTrue(ex.getMessage(), ex.getMessage().contains("-Dacme.reuseKey"));
        // Nothing was written: no account, no certificate.
        try (var files = Files.list(mojo.store.toPath())) {
            assertEquals(0, files.count());
        }
    }

    @Test
    public void anUnknownSftpWebrootTargetIsReportedWithTheOtherProblems() throws Exception {
        var mojo = issue();
        mojo.challenge = "http-01-sftp";
        mojo.sftpWebrootTarget = "web1";
        mojo.timeout = "soon";
        var ex = assertThrows(InvalidInputException.class, mojo::prepare);
        var fields = ex.problems().stream().map(InvalidInputException.Problem::field).toList();
        assertTrue(fields.toString(), fields.containsAll(List.of("sftpWebroot.server", "timeout")));
        assertTrue(ex.getMessage(), ex.getMessage().contains("no sftp target is named 'web1'"));
    }

    @Test
    public void theCertificateItsChallengeAndItsTargetsAreCheckedTogether() throws Exception {
        var mojo = issue();
        mojo.timeout = "soon";
        mojo.challenge = "smoke-signals";
        mojo.deployParallelism = "99";
        var target = new Target();
        target.type = "teleport";
        mojo.targets = List.of(target);
        var ex = assertThrows(InvalidInputException.class, mojo::prepare);
        var fields = ex.problems().stream().map(InvalidInputException.Problem::field).toList();
        assertEquals(List.of("challenge", "timeout", "targets.type", "deployParallelism"), fields);
        var failure = MojoErrors.failure(ex).getMessage();
        assertTrue(failure, failure.contains("-Dacme.deploy.parallelism"));
    }

    @Test
    public void portsAndSkipAreCheckedToo() throws Exception {
        var mojo = issue();
        mojo.httpPort = "eighty";
        assertEquals("http.port", assertThrows(InvalidInputException.class, mojo::prepare).field());
        var skipped = issue();
        skipped.skip = "perhaps";
        var ex = assertThrows(MojoFailureException.class, skipped::execute);
        assertTrue(ex.getMessage(), ex.getMessage().contains("-Dacme.skip"));
        var really = issue();
        really.skip = "TRUE";
        really.reuseKey = "maybe";
        really.execute(); // skipped before reading anything else
        assertEquals(0, really.store.list().length);
    }

    @Test
    public void coreFieldsAreRenamedFromOneTable() {
        assertEquals("acme.dns.propagationTimeout", AcmeProperties.property("dns.propagationTimeout"));
        assertEquals("acme.deploy.commandTimeout", AcmeProperties.property("deployCommandTimeout"));
        assertTrue(AcmeProperties.property("dns.credential").startsWith("acme.dns.serverId"));
        assertTrue(AcmeProperties.property("sftpWebroot.server").startsWith("acme.sftpWebroot.target"));
        assertEquals("<targets><target><host> in the POM", AcmeProperties.property("targets.host"));
        assertEquals("<targets><target><files><file><mode> in the POM", AcmeProperties.property("targets.files.mode"));
        var failure = MojoErrors.failure(new InvalidInputException("dns.credential", "is missing"));
        assertTrue(failure.getMessage(), failure.getMessage().contains("-Dacme.dns.serverId"));
    }

    @Test
    public void dnsOptionsComeFromTheBlockOrTheirUserPropertyWithTheCoresParser() throws Exception {
        for (var form : DurationForms.VALID) {
            var mojo = dns01();
            mojo.dns.propagationTimeout = form.text();
            mojo.dns.queryTimeout = form.text();
            assertEquals(form.text(), "dns-01", mojo.prepare().request().solver().challengeType());
        }
        for (var text : DurationForms.INVALID) {
            var mojo = dns01();
            mojo.dns.propagationInterval = text;
            assertEquals(text, "dns.propagationInterval",
                    assertThrows(InvalidInputException.class, mojo::prepare).field());
        }
        var mojo = dns01();
        mojo.dns.followCnames = "maybe";
        assertEquals("dns.followCnames", assertThrows(InvalidInputException.class, mojo::prepare).field());
        var fromProperty = dns01();
        System.setProperty("acme.dns.nameserverPort", "none");
        try {
            assertEquals("dns.nameserverPort", assertThrows(InvalidInputException.class, fromProperty::prepare)
                    .field());
            fromProperty.dns.nameserverPort = "5353"; // the POM wins
            assertEquals("dns-01", fromProperty.prepare().request().solver().challengeType());
        } finally {
            System.clearProperty("acme.dns.nameserverPort");
        }
    }

    private IssueMojo dns01() throws Exception {
        var mojo = issue();
        mojo.challenge = "dns01"; // read as dns-01, as in Jenkins
        mojo.domains = List.of("*.example.test");
        mojo.dns = new Dns();
        mojo.dns.provider = "exec";
        mojo.dns.options = java.util.Map.of("command", "/bin/true");
        mojo.dns.skipPropagationCheck = "true";
        mojo.dns.followCnames = "false";
        return mojo;
    }
}
