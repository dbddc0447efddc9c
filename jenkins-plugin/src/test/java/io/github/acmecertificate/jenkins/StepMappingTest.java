package io.github.acmecertificate.jenkins;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;

import io.github.acmecertificate.core.deploy.DeployOptions;
import io.github.acmecertificate.jenkins.challenge.ChallengeSpec;
import io.github.acmecertificate.jenkins.challenge.TestChallenges;
import io.github.acmecertificate.jenkins.deploy.DeploySpec;
import io.github.acmecertificate.jenkins.deploy.SftpTargetSpec;
import io.github.acmecertificate.jenkins.deploy.TargetFileSpec;
import io.github.acmecertificate.jenkins.ssh.SshSpec;
import org.jenkinsci.Symbol;
import org.junit.Test;

/**
 * The step's describables as a Jenkinsfile writes them, turned into the plain parameters a run
 * takes, without Jenkins: what {@code dns01(...)}, {@code sftpWebroot(...)}, {@code sftp(...)} and
 * {@code targetFile(...)} become.
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
    public void aReleaseStepBecomesItsPlainParameters() {
        var p = releaseStep().toParameters();
        assertEquals(TestChallenges.dns01("cloudflare", "cloudflare-example-com", "zoneId=023e105f4ecef8ad9ca31a8372d0c353",
                "PT3M", null, false, "1.1.1.1, 9.9.9.9", 53, true, null), p.challenge());
        var web1 = new SftpTargetSpec("web1", new SshSpec("web1.example.com", 22, "web-deploy-ssh", null,
                "SHA256:k0lPbOZ6W4K/7P3rkfG3p1h6zJ1yWcXh6Lr4a5hxs2M"), "/etc/nginx/tls/example.com",
                List.of(new TargetFileSpec("fullchain.pem", null, null, null, null),
                        new TargetFileSpec("privkey.pem", null, "0640", null, "www-data")),
                "sudo nginx -t && sudo systemctl reload nginx", "443", null);
        var app1 = new SftpTargetSpec("app1", new SshSpec("app1.example.com", 2222, "web-deploy-ssh",
                "[app1.example.com]:2222 ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIE", null), null,
                List.of(new TargetFileSpec("keystore.p12", "/opt/tomcat/conf/example.com.p12", null, "tomcat", null)),
                null, null, "app.example.com");
        assertEquals(new DeploySpec(List.of(web1, app1), 2, true, "PT1M", "45", "example-com-keystore"), p.deploy());
    }

    @Test
    public void defaultsMeanNoDeployAndTheCoresDefaults() {
        var step = new AcmeCertificateStep("example.com", "web-tls");
        assertEquals(DeployOptions.DEFAULT_PARALLELISM, step.getDeployParallelism());
        assertTrue(step.getDeploy().isEmpty());
        assertEquals(DeploySpec.NONE, step.toParameters().deploy());
        var dns = new Dns01Challenge(" rfc2136 ");
        assertEquals(ChallengeSpec.dns01("rfc2136", null, null), dns.toSpec());
        assertTrue(dns.isFollowCnames());
        assertEquals(53, dns.getNameserverPort());
        var sftp = new SftpWebrootChallenge("web1", "web-ssh", "/var/www/html");
        assertEquals(ChallengeSpec.sftpWebroot(new SshSpec("web1", 22, "web-ssh", "", ""), "/var/www/html"), sftp.toSpec());
        var target = new SftpDeployTarget("web1", "web-ssh");
        target.setFiles(null);
        assertEquals(List.of(), target.toSpec().files());
    }

    @Test
    public void theSymbolsAreTheDocumentedOnes() {
        assertArrayEquals(new String[] {"dns01"}, symbol(Dns01Challenge.DescriptorImpl.class));
        assertArrayEquals(new String[] {"sftpWebroot"}, symbol(SftpWebrootChallenge.DescriptorImpl.class));
        assertArrayEquals(new String[] {"sftp"}, symbol(SftpDeployTarget.DescriptorImpl.class));
        assertArrayEquals(new String[] {"targetFile"}, symbol(DeployTargetFile.DescriptorImpl.class));
        assertArrayEquals(new String[] {"http01"}, symbol(Http01Challenge.DescriptorImpl.class));
        assertArrayEquals(new String[] {"webroot"}, symbol(WebrootChallenge.DescriptorImpl.class));
        assertEquals("no local target: it would write to the controller",
                AcmeDeployTarget.class, SftpDeployTarget.class.getSuperclass());
    }

    private static String[] symbol(Class<?> descriptor) {
        return descriptor.getAnnotation(Symbol.class).value();
    }
}
