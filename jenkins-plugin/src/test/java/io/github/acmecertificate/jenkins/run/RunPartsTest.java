package io.github.acmecertificate.jenkins.run;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.List;

import io.github.acmecertificate.core.CertificateDescription;
import io.github.acmecertificate.jenkins.managed.CertificateSettings;
import io.github.acmecertificate.core.exception.AcmeCertificateException;
import io.github.acmecertificate.core.exception.InvalidInputException;
import io.github.acmecertificate.core.exception.InvalidInputException.Problem;
import io.github.acmecertificate.jenkins.run.FormChecks.Kind;
import org.junit.Test;

/** The step's plain parts: parameters, settings, errors, form checks. */
public class RunPartsTest {

    private static final GlobalSettings SETTINGS = new GlobalSettings(List.of(
            new ServerSettings("internal", "https://ca.internal.test/dir", "", "kid-1", "eab-hmac")),
            "letsencrypt-staging", "rsa-2048", "P30D");

    @Test
    public void blanksMeanDefaults() {
        var p = CertificateDescription.builder().domains(" example.test ").acceptTermsOfService(true)
                .name(" web-tls ").account("").keyType(" ").build();
        assertEquals("example.test", p.domains());
        assertEquals("web-tls", p.name());
        assertEquals(CertificateDescription.DEFAULT_CHALLENGE, p.challenge());
        assertEquals("", p.server());
        assertTrue(p.toBuilder().force(true).build().forced());
    }

    @Test
    public void serversResolveByNameThenAsAliasOrUrlThenDefault() {
        assertEquals("https://ca.internal.test/dir", SETTINGS.resolve("INTERNAL").directory());
        assertEquals("internal", SETTINGS.resolve("internal").name());
        assertTrue(SETTINGS.resolve("internal").hasExternalAccountBinding());
        assertEquals("letsencrypt", SETTINGS.resolve("letsencrypt").directory());
        assertEquals("", SETTINGS.resolve("letsencrypt").name());
        assertEquals("letsencrypt-staging", SETTINGS.resolve("  ").directory());
        assertEquals("", GlobalSettings.NONE.resolve(null).directory());
    }

    @Test
    public void errorsNameTheStepParameters() {
        var invalid = new InvalidInputException(List.of(new Problem("http.port", "0 is not a TCP port"),
                new Problem("domains", "no names")));
        assertEquals("acmeCertificate: invalid parameters:\n  - challenge: http01(port: ...): 0 is not a TCP port"
                + "\n  - domains: no names", StepErrors.message(invalid));
        assertEquals("acmeCertificate: invalid credentialsId: bad", StepErrors.message(
                new InvalidInputException("name", "bad")));
        assertEquals("acmeCertificate: The CA refused it", StepErrors.message(
                new AcmeCertificateException("The CA refused it")));
        assertEquals("challenge: webroot(path: ...)", StepErrors.parameter("webroot"));
        assertEquals("keyType", StepErrors.parameter("keyType"));
    }

    @Test
    public void errorsNameTheDescribableThatHoldsTheField() {
        assertEquals("challenge: dns01(provider: ...)", StepErrors.parameter("dns.provider"));
        assertEquals("challenge: dns01(credentialsId: ...)", StepErrors.parameter("dns.credential"));
        assertEquals("challenge: sftpWebroot(host: ...)", StepErrors.parameter("sftpWebroot.server"));
        assertEquals("challenge: dns01(propagationTimeout: ...)", StepErrors.parameter("dns.propagationTimeout"));
        assertEquals("challenge: dns01(options: 'tsigKeyName=...')", StepErrors.parameter("dns.tsigKeyName"));
        assertEquals("challenge: dns01(options: ...)", StepErrors.parameter("dns.options"));
        assertEquals("challenge: sftpWebroot(path: ...)", StepErrors.parameter("sftpWebroot.path"));
        assertEquals("challenge: sftpWebroot(credentialsId: ...)", StepErrors.parameter("sftpWebroot.privateKey"));
        assertEquals("deploy: sftp(hostKeyFingerprint: ...)", StepErrors.parameter("targets.hostKeyFingerprint"));
        assertEquals("deploy: sftp(credentialsId: ...)", StepErrors.parameter("targets.user"));
        assertEquals("deploy: sftp(files: [targetFile(mode: ...)])", StepErrors.parameter("targets.files.mode"));
        assertEquals("deploy", StepErrors.parameter("targets"));
        assertEquals("keystorePasswordCredentialsId", StepErrors.parameter("keystorePassword"));
        assertEquals("deployParallelism", StepErrors.parameter("deployParallelism"));
    }

    @Test
    public void deployTargetsAndDnsFormChecks() {
        assertTrue(FormChecks.dnsProviders().stream().map(e -> e.getKey()).toList().containsAll(
                List.of("acme-dns", "cloudflare", "exec", "rfc2136", "route53")));
        assertEquals(Kind.OK, FormChecks.dnsOptions("rfc2136", "nameserver=ns1.example.test").kind());
        assertEquals(Kind.ERROR, FormChecks.dnsOptions("rfc2136", "").kind());
        assertTrue(FormChecks.dnsOptions("rfc2136", "").message().contains("nameserver"));
        assertEquals(Kind.ERROR, FormChecks.dnsOptions("rfc2136", "nameserver=ns1, tsigSecret=x").kind());
        assertEquals(Kind.WARNING, FormChecks.dnsOptions("rfc2136", "nameserver=ns1, tsigSecretFile=/k").kind());
        assertEquals(Kind.ERROR, FormChecks.dnsOptions("cloudflare", "zone=1").kind());
        assertEquals(Kind.ERROR, FormChecks.dnsOptions("cloudflare", "zoneId").kind());
        assertEquals("the username comes from the credential", Kind.OK,
                FormChecks.dnsOptions("acme-dns", "apiUrl=https://auth.example.test, subdomain=d420c923").kind());
        assertEquals(Kind.OK, FormChecks.duration("PT3M").kind());
        assertEquals(Kind.OK, FormChecks.duration("90").kind());
        assertEquals(Kind.ERROR, FormChecks.duration("soon").kind());
        assertEquals(Kind.ERROR, FormChecks.duration("PT0S").kind());
        assertEquals(Kind.ERROR, FormChecks.port(0).kind());
        assertEquals(Kind.OK, FormChecks.port(2222).kind());
        assertEquals(Kind.OK, FormChecks.parallelism(32).kind());
        assertEquals(Kind.ERROR, FormChecks.parallelism(0).kind());
        assertEquals(Kind.ERROR, FormChecks.parallelism(33).kind());
        assertEquals(Kind.ERROR, FormChecks.option(io.github.acmecertificate.core.challenge.ChallengeType.DNS_01,
                "propagationTimeout", "soon").kind());
        assertEquals(Kind.OK, FormChecks.option(io.github.acmecertificate.core.challenge.ChallengeType.DNS_01,
                "nameserverPort", 5353).kind());
        assertEquals(Kind.OK, FormChecks.host("web1.example.test").kind());
        assertEquals(Kind.ERROR, FormChecks.host("web1 example").kind());
        assertEquals(Kind.OK, FormChecks.hostKey("SHA256:uNiVztksCsDhcc0u9e8BujQXVUpKZIDTMczCvj3tD2s", null).kind());
        assertEquals(Kind.ERROR, FormChecks.hostKey("MD5:aa:bb", null).kind());
        assertEquals(Kind.WARNING, FormChecks.hostKey("", "").kind());
        assertEquals(Kind.OK, FormChecks.hostKey("", "web1 ssh-ed25519 AAAA").kind());
        assertEquals(Kind.ERROR, FormChecks.absolutePath("var/www", true, "").kind());
        assertEquals(Kind.OK, FormChecks.absolutePath("", false, "").kind());
        assertEquals("Checks web1.example.test:443", FormChecks.verifyTls("443", "web1.example.test").message());
        assertEquals(Kind.ERROR, FormChecks.verifyTls("web1:https", "web1").kind());
        assertEquals(Kind.OK, FormChecks.mode("0640").kind());
        assertEquals(Kind.ERROR, FormChecks.mode("rw-r-----").kind());
    }

    @Test
    public void formChecksUseTheCoreParsing() {
        assertEquals(Kind.OK, FormChecks.domains("Example.test, www.example.test").kind());
        assertEquals("Covers example.test, www.example.test", FormChecks.domains("Example.test,www.example.test")
                .message());
        assertEquals(Kind.ERROR, FormChecks.domains("").kind());
        assertTrue(FormChecks.domains("exa mple.test").message().contains("exa mple.test"));
        assertEquals(Kind.ERROR, FormChecks.domains("http://example.test/").kind());

        assertEquals(Kind.OK, FormChecks.server("internal", SETTINGS).kind());
        assertEquals(Kind.OK, FormChecks.server("", SETTINGS).kind());
        assertEquals(Kind.ERROR, FormChecks.server("", GlobalSettings.NONE).kind());
        assertEquals(Kind.OK, FormChecks.server("letsencrypt", SETTINGS).kind());
        assertTrue(FormChecks.server("letsencrypt", SETTINGS).message().contains("acme-v02.api.letsencrypt.org"));
        assertEquals(Kind.ERROR, FormChecks.server("http://ca.test/dir", SETTINGS).kind());
        assertTrue(FormChecks.server("http://ca.test/dir", SETTINGS).message().contains("must use https"));
        assertEquals(Kind.ERROR, FormChecks.directory("not a ca").kind());

        assertEquals(Kind.OK, FormChecks.renewBefore("p30d").kind());
        assertEquals(Kind.ERROR, FormChecks.renewBefore("30 days").kind());
        assertEquals(Kind.ERROR, FormChecks.renewBefore("-P1D").kind());
        assertEquals(Kind.ERROR, FormChecks.credentialsId("", true).kind());
        assertEquals(Kind.OK, FormChecks.credentialsId("", false).kind());
        assertEquals(Kind.ERROR, FormChecks.credentialsId("a b", false).kind());
        assertEquals(Kind.OK, FormChecks.trustedRootPem("").kind());
        assertEquals(Kind.ERROR, FormChecks.trustedRootPem("not pem").kind());
        assertFalse(FormChecks.isValidCredentialsId("web tls"));
    }
}
