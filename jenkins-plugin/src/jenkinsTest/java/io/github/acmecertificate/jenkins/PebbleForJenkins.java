package io.github.acmecertificate.jenkins;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;

import io.github.acmecertificate.testca.Pebble;
import io.github.acmecertificate.testca.PebbleInstalled;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jvnet.hudson.test.JenkinsRule;

/** Pebble for the Jenkins tests, configured as the default server of the global configuration. */
final class PebbleForJenkins {

    private PebbleForJenkins() {
    }

    /** Starts Pebble; skips the tests when it is missing, except on CI (CI=true), where they fail. */
    static Pebble start() throws IOException {
        PebbleInstalled.assume();
        return Pebble.start();
    }

    /**
     * Makes Pebble the default server: its directory, and its HTTPS root pasted as PEM. These
     * tests answer {@code http01} and run the {@code exec} DNS provider on the controller, which an
     * administrator must allow for builds that do not run as one (SYSTEM included): the switches
     * are on here, and the security tests turn them off.
     */
    static void configure(Pebble pebble) throws IOException {
        var server = new AcmeServer("pebble", pebble.directoryUri().toString());
        server.setTrustedRootPem(Files.readString(pebble.trustRootPem()));
        var configuration = AcmeGlobalConfiguration.get();
        configuration.setServers(List.of(server));
        configuration.setDefaultServer("pebble");
        configuration.setAllowHttp01OnController(true);
        configuration.setAllowExecOnController(true);
    }

    /** The challenge argument that answers on Pebble's validation port. */
    static String challenge(Pebble pebble) {
        return "http01(address: '127.0.0.1', port: " + pebble.httpPort() + ")";
    }

    /** A Pipeline job with a sandboxed script. */
    static WorkflowJob job(JenkinsRule j, String name, String script) throws Exception {
        var job = j.createProject(WorkflowJob.class, name);
        job.setDefinition(new CpsFlowDefinition(script, true));
        return job;
    }

    /** A Pipeline script that issues a certificate for {@code <id>.example.test} into the credential {@code id}. */
    static String issue(Pebble pebble, String id) {
        return """
                acmeCertificate domains: '%1$s.example.test', credentialsId: '%1$s', acceptTermsOfService: true,
                        challenge: %2$s
                """.formatted(id, challenge(pebble));
    }
}
