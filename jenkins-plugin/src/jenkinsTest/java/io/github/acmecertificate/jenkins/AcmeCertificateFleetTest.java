package io.github.acmecertificate.jenkins;

import static io.github.acmecertificate.jenkins.PebbleForJenkins.job;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardCertificateCredentials;
import hudson.model.Item;
import hudson.model.Result;
import hudson.model.User;
import hudson.security.ACL;
import io.github.acmecertificate.testca.Pebble;
import jenkins.model.Jenkins;
import jenkins.security.QueueItemAuthenticatorConfiguration;
import org.jenkinsci.plugins.workflow.cps.SnippetizerTester;
import org.jenkinsci.plugins.workflow.steps.StepConfigTester;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.MockQueueItemAuthenticator;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * Several certificates in one {@code acmeCertificate} call: the Jenkinsfile syntax, the Snippet
 * Generator's form, real Pipelines against Pebble, and the security rules applied to each
 * certificate. Runs only in the -Pjenkins build.
 */
@WithJenkins
class AcmeCertificateFleetTest {

    private static Pebble pebble;

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

    private static StandardCertificateCredentials certificate(String id) {
        return CredentialsProvider.lookupCredentialsInItemGroup(StandardCertificateCredentials.class, Jenkins.get(),
                ACL.SYSTEM2).stream().filter(c -> c.getId().equals(id)).findFirst().orElse(null);
    }

    private static AcmeCertificateStep twoCertificates() {
        var step = new AcmeCertificateStep(null, null);
        step.setServer("letsencrypt");
        step.setAcceptTermsOfService(true);
        step.setConcurrency(4);
        var b = new AcmeCertificate("b.example", "b-tls");
        b.setKeyType("rsa-2048");
        b.setChallenge(new WebrootChallenge("/var/www/b"));
        step.setCertificates(List.of(new AcmeCertificate("a.example,www.a.example", "a-tls"), b));
        return step;
    }

    @Test
    void theFormAndTheSnippetGeneratorRoundTripACertificatesList(JenkinsRule j) throws Exception {
        var step = twoCertificates();
        j.assertEqualDataBoundBeans(step, new StepConfigTester(j).configRoundTrip(step));

        var snippets = new SnippetizerTester(j);
        snippets.assertRoundTrip(step, "acmeCertificate acceptTermsOfService: true, certificates: "
                + "[[credentialsId: 'a-tls', domains: 'a.example,www.a.example'], "
                + "[challenge: webroot('/var/www/b'), credentialsId: 'b-tls', domains: 'b.example', "
                + "keyType: 'rsa-2048']], concurrency: 4, server: 'letsencrypt'");
        snippets.assertParseStep(step, """
                acmeCertificate server: 'letsencrypt', acceptTermsOfService: true, concurrency: 4,
                        certificates: [[domains: 'a.example,www.a.example', credentialsId: 'a-tls'],
                                       [domains: 'b.example', credentialsId: 'b-tls', keyType: 'rsa-2048',
                                        challenge: webroot(path: '/var/www/b')]]
                """);
        SnippetizerTester.assertDocGeneration(AcmeCertificateStep.class);
    }

    @Test
    void severalCertificatesInOnePipelineCallThenOneBadOneFailsTheBuildAtTheEnd(JenkinsRule j) throws Exception {
        PebbleForJenkins.configure(pebble);
        var job = job(j, "fleet", """
                def certs = acmeCertificate acceptTermsOfService: true, challenge: %s,
                        certificates: [[domains: 'one.example.test', credentialsId: 'one-tls'],
                                       [domains: 'two.example.test,www.two.example.test', credentialsId: 'two-tls']]
                echo "one=${certs['one-tls'].renewed} two=${certs['two-tls'].serialNumber}"
                """.formatted(PebbleForJenkins.challenge(pebble)));
        var build = j.buildAndAssertSuccess(job);
        j.assertLogContains("one=true", build);
        j.assertLogContains("[one-tls] ", build);
        j.assertLogContains("[two-tls] ", build);
        j.assertLogContains("2 certificates: 2 issued, 0 renewed, 0 not due, 0 failed", build);
        assertNotNull(certificate("one-tls"));
        assertNotNull(certificate("two-tls"));

        var bad = job(j, "bad", """
                acmeCertificate acceptTermsOfService: true, challenge: %s,
                        certificates: [[domains: 'good.example.test', credentialsId: 'good-tls'],
                                       [domains: 'bad name.example.test', credentialsId: 'bad-tls']]
                """.formatted(PebbleForJenkins.challenge(pebble)));
        var failed = j.buildAndAssertStatus(Result.FAILURE, bad);
        j.assertLogContains("acmeCertificate: 1 of 2 certificates failed (the others were run):", failed);
        j.assertLogContains("  - bad-tls: invalid domains: ", failed);
        j.assertLogNotContains("\tat ", failed);
        assertNotNull(certificate("good-tls"), "the good certificate was issued");
        assertNull(certificate("bad-tls"));
    }

    @Test
    void everyCertificateIsHeldToTheControllerRulesOfASingleOne(JenkinsRule j) throws Exception {
        PebbleForJenkins.configure(pebble);
        AcmeGlobalConfiguration.get().setAllowHttp01OnController(false);
        j.jenkins.setSecurityRealm(j.createDummySecurityRealm());
        j.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ, Item.READ, Item.BUILD, Item.DISCOVER, CredentialsProvider.CREATE,
                        CredentialsProvider.UPDATE, CredentialsProvider.USE_ITEM).everywhere().to("dev"));
        var job = job(j, "dev", """
                acmeCertificate acceptTermsOfService: true, challenge: %s,
                        certificates: [[domains: 'dev1.example.test', credentialsId: 'dev1-tls'],
                                       [domains: 'dev2.example.test', credentialsId: 'dev2-tls']]
                """.formatted(PebbleForJenkins.challenge(pebble)));
        QueueItemAuthenticatorConfiguration.get().getAuthenticators()
                .add(new MockQueueItemAuthenticator().authenticate("dev", User.getById("dev", true).impersonate2()));
        long requests = pebble.requestCount("");
        var refused = j.buildAndAssertStatus(Result.FAILURE, job);
        j.assertLogContains("2 of 2 certificates failed", refused);
        j.assertLogContains("  - dev1-tls: ", refused);
        j.assertLogContains("  - dev2-tls: ", refused);
        j.assertLogContains("it runs as dev (without Overall/Administer)", refused);
        assertEquals(requests, pebble.requestCount(""), "nothing reached the CA");
        assertNull(certificate("dev1-tls"));
    }

    @Test
    void theRenewalConcurrencyIsAGlobalSetting(JenkinsRule j) throws Exception {
        var configuration = AcmeGlobalConfiguration.get();
        assertEquals(8, configuration.getRenewalConcurrency());
        configuration.setRenewalConcurrency(3);
        j.configRoundtrip();
        assertEquals(3, AcmeGlobalConfiguration.get().getRenewalConcurrency());
    }
}
