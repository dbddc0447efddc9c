package io.github.acmecertificate.jenkins;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;

import io.github.acmecertificate.core.CertificateDescription;
import io.github.acmecertificate.core.challenge.ChallengeType;
import io.github.acmecertificate.core.deploy.DeployOptions;
import io.github.acmecertificate.core.deploy.TargetDescription;
import io.github.acmecertificate.core.exception.InvalidInputException;
import io.github.acmecertificate.jenkins.challenge.TestChallenges;
import io.github.acmecertificate.jenkins.challenge.TestChallenges.Ssh;
import io.github.acmecertificate.jenkins.managed.CertificateSettings;
import org.jenkinsci.Symbol;
import org.junit.Test;

/**
 * The step's describables as a Jenkinsfile writes them, turned into the plain settings a run
 * takes, without Jenkins: the core's descriptions that {@code dns01(...)}, {@code sftpWebroot(...)},
 * {@code sftp(...)}, {@code deployTarget(...)} and {@code targetFile(...)} become.
 */
public class StepMappingTest {

    static AcmeCertificateStep releaseStep() {
        var step = new AcmeCertificateStep("*.example.com,example.com", "example-com-tls");
        step.setServer("letsencrypt");
        step.setAcceptTermsOfService(true);
        var dns = new Dns01Challenge("cloudflare");
        dns.setCredentialsId("cloudflare-example-com");
        dns.setOptions("zoneId=023e105f4ecef8ad9ca31a8372d0c353");
        dns.setPropagationTimeout("PT3M");
        dns.setResolvers("1.1.1.1, 9.9.9.9");
        step.setChallenge(dns);
        var nginx = new SftpDeployTarget("web1.example.com", "web-deploy-ssh");
        nginx.setName("web1");
        nginx.setHostKeyFingerprint("SHA256:k0lPbOZ6W4K/7P3rkfG3p1h6zJ1yWcXh6Lr4a5hxs2M");
        nginx.setDirectory("/etc/nginx/tls/example.com");
        var key = new DeployTargetFile("privkey.pem");
        key.setMode("0640");
        key.setGroup("www-data");
        nginx.setFiles(List.of(new DeployTargetFile("fullchain.pem"), key));
        nginx.setReloadCommand("sudo nginx -t && sudo systemctl reload nginx");
        nginx.setVerifyTls("443");
        var tomcat = new SftpDeployTarget("app1.example.com", "web-deploy-ssh");
        tomcat.setName("app1");
        tomcat.setPort(2222);
        tomcat.setKnownHosts("[app1.example.com]:2222 ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIE");
        var keystore = new DeployTargetFile("keystore.p12");
        keystore.setPath("/opt/tomcat/conf/example.com.p12");
        keystore.setOwner("tomcat");
        tomcat.setFiles(List.of(keystore));
        tomcat.setTlsServerName("app.example.com");
        step.setDeploy(List.of(nginx, tomcat));
        step.setDeployParallelism(2);
        step.setDeployForce(true);
        step.setDeployCommandTimeout(" PT1M ");
        step.setDeployVerifyTimeout("45");
        step.setKeystorePasswordCredentialsId("example-com-keystore");
        return step;
    }

    @Test
    public void aReleaseStepBecomesItsPlainParameters() throws Exception {
        var settings = releaseStep().toSettings("team/release");
        var p = settings.certificate();
        assertEquals(TestChallenges.dns01("cloudflare", "cloudflare-example-com",
                "zoneId=023e105f4ecef8ad9ca31a8372d0c353",
                "PT3M", null, false, "1.1.1.1, 9.9.9.9", 53, true, null), p.challenge());
        var web1 = TestChallenges.sftp("web1", new Ssh("web1.example.com", 22, "web-deploy-ssh", null,
                "SHA256:k0lPbOZ6W4K/7P3rkfG3p1h6zJ1yWcXh6Lr4a5hxs2M"), "/etc/nginx/tls/example.com",
                List.of(TestChallenges.file("fullchain.pem", null, null, null, null),
                        TestChallenges.file("privkey.pem", null, "0640", null, "www-data")),
                "sudo nginx -t && sudo systemctl reload nginx", "443", null);
        var app1 = TestChallenges.sftp("app1", new Ssh("app1.example.com", 2222, "web-deploy-ssh",
                "[app1.example.com]:2222 ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIE", null), null,
                List.of(TestChallenges.file("keystore.p12", "/opt/tomcat/conf/example.com.p12", null, "tomcat", null)),
                null, null, "app.example.com");
        assertEquals(List.of(web1, app1), p.targets());
        assertEquals("2", p.deployParallelism());
        assertEquals("true", p.deployForce());
        assertEquals("PT1M", p.deployCommandTimeout());
        assertEquals("45", p.deployVerifyTimeout());
        assertEquals("example-com-keystore", p.keystorePassword());
        assertEquals("team/release", settings.job());
        assertEquals("the step and the record read the same", settings,
                CertificateSettings.fromRecord(settings.toRecord()));
    }

    @Test
    public void anyTargetTypeIsWrittenAsDeployTarget() throws Exception {
        var journal = new GenericDeployTarget("journal");
        journal.setOptions("name=j1\ndirectory=/srv/tls\njournal=/srv/tls.log");
        journal.setFiles(List.of(new DeployTargetFile("cert.pem")));
        assertEquals(new TargetDescription("journal", Map.of("name", "j1", "directory", "/srv/tls",
                "journal", "/srv/tls.log"), List.of(TestChallenges.file("cert.pem", null, null, null, null))),
                journal.toDescription());
        var written = new java.util.LinkedHashMap<String, Object>();
        written.put("name", "j1");
        written.put("directory", "/srv/tls");
        written.put("journal", "/srv/tls.log");
        written.put("hostKeyFingerprint", "SHA256:a, SHA256:b");
        journal.setOptions((String) GenericDeployTarget.optionsText(written));
        assertEquals("a Jenkinsfile's map of options is the same description, commas and all",
                Map.of("name", "j1", "directory", "/srv/tls", "journal", "/srv/tls.log",
                        "hostKeyFingerprint", "SHA256:a, SHA256:b"), journal.toDescription().options());
        assertEquals("text is kept as it is", "a=1", GenericDeployTarget.optionsText("a=1"));
        assertThrows(IllegalArgumentException.class, () -> GenericDeployTarget.optionsText(Map.of("knownHosts",
                "h ssh-ed25519 AAAA\nh ssh-rsa BBBB")));
        journal.setOptions("directory");
        var ex = assertThrows(InvalidInputException.class, journal::toDescription);
        assertEquals("deploy: deployTarget(options: ...)", io.github.acmecertificate.jenkins.run.StepErrors
                .parameter(ex.field()));
    }

    @Test
    public void defaultsMeanNoDeployAndTheCoresDefaults() throws Exception {
        var step = new AcmeCertificateStep("example.com", "web-tls");
        assertEquals(DeployOptions.DEFAULT_PARALLELISM, step.getDeployParallelism());
        assertTrue(step.getDeploy().isEmpty());
        var settings = step.toSettings("").certificate();
        assertEquals(List.of(), settings.targets());
        assertEquals(Integer.toString(DeployOptions.DEFAULT_PARALLELISM), settings.deployParallelism());
        assertEquals(CertificateDescription.DEFAULT_CHALLENGE, settings.challenge());
        assertEquals(CertificateDescription.DEFAULT_CHALLENGE, new Http01Challenge().toDescription());
        var dns = new Dns01Challenge(" rfc2136 ");
        assertEquals(TestChallenges.dns01("rfc2136", null, null), dns.toDescription());
        assertTrue(dns.isFollowCnames());
        assertEquals(53, dns.getNameserverPort());
        var sftp = new SftpWebrootChallenge("web1", "web-ssh", "/var/www/html");
        assertEquals(TestChallenges.sftpWebroot(new Ssh("web1", 22, "web-ssh", "", ""), "/var/www/html"),
                sftp.toDescription());
        var target = new SftpDeployTarget("web1", "web-ssh");
        target.setFiles(null);
        assertEquals(List.of(), target.toDescription().files());
    }

    @Test
    public void theSymbolsAreTheDocumentedOnes() {
        assertArrayEquals(new String[] {"dns01"}, symbol(Dns01Challenge.DescriptorImpl.class));
        assertArrayEquals(new String[] {"sftpWebroot"}, symbol(SftpWebrootChallenge.DescriptorImpl.class));
        assertArrayEquals(new String[] {"sftp"}, symbol(SftpDeployTarget.DescriptorImpl.class));
        assertArrayEquals(new String[] {"targetFile"}, symbol(DeployTargetFile.DescriptorImpl.class));
        assertArrayEquals(new String[] {"http01"}, symbol(Http01Challenge.DescriptorImpl.class));
        assertArrayEquals(new String[] {"webroot"}, symbol(WebrootChallenge.DescriptorImpl.class));
        assertArrayEquals(new String[] {"deployTarget"}, symbol(GenericDeployTarget.DescriptorImpl.class));
        assertTrue(AcmeDeployTarget.class.isAssignableFrom(SftpDeployTarget.class));
        assertTrue(AcmeDeployTarget.class.isAssignableFrom(GenericDeployTarget.class));
        var types = io.github.acmecertificate.jenkins.run.FormChecks.targetTypes().stream().map(Map.Entry::getKey)
                .toList();
        assertTrue(types.toString(), types.containsAll(List.of("sftp", "journal")));
        assertFalse("no local target: it would write to the controller", types.contains("local"));
    }

    private static String[] symbol(Class<?> descriptor) {
        return descriptor.getAnnotation(Symbol.class).value();
    }
    @Test
    public void eachOfSeveralCertificatesSharesTheStepsOptionsAndKeepsItsOwn() throws Exception {
        var step = new AcmeCertificateStep(null, null);
        step.setServer("letsencrypt");
        step.setAcceptTermsOfService(true);
        step.setEmail("ops@example.com");
        step.setKeyType("ec-p384");
        step.setRenewBefore("P30D");
        step.setChallenge(new Http01Challenge());
        var web = new SftpDeployTarget("web1.example.com", "web-deploy-ssh");
        web.setName("web1");
        step.setDeploy(List.of(web));
        step.setConcurrency(4);
        var a = new AcmeCertificate("a.example,www.a.example", "a-tls");
        var b = new AcmeCertificate(" b.example ", "b-tls");
        b.setKeyType("rsa-2048");
        b.setRenewBefore("P10D");
        b.setProfile("shortlived");
        b.setForce(true);
        b.setChallenge(new Dns01Challenge("cloudflare"));
        b.setDeploy(List.of());
        step.setCertificates(List.of(a, b));

        var settings = step.toCertificateSettings("team/fleet");

        assertEquals(2, settings.size());
        assertEquals("team/fleet", settings.get(0).job());
        var first = settings.get(0).certificate();
        assertEquals("a-tls", first.name());
        assertEquals("a.example,www.a.example", first.domains());
        assertEquals("letsencrypt", first.server());
        assertEquals("true", first.acceptTermsOfService());
        assertEquals("ops@example.com", first.email());
        assertEquals("ec-p384", first.keyType());
        assertEquals("P30D", first.renewBefore());
        assertFalse(first.forced());
        assertEquals(ChallengeType.HTTP_01, first.challenge().type());
        assertEquals(List.of("web1"), first.targets().stream().map(t -> t.get("name")).toList());
        var second = settings.get(1).certificate();
        assertEquals("b-tls", second.name());
        assertEquals("b.example", second.domains());
        assertEquals("rsa-2048", second.keyType());
        assertEquals("P10D", second.renewBefore());
        assertEquals("shortlived", second.profile());
        assertEquals("the step's profile", "", first.profile());
        assertTrue(second.forced());
        assertEquals(ChallengeType.DNS_01, second.challenge().type());
        assertEquals("an empty list deploys it nowhere", List.of(), second.targets());
        assertEquals("ops@example.com", second.email());
        assertEquals(4, step.getConcurrency());
    }

    @Test
    public void domainsBesideCertificatesAreRefusedNamingTheFix() {
        var step = new AcmeCertificateStep("a.example", null);
        step.setCertificates(List.of(new AcmeCertificate("b.example", "b-tls")));
        var refused = assertThrows(InvalidInputException.class, () -> step.toCertificateSettings("job"));
        assertEquals("domains", refused.problems().get(0).field());
        assertTrue(refused.getMessage(), refused.problems().get(0).problem().contains("inside certificates"));
        var defaults = new AcmeCertificateStep("a.example", "a-tls");
        assertEquals(8, defaults.getConcurrency());
        assertEquals(List.of(), defaults.getCertificates());
    }
}
