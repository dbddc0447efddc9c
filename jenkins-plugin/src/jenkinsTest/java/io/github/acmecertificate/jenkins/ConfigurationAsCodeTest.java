package io.github.acmecertificate.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;

import io.github.acmecertificate.jenkins.credentials.UserCredential;
import io.jenkins.plugins.casc.misc.ConfiguredWithCode;
import io.jenkins.plugins.casc.misc.JenkinsConfiguredWithCodeRule;
import io.jenkins.plugins.casc.misc.junit.jupiter.WithJenkinsConfiguredWithCode;
import org.junit.jupiter.api.Test;

/** The global configuration from Configuration as Code. Runs only in the -Pjenkins build. */
class ConfigurationAsCodeTest {

    @Test
    @WithJenkinsConfiguredWithCode
    @ConfiguredWithCode("configuration-as-code.yml")
    void importsServersAndDefaults(JenkinsConfiguredWithCodeRule j) throws Exception {
        var configuration = AcmeGlobalConfiguration.get();
        assertEquals("internal", configuration.getDefaultServer());
        assertEquals("ec-p384", configuration.getDefaultKeyType());
        assertEquals("P30D", configuration.getDefaultRenewBefore());
        assertEquals(16, configuration.getRenewalConcurrency());
        assertEquals(java.util.Set.of(io.github.acmecertificate.jenkins.security.ControllerUse.WEBROOT),
                configuration.allowedOnController());
        assertEquals(2, configuration.getServers().size());
        var internal = configuration.getServers().get(0);
        assertEquals("internal", internal.getName());
        assertEquals("https://ca.internal.example/acme/directory", internal.getDirectory());
        assertEquals("kid-1", internal.getEabKeyId());
        assertEquals("internal-eab-hmac", internal.getEabCredentialsId());
        assertEquals("letsencrypt-staging", configuration.getServers().get(1).getDirectory());

        var settings = configuration.toSettings();
        assertEquals("https://ca.internal.example/acme/directory", settings.resolve("").directory());
        var secret = JenkinsCredentialsBackend.globalSecrets().find("internal-eab-hmac");
        assertEquals(Optional.of("c2VjcmV0LWhtYWMta2V5"), secret.map(c -> ((UserCredential.SecretText) c).secret()));
        // SYSTEM scope: the plugin reads it as the system; no job could bind it.
        var job = j.createProject(org.jenkinsci.plugins.workflow.job.WorkflowJob.class, "p");
        assertEquals(null, com.cloudbees.plugins.credentials.CredentialsProvider.findCredentialByIdInItem(
                "internal-eab-hmac", org.jenkinsci.plugins.plaincredentials.StringCredentials.class, job,
                hudson.security.ACL.SYSTEM2, java.util.List.of()));
    }
}
