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
    void dns01SftpWebrootAndDeployTargetsRoundTripThroughTheForm(JenkinsRule j) throws Exception {
        var tester = new StepConfigTester(j);
        var release = StepMappingTest.releaseStep();
        j.assertEqualDataBoundBeans(release, tester.configRoundTrip(release));

        var dns = new Dns01Challenge("rfc2136");
        dns.setCredentialsId("dns-example-com");
        dns.setOptions("nameserver=ns1.example.com\ntsigAlgorithm=hmac-sha256");
        dns.setSkipPropagationCheck(true);
        dns.setNameserverPort(5353);
        dns.setFollowCnames(false);
        dns.setPropagationInterval("PT5S");
        dns.setQueryTimeout("PT2S");
        var step = new AcmeCertificateStep("*.example.com", "web-tls");
        step.setChallenge(dns);
        j.assertEqualDataBoundBeans(step, tester.configRoundTrip(step));

        var sftp = new SftpWebrootChallenge("web1.example.com", "web-deploy-ssh", "/var/www/example.com");
        sftp.setPort(2222);
        sftp.setKnownHosts("[web1.example.com]:2222 ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIE");
        step.setChallenge(sftp);
        j.assertEqualDataBoundBeans(step, tester.configRoundTrip(step));
    }

    @Test
    void snippetsOfTheNewDescribables(JenkinsRule j) throws Exception {
        var snippets = new SnippetizerTester(j);
        var dns = new AcmeCertificateStep("example.com", "web-tls");
        dns.setChallenge(new Dns01Challenge("rfc2136"));
        snippets.assertRoundTrip(dns,
                "acmeCertificate challenge: dns01('rfc2136'), credentialsId: 'web-tls', domains: 'example.com'");
        var deploy = new AcmeCertificateStep("example.com", "web-tls");
        deploy.setDeploy(java.util.List.of(new SftpDeployTarget("web1.example.com", "web-ssh")));
        snippets.assertRoundTrip(deploy, "acmeCertificate credentialsId: 'web-tls', "
                + "deploy: [sftp(credentialsId: 'web-ssh', host: 'web1.example.com')], domains: 'example.com'");
        snippets.assertParseStep(StepMappingTest.releaseStep(), """
                acmeCertificate domains: '*.example.com,example.com', credentialsId: 'example-com-tls',
                        server: 'letsencrypt', acceptTermsOfService: true,
                        challenge: dns01(provider: 'cloudflare', credentialsId: 'cloudflare-example-com',
                                         options: 'zoneId=023e105f4ecef8ad9ca31a8372d0c353',
                                         propagationTimeout: 'PT3M', resolvers: '1.1.1.1, 9.9.9.9'),
                        deploy: [
                            sftp(name: 'web1', host: 'web1.example.com', credentialsId: 'web-deploy-ssh',
                                 hostKeyFingerprint: 'SHA256:k0lPbOZ6W4K/7P3rkfG3p1h6zJ1yWcXh6Lr4a5hxs2M',
                                 directory: '/etc/nginx/tls/example.com',
                                 files: [targetFile(source: 'fullchain.pem'),
                                         targetFile(source: 'privkey.pem', mode: '0640', group: 'www-data')],
                                 reloadCommand: 'sudo nginx -t && sudo systemctl reload nginx', verifyTls: '443'),
                            sftp(name: 'app1', host: 'app1.example.com', port: 2222, credentialsId: 'web-deploy-ssh',
                                 knownHosts: '[app1.example.com]:2222 ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIE',
                                 files: [targetFile(source: 'keystore.p12', path: '/opt/tomcat/conf/example.com.p12',
                                                    owner: 'tomcat')],
                                 tlsServerName: 'app.example.com')],
                        deployParallelism: 2, deployForce: true, deployCommandTimeout: 'PT1M',
                        deployVerifyTimeout: '45', keystorePasswordCredentialsId: 'example-com-keystore'
                """);
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
