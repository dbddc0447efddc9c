package io.github.acmecertificate.jenkins;

import org.jenkinsci.plugins.workflow.cps.SnippetizerTester;
import org.jenkinsci.plugins.workflow.steps.StepConfigTester;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** The step's form (Snippet Generator) and its Pipeline syntax. Runs only in the -Pjenkins build. */
@WithJenkins
class AcmeCertificateStepConfigTest {

    private static AcmeCertificateStep full() {
        var step = new AcmeCertificateStep("example.com,www.example.com", "web-tls");
        step.setServer("letsencrypt-staging");
        step.setAcceptTermsOfService(true);
        step.setEmail("ops@example.com");
        step.setAccountCredentialsId("team-acme-account");
        var http = new Http01Challenge();
        http.setPort(8080);
        http.setAddress("127.0.0.1");
        step.setChallenge(http);
        step.setKeyType("rsa-2048");
        step.setRenewBefore("P30D");
        step.setForce(true);
        return step;
    }

    @Test
    void formRoundTrip(JenkinsRule j) throws Exception {
        var tester = new StepConfigTester(j);
        var step = full();
        j.assertEqualDataBoundBeans(step, tester.configRoundTrip(step));

        var webroot = new AcmeCertificateStep("example.com", "web-tls");
        webroot.setChallenge(new WebrootChallenge("/var/www/html"));
        j.assertEqualDataBoundBeans(webroot, tester.configRoundTrip(webroot));
    }

    @Test
    void snippets(JenkinsRule j) throws Exception {
        var snippets = new SnippetizerTester(j);
        var webroot = new AcmeCertificateStep("example.com", "web-tls");
        webroot.setChallenge(new WebrootChallenge("/var/www/html"));
        snippets.assertRoundTrip(webroot,
                "acmeCertificate challenge: webroot('/var/www/html'), credentialsId: 'web-tls', domains: 'example.com'");
        snippets.assertParseStep(full(), """
                acmeCertificate domains: 'example.com,www.example.com', credentialsId: 'web-tls',
                        server: 'letsencrypt-staging', acceptTermsOfService: true, email: 'ops@example.com',
                        accountCredentialsId: 'team-acme-account', keyType: 'rsa-2048', renewBefore: 'P30D',
                        force: true, challenge: http01(address: '127.0.0.1', port: 8080)
                """);
        SnippetizerTester.assertDocGeneration(AcmeCertificateStep.class);
    }
}
