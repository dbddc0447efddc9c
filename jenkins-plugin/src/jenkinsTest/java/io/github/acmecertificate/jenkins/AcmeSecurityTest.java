package io.github.acmecertificate.jenkins;

import static io.github.acmecertificate.jenkins.PebbleForJenkins.issue;
import static io.github.acmecertificate.jenkins.PebbleForJenkins.job;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SecretBytes;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardCertificateCredentials;
import com.cloudbees.plugins.credentials.impl.CertificateCredentialsImpl;
import hudson.ExtensionList;
import hudson.model.Item;
import hudson.model.Label;
import hudson.model.Result;
import hudson.model.User;
import hudson.security.ACL;
import hudson.util.StreamTaskListener;
import io.github.acmecertificate.jenkins.managed.LastRun;
import io.github.acmecertificate.testca.Pebble;
import jenkins.model.Jenkins;
import jenkins.security.QueueItemAuthenticatorConfiguration;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.MockQueueItemAuthenticator;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The security model end to end, in a real Jenkins with Pebble: SYSTEM builds count as no one
 * in particular, a user without Overall/Administer gets no more, an administrator's build and the
 * administrator's switches open the controller; credentials a build could not use are neither
 * read nor replaced; the plugin replaces only what it wrote; records belong to their job and go
 * with it. Runs only in the -Pjenkins build.
 */
@WithJenkins
class AcmeSecurityTest {

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

    /** Users admin (Overall/Administer) and dev (may build, and create and update credentials). */
    private static void users(JenkinsRule j) {
        j.jenkins.setSecurityRealm(j.createDummySecurityRealm());
        j.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.ADMINISTER).everywhere().to("admin")
                .grant(Jenkins.READ, Item.READ, Item.BUILD, Item.DISCOVER, CredentialsProvider.CREATE,
                        CredentialsProvider.UPDATE, CredentialsProvider.USE_ITEM).everywhere().to("dev"));
    }

    private static void runAs(String job, String user) {
        QueueItemAuthenticatorConfiguration.get().getAuthenticators()
                .add(new MockQueueItemAuthenticator().authenticate(job, User.getById(user, true).impersonate2()));
    }

    @Test
    void theControllerIsForAdministratorsAndTheirSwitches(JenkinsRule j) throws Exception {
        PebbleForJenkins.configure(pebble);
        var configuration = AcmeGlobalConfiguration.get();
        configuration.setAllowHttp01OnController(false);
        configuration.setAllowExecOnController(false);
        users(j);

        // SYSTEM (no authenticator for this job): refused, before the CA is asked.
        var system = job(j, "system", issue(pebble, "system-tls"));
        long requests = pebble.requestCount("");
        var refused = j.buildAndAssertStatus(Result.FAILURE, system);
        j.assertLogContains("opens a listening port on the controller, which this build may not do: it runs as "
                + "SYSTEM (no authenticator such as Authorize Project is configured", refused);
        j.assertLogContains("Allow http01 on the controller", refused);
        j.assertLogContains("Run the step inside a node block", refused);
        j.assertLogNotContains("\tat ", refused);
        assertEquals(requests, pebble.requestCount(""), "nothing reached the CA");

        // A user without Overall/Administer: refused too.
        var dev = job(j, "dev", issue(pebble, "dev-tls"));
        runAs("dev", "dev");
        j.assertLogContains("it runs as dev (without Overall/Administer)", j.buildAndAssertStatus(Result.FAILURE, dev));

        // An administrator's build may.
        var admin = job(j, "admin", issue(pebble, "admin-tls"));
        runAs("admin", "admin");
        j.buildAndAssertSuccess(admin);

        // The administrator's switch opens http01 (and only http01) to every build.
        configuration.setAllowHttp01OnController(true);
        j.buildAndAssertSuccess(system);
        var exec = job(j, "exec", """
                acmeCertificate domains: 'exec.example.test', credentialsId: 'exec-tls', acceptTermsOfService: true,
                        challenge: dns01(provider: 'exec', options: 'command=/bin/true')
                """);
        j.assertLogContains("Allow the exec DNS provider on the controller",
                j.buildAndAssertStatus(Result.FAILURE, exec));
    }

    @Test
    void aSystemScopedCredentialIsNeitherReadNorReplacedByAPipeline(JenkinsRule j) throws Exception {
        PebbleForJenkins.configure(pebble);
        j.buildAndAssertSuccess(job(j, "issuer", issue(pebble, "source-tls")));
        var source = certificate("source-tls");
        var store = SystemCredentialsProvider.getInstance();
        store.getCredentials().add(copy(source, CredentialsScope.SYSTEM, "system-scoped-tls"));
        store.save();

        var attacker = job(j, "attacker", issue(pebble, "system-scoped-tls").replace("acceptTermsOfService: true",
                "acceptTermsOfService: true, force: true"));
        var build = j.buildAndAssertStatus(Result.FAILURE, attacker);
        j.assertLogContains("'system-scoped-tls' exists, but this build may not use it", build);
        assertEquals(source.getKeyStore().getCertificate("source-tls"),
                certificate("system-scoped-tls").getKeyStore().getCertificate("source-tls"), "unchanged");
        // Nor can withCredentials bind it: that is the scope's point, which the step keeps.
        var bind = job(j, "bind", """
                withCredentials([certificate(credentialsId: 'system-scoped-tls', keystoreVariable: 'KS')]) {
                  echo 'bound'
                }
                """);
        j.buildAndAssertStatus(Result.FAILURE, bind);
    }

    @Test
    void aForeignCredentialIsNeverReplacedAndARecordNeverTakenOver(JenkinsRule j) throws Exception {
        PebbleForJenkins.configure(pebble);
        j.buildAndAssertSuccess(job(j, "owner", issue(pebble, "owned-tls")));
        var owned = certificate("owned-tls");
        var store = SystemCredentialsProvider.getInstance();
        store.getCredentials().add(copy(owned, CredentialsScope.GLOBAL, "uploaded-tls"));
        store.save();

        // A credential an administrator uploaded, even with a matching description: not the plugin's.
        var uploader = job(j, "uploader", issue(pebble, "uploaded-tls").replace("acceptTermsOfService: true",
                "acceptTermsOfService: true, force: true"));
        j.assertLogContains("'uploaded-tls' was not written by the acmeCertificate step",
                j.buildAndAssertStatus(Result.FAILURE, uploader));

        // Another job naming the first job's credential: refused, and the record is untouched.
        var thief = job(j, "thief", issue(pebble, "owned-tls").replace("acceptTermsOfService: true",
                "acceptTermsOfService: true, force: true"));
        j.assertLogContains("is managed for the job 'owner'", j.buildAndAssertStatus(Result.FAILURE, thief));
        var record = ManagedCertificates.registry().find("", "owned-tls").orElseThrow();
        assertEquals("owner", record.template().job());
        assertEquals(owned.getKeyStore().getCertificate("owned-tls"),
                certificate("owned-tls").getKeyStore().getCertificate("owned-tls"));

        // The owner stops managing it; then another job may take it.
        var stop = job(j, "stopper", "echo \"removed=${acmeStopManaging credentialsId: 'owned-tls'}\"");
        j.assertLogContains("only that job, or an administrator", j.buildAndAssertStatus(Result.FAILURE, stop));
        j.jenkins.getItemByFullName("owner", WorkflowJob.class).setDefinition(new CpsFlowDefinition(
                "echo \"removed=${acmeStopManaging credentialsId: 'owned-tls'}\"", true));
        j.assertLogContains("removed=true", j.buildAndAssertSuccess(j.jenkins.getItemByFullName("owner",
                WorkflowJob.class)));
        assertTrue(ManagedCertificates.registry().find("", "owned-tls").isEmpty());
        j.buildAndAssertSuccess(thief);
        assertEquals("thief", ManagedCertificates.registry().find("", "owned-tls").orElseThrow().template().job());
    }

    @Test
    void aDeletedJobsRecordStopsRenewingAndAGoneJobIsReported(JenkinsRule j) throws Exception {
        PebbleForJenkins.configure(pebble);
        var job = job(j, "short-lived", issue(pebble, "short-lived-tls"));
        j.buildAndAssertSuccess(job);
        var registry = ManagedCertificates.registry();
        assertTrue(registry.find("", "short-lived-tls").isPresent());
        // A rename (AbstractItem.renameTo is not for plugins; the listener is what Jenkins calls).
        ExtensionList.lookupSingleton(AcmeJobListener.class).onLocationChanged(job, "short-lived", "renamed");
        assertEquals("renamed", registry.find("", "short-lived-tls").orElseThrow().template().job());
        ExtensionList.lookupSingleton(AcmeJobListener.class).onLocationChanged(job, "renamed", "short-lived");
        job.delete();
        assertTrue(registry.find("", "short-lived-tls").isEmpty(), "the record went with its job");
        assertNotNull(certificate("short-lived-tls"), "the credential stays");

        // A due record whose job is gone (as one written before this plugin followed jobs): reported, not run.
        var orphan = job(j, "orphan", issue(pebble, "orphan-tls"));
        j.buildAndAssertSuccess(orphan);
        var record = registry.find("", "orphan-tls").orElseThrow();
        registry.save(record.moved("", record.template().withJob("no-such-job"))
                .withLastRun(new LastRun(Instant.now(), "test", true, "forced due")));
        long requests = pebble.requestCount("");
        ExtensionList.lookupSingleton(AcmeRenewalWork.class).execute(StreamTaskListener.fromStdout());
        assertEquals(requests, pebble.requestCount(""), "nothing was sent to the CA");
        var after = registry.find("", "orphan-tls").orElseThrow();
        assertTrue(after.lastRun().message().contains("the job 'no-such-job' that ran its step no longer exists"));
        var monitor = ExtensionList.lookupSingleton(AcmeCertificateMonitor.class);
        assertTrue(monitor.isActivated(), "the monitor was refreshed after the renewal pass");
    }

    @Test
    void insideANodeTheChallengeIsAnsweredOnTheAgentWithoutAnySwitch(JenkinsRule j) throws Exception {
        PebbleForJenkins.configure(pebble);
        // No switch, and the build runs as SYSTEM: only the agent may answer.
        AcmeGlobalConfiguration.get().setAllowHttp01OnController(false);
        j.createOnlineSlave(Label.get("agent"));
        var job = job(j, "on-agent", """
                node('agent') {
                  def cert = acmeCertificate domains: 'agent.example.test', credentialsId: 'agent-tls',
                          acceptTermsOfService: true, challenge: %s
                  echo "renewed=${cert.renewed}"
                  withCredentials([certificate(credentialsId: 'agent-tls', keystoreVariable: 'KS',
                                               passwordVariable: 'PW')]) {
                    if (isUnix()) {
                      sh 'test -s "$KS" && echo "keystore on the agent"'
                    }
                  }
                }
                """.formatted(PebbleForJenkins.challenge(pebble)));
        var build = j.buildAndAssertSuccess(job);
        j.assertLogContains("renewed=true", build);
        j.assertLogContains("opens a listening port on the agent of the enclosing node block", build);
        j.assertLogContains("(on the agent)", build);
        var leaf = (X509Certificate) certificate("agent-tls").getKeyStore().getCertificate("agent-tls");
        assertTrue(leaf.getNotAfter().toInstant().isAfter(Instant.now().plus(Duration.ofDays(1))));
    }

    @Test
    void formChecksThatRevealDataOrCheckPermissionsTakeOnlyPost(JenkinsRule j) throws Exception {
        var web = j.createWebClient();
        web.setThrowExceptionOnFailingStatusCode(false);
        for (var path : List.of(
                "descriptorByName/io.github.acmecertificate.jenkins.AcmeCertificateStep/checkServer?value=x",
                "descriptorByName/io.github.acmecertificate.jenkins.AcmeCertificateStep/checkDomains?value=x",
                "descriptorByName/io.github.acmecertificate.jenkins.AcmeServer/checkDirectory?value=x",
                "descriptorByName/io.github.acmecertificate.jenkins.AcmeServer/fillEabCredentialsIdItems")) {
            assertEquals(405, web.goTo(path, null).getWebResponse().getStatusCode(), path);
        }
        assertFalse(ExtensionList.lookupSingleton(AcmeCertificateMonitor.class).isActivated());
    }

    /** The same key store, as another credential (what an administrator would upload). */
    private static CertificateCredentialsImpl copy(StandardCertificateCredentials source, CredentialsScope scope,
            String id) throws Exception {
        var password = source.getPassword().getPlainText();
        KeyStore keyStore = source.getKeyStore();
        var bytes = new ByteArrayOutputStream();
        var p12 = KeyStore.getInstance("PKCS12");
        p12.load(null, null);
        for (var alias : java.util.Collections.list(keyStore.aliases())) {
            p12.setKeyEntry(alias, keyStore.getKey(alias, password.toCharArray()), password.toCharArray(),
                    keyStore.getCertificateChain(alias));
        }
        p12.store(bytes, password.toCharArray());
        return new CertificateCredentialsImpl(scope, id, "example.test (managed by the acmeCertificate step)",
                password, new CertificateCredentialsImpl.UploadedKeyStoreSource(null,
                        SecretBytes.fromRawBytes(bytes.toByteArray())));
    }
}
