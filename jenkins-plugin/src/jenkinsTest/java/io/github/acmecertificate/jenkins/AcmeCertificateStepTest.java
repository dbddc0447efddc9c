package io.github.acmecertificate.jenkins;

import static io.github.acmecertificate.jenkins.PebbleForJenkins.job;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardCertificateCredentials;
import hudson.ExtensionList;
import hudson.model.Item;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.User;
import hudson.security.ACL;
import hudson.util.StreamTaskListener;
import io.github.acmecertificate.testca.Pebble;
import jenkins.model.Jenkins;
import jenkins.security.QueueItemAuthenticatorConfiguration;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.MockQueueItemAuthenticator;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** The step in real Pipelines, against Pebble. Runs only in the -Pjenkins build. */
@WithJenkins
class AcmeCertificateStepTest {

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

    private static StandardCertificateCredentials certificate(Item item, String id) {
        return CredentialsProvider.lookupCredentialsInItem(StandardCertificateCredentials.class, item, ACL.SYSTEM2,
                List.of()).stream().filter(c -> c.getId().equals(id)).findFirst().orElse(null);
    }

    @Test
    void issuesThenSkipsThenBindsWithWithCredentials(JenkinsRule j) throws Exception {
        PebbleForJenkins.configure(pebble);
        var job = job(j, "site", """
                def cert = acmeCertificate domains: 'site.example.test, www.site.example.test',
                        credentialsId: 'site-tls', acceptTermsOfService: true, challenge: %s
                echo "renewed=${cert.renewed} serial=${cert.serialNumber} id=${cert.credentialsId}"
                node {
                  withCredentials([certificate(credentialsId: 'site-tls', keystoreVariable: 'KS',
                                               passwordVariable: 'PW')]) {
                    if (isUnix()) {
                      sh 'test -s "$KS" && echo "keystore bound"'
                    }
                  }
                }
                """.formatted(PebbleForJenkins.challenge(pebble)));

        var first = j.buildAndAssertSuccess(job);
        j.assertLogContains("renewed=true", first);
        var credential = certificate(job, "site-tls");
        assertNotNull(credential, "the certificate credential exists");
        var leaf = (X509Certificate) credential.getKeyStore().getCertificate("site-tls");
        j.assertLogContains("serial=" + leaf.getSerialNumber().toString(16), first);
        assertTrue(credential.getDescription().contains("site.example.test, www.site.example.test"));

        long requests = pebble.requestCount("");
        var second = j.buildAndAssertSuccess(job);
        j.assertLogContains("renewed=false", second);
        j.assertLogContains("the certificate is valid until " + leaf.getNotAfter().toInstant(), second);
        j.assertLogContains("Nothing was sent to the CA", second);
        assertEquals(requests, pebble.requestCount(""), "a run that is not due sends nothing to the CA");
        assertEquals(leaf, certificate(job, "site-tls").getKeyStore().getCertificate("site-tls"),
                "the same credential, unchanged");

        assertNoSecretIn(first, credential);
        assertNoSecretIn(second, credential);
    }

    /** The password, the key store and the keys never reach the log nor the build's folder. */
    private static void assertNoSecretIn(Run<?, ?> build, StandardCertificateCredentials credential) throws Exception {
        var password = credential.getPassword().getPlainText();
        var key = credential.getKeyStore().getKey("site-tls", password.toCharArray());
        var keyBase64 = Base64.getEncoder().encodeToString(key.getEncoded());
        var account = CredentialsProvider.lookupCredentialsInItemGroup(StringCredentials.class, Jenkins.get(),
                ACL.SYSTEM2).stream().filter(c -> c.getId().startsWith("acme-account-")).findFirst().orElseThrow();
        var accountPem = account.getSecret().getPlainText();
        var accountKeyLine = accountPem.lines().filter(l -> l.length() == 64).findFirst().orElseThrow();
        var secrets = List.of(password, keyBase64.substring(8, 48), accountKeyLine);
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

    @Test
    void aBuildThatMayNotCreateCredentialsFailsWithAMessage(JenkinsRule j) throws Exception {
        PebbleForJenkins.configure(pebble);
        j.jenkins.setSecurityRealm(j.createDummySecurityRealm());
        var strategy = new MockAuthorizationStrategy()
                .grant(Jenkins.ADMINISTER).everywhere().to("admin")
                .grant(Jenkins.READ, Item.READ, Item.BUILD, Item.DISCOVER).everywhere().to("dev");
        j.jenkins.setAuthorizationStrategy(strategy);
        QueueItemAuthenticatorConfiguration.get().getAuthenticators()
                .add(new MockQueueItemAuthenticator().authenticate("limited", User.getById("dev", true).impersonate2()));
        var job = job(j, "limited", """
                acmeCertificate domains: 'limited.example.test', credentialsId: 'limited-tls',
                        acceptTermsOfService: true, challenge: %s
                """.formatted(PebbleForJenkins.challenge(pebble)));

        var refused = j.buildAndAssertStatus(Result.FAILURE, job);
        j.assertLogContains("dev may not create the credential", refused);
        j.assertLogNotContains("\tat ", refused);
        assertEquals(null, certificate(job, "limited-tls"));

        strategy.grant(CredentialsProvider.CREATE, CredentialsProvider.UPDATE).everywhere().to("dev");
        j.buildAndAssertSuccess(job);
        assertNotNull(certificate(job, "limited-tls"));

        // Writing files on the controller (webroot) needs an administrator: dev is not one.
        var webroot = job(j, "limited-webroot", """
                acmeCertificate domains: 'limited.example.test', credentialsId: 'limited-webroot-tls',
                        challenge: webroot(path: '/var/www/html')
                """);
        QueueItemAuthenticatorConfiguration.get().getAuthenticators().add(new MockQueueItemAuthenticator()
                .authenticate("limited-webroot", User.getById("dev", true).impersonate2()));
        var controller = j.buildAndAssertStatus(Result.FAILURE, webroot);
        j.assertLogContains("webroot(path: '/var/www/html') writes files on the controller, which this build may "
                + "not do: it runs as dev (without Overall/Administer)", controller);
        j.assertLogContains("Allow webroot on the controller", controller);
    }

    @Test
    void badParametersEndTheStepWithoutAStackTrace(JenkinsRule j) throws Exception {
        PebbleForJenkins.configure(pebble);
        var job = job(j, "bad", """
                acmeCertificate domains: 'bad name.example.test', credentialsId: 'bad-tls', keyType: 'dsa',
                        acceptTermsOfService: true, challenge: webroot(path: '/nonexistent/www')
                """);
        var build = j.buildAndAssertStatus(Result.FAILURE, job);
        j.assertLogContains("acmeCertificate: invalid parameters:", build);
        j.assertLogContains("  - domains: ", build);
        j.assertLogContains("  - keyType: ", build);
        j.assertLogContains("  - challenge: webroot(path: ...): ", build);
        j.assertLogNotContains("\tat ", build);
    }

    @Test
    void aFailedRenewalShowsInTheMonitorAndTheTaskRuns(JenkinsRule j) throws Exception {
        PebbleForJenkins.configure(pebble);
        var good = job(j, "monitored", """
                acmeCertificate domains: 'monitored.example.test', credentialsId: 'monitored-tls',
                        acceptTermsOfService: true, challenge: %s
                """.formatted(PebbleForJenkins.challenge(pebble)));
        j.buildAndAssertSuccess(good);
        var monitor = ExtensionList.lookupSingleton(AcmeCertificateMonitor.class);
        assertFalse(monitor.isActivated());

        // The same job (another may not take the certificate over) now renews where the CA cannot reach.
        good.setDefinition(new CpsFlowDefinition("""
                acmeCertificate domains: 'monitored.example.test', credentialsId: 'monitored-tls', force: true,
                        challenge: http01(address: '127.0.0.1', port: 1)
                """, true));
        j.buildAndAssertStatus(Result.FAILURE, good);
        assertTrue(monitor.isActivated());
        assertEquals("monitored-tls", monitor.getCertificates().get(0).getCredentialsId());

        // The scheduled renewal finds the certificate not due and sends nothing.
        long requests = pebble.requestCount("");
        ExtensionList.lookupSingleton(AcmeRenewalWork.class).execute(StreamTaskListener.fromStdout());
        assertEquals(requests, pebble.requestCount(""));
    }
}
