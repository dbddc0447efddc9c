package io.github.acmecertificate.jenkins;

import static io.github.acmecertificate.jenkins.PebbleForJenkins.issue;
import static io.github.acmecertificate.jenkins.PebbleForJenkins.job;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;

import hudson.ExtensionList;
import hudson.model.Item;
import hudson.model.Result;
import io.github.acmecertificate.testca.Pebble;
import jenkins.model.Jenkins;
import org.htmlunit.HttpMethod;
import org.htmlunit.WebRequest;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.cps.SnippetizerTester;
import org.jenkinsci.plugins.workflow.steps.StepConfigTester;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The revocation step, the profile option, the certificates page and the account actions, wired
 * into a real Jenkins with Pebble. Runs only in the -Pjenkins build.
 */
@WithJenkins
class AcmeRenewalInfoJenkinsTest {

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

    @Test
    void aRevokedCertificateIsShownAndReplacedByTheNextBuild(JenkinsRule j) throws Exception {
        PebbleForJenkins.configure(pebble);
        AcmeGlobalConfiguration.get().setAllowHttp01OnController(true);
        var site = job(j, "site", issue(pebble, "rev-tls"));
        j.buildAndAssertSuccess(site);

        var other = job(j, "other", "acmeRevokeCertificate credentialsId: 'rev-tls'");
        j.assertLogContains("only that job, or a build running as an administrator, may revoke it",
                j.buildAndAssertStatus(Result.FAILURE, other));

        site.setDefinition(new CpsFlowDefinition("""
                def said = acmeRevokeCertificate credentialsId: 'rev-tls', reason: 'keyCompromise'
                echo "returned: ${said}"
                """, true));
        var revoked = j.buildAndAssertSuccess(site);
        j.assertLogContains("returned: Revoked certificate rev-tls", revoked);
        var monitor = ExtensionList.lookupSingleton(AcmeCertificateMonitor.class);
        assertTrue(monitor.isActivated());
        assertTrue(monitor.getCertificates().stream().anyMatch(c -> c.getCredentialsId().equals("rev-tls")
                && c.getProblems().contains("(keyCompromise)")));

        site.setDefinition(new CpsFlowDefinition(issue(pebble, "rev-tls"), true));
        var replaced = j.buildAndAssertSuccess(site);
        j.assertLogContains("was revoked at", replaced);
        assertFalse(monitor.getCertificates().stream().anyMatch(c -> c.getCredentialsId().equals("rev-tls")));
    }

    @Test
    void theNewOptionsRoundTripThroughTheSnippetGenerator(JenkinsRule j) throws Exception {
        var step = new AcmeCertificateStep("example.com", "web-tls");
        step.setProfile("shortlived");
        j.assertEqualDataBoundBeans(step, new StepConfigTester(j).configRoundTrip(step));
        var snippets = new SnippetizerTester(j);
        snippets.assertRoundTrip(step,
                "acmeCertificate credentialsId: 'web-tls', domains: 'example.com', profile: 'shortlived'");

        var revoke = new AcmeRevokeCertificateStep("web-tls");
        revoke.setReason("keyCompromise");
        revoke.setUseCertificateKey(true);
        j.assertEqualDataBoundBeans(revoke, new StepConfigTester(j).configRoundTrip(revoke));
        snippets.assertRoundTrip(revoke,
                "acmeRevokeCertificate credentialsId: 'web-tls', reason: 'keyCompromise', useCertificateKey: true");
        SnippetizerTester.assertDocGeneration(AcmeRevokeCertificateStep.class);
    }

    @Test
    void thePagesAndActionsAreForAdministratorsAndTheActionsTakeOnlyPost(JenkinsRule j) throws Exception {
        j.jenkins.setSecurityRealm(j.createDummySecurityRealm());
        j.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.ADMINISTER).everywhere().to("admin")
                .grant(Jenkins.READ, Item.READ).everywhere().to("dev"));

        var dev = j.createWebClient().withThrowExceptionOnFailingStatusCode(false).login("dev");
        assertEquals(403, dev.goTo("manage/acme-certificates").getWebResponse().getStatusCode());
        assertEquals(403, dev.goTo("manage/acme-accounts").getWebResponse().getStatusCode());
        var post = new WebRequest(new URL(j.getURL(), "manage/acme-accounts/rollover"), HttpMethod.POST);
        assertEquals(403, dev.getPage(dev.addCrumb(post)).getWebResponse().getStatusCode());

        var admin = j.createWebClient().withThrowExceptionOnFailingStatusCode(false).login("admin");
        var page = admin.goTo("manage/acme-certificates");
        assertEquals(200, page.getWebResponse().getStatusCode());
        assertTrue(page.getWebResponse().getContentAsString().contains("ACME certificates"));
        assertEquals(200, admin.goTo("manage/acme-accounts").getWebResponse().getStatusCode());
        assertEquals(405, admin.goTo("manage/acme-accounts/rollover").getWebResponse().getStatusCode());
        assertEquals(405, admin.goTo("manage/acme-accounts/deactivate").getWebResponse().getStatusCode());

        // An administrator's POST without an account: the page says so, nothing is created.
        var rollover = new WebRequest(new URL(j.getURL(), "manage/acme-accounts/rollover?server=letsencrypt"),
                HttpMethod.POST);
        admin.getPage(admin.addCrumb(rollover));
        var link = ExtensionList.lookupSingleton(AcmeAccountLink.class);
        assertTrue(link.getLastResult().stream().anyMatch(m -> m.contains("no account credential")),
                link.getLastResult().toString());
    }
}
