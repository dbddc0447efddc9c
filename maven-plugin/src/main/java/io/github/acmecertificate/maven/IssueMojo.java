package io.github.acmecertificate.maven;

import java.io.File;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;

import io.github.acmecertificate.core.CertificateProvisioner;
import io.github.acmecertificate.core.CertificateRequest;
import io.github.acmecertificate.core.challenge.ChallengeSettings;
import io.github.acmecertificate.core.event.ProgressListener;
import io.github.acmecertificate.core.exception.AcmeCertificateException;
import io.github.acmecertificate.core.exception.InvalidInputException;
import io.github.acmecertificate.core.store.FileStore;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Issues a certificate, or renews it when due. Idempotent: when the stored certificate is
 * not due, the goal sends nothing to the CA and says when it will be due.
 *
 * <p>Runs with or without a project: {@code mvn acme:issue -Dacme.domains=example.com ...}
 * works from any folder once the plugin group is in {@code settings.xml}.
 */
@Mojo(name = "issue", requiresProject = false, threadSafe = true)
public class IssueMojo extends AbstractAcmeMojo {

    /**
     * The ACME CA: {@code letsencrypt}, {@code letsencrypt-staging}, {@code zerossl},
     * {@code google}, {@code google-staging}, {@code sslcom}, {@code actalis}, or the https URL
     * of any CA's ACME directory.
     */
    @Parameter(property = "acme.server")
    private String server;

    /** The names the certificate covers (DNS names, {@code *.} wildcards, IP addresses); comma-separated on the command line. */
    @Parameter(property = "acme.domains")
    private List<String> domains;

    /** Agrees to the CA's terms of service, which registering a new account requires. */
    @Parameter(property = "acme.acceptTermsOfService", defaultValue = "false")
    private boolean acceptTermsOfService;

    /** A contact address for the account (the CA's expiry and incident mail). */
    @Parameter(property = "acme.email")
    private String email;

    /** How to prove control: {@code http-01} (built-in server) or {@code http-01-webroot}. */
    @Parameter(property = "acme.challenge", defaultValue = ChallengeSettings.HTTP_01)
    private String challenge;

    /** The address the built-in HTTP-01 server listens on; all interfaces when empty. */
    @Parameter(property = "acme.http.address")
    private String httpAddress;

    /** The port the built-in HTTP-01 server listens on. CAs connect to port 80. */
    @Parameter(property = "acme.http.port", defaultValue = "80")
    private int httpPort;

    /** The web server's document root, for {@code http-01-webroot}. */
    @Parameter(property = "acme.webroot")
    private File webroot;

    /** The certificate's name in the store; defaults to the first domain. */
    @Parameter(property = "acme.name")
    private String name;

    /** The certificate key type: {@code ec-p256}, {@code ec-p384}, {@code rsa-2048}, {@code rsa-3072}, {@code rsa-4096}. */
    @Parameter(property = "acme.keyType")
    private String keyType;

    /** Keeps the stored private key at renewal instead of generating a new one. */
    @Parameter(property = "acme.reuseKey", defaultValue = "false")
    private boolean reuseKey;

    /** A certificate signing request (PEM or DER) to use instead of a generated key. */
    @Parameter(property = "acme.csr")
    private File csr;

    /** A PEM file of root certificates trusted for the CA's HTTPS endpoint (private CAs). */
    @Parameter(property = "acme.serverTrust")
    private File serverTrust;

    /** Renew when less than this remains (ISO-8601, e.g. {@code P30D}), if earlier than the default rule. */
    @Parameter(property = "acme.renewBefore")
    private String renewBefore;

    /** Renews even when the stored certificate is not due. */
    @Parameter(property = "acme.force", defaultValue = "false")
    private boolean force;

    /** The common name of the preferred issuer, when the CA offers alternate chains. */
    @Parameter(property = "acme.preferredChain")
    private String preferredChain;

    /** How long to wait for the CA at each step (ISO-8601). */
    @Parameter(property = "acme.timeout", defaultValue = "PT5M")
    private String timeout;

    /**
     * The id of a settings.xml {@code <server>} holding the External Account Binding:
     * {@code <username>} is the EAB key id, {@code <password>} the HMAC key.
     */
    @Parameter(property = "acme.eab.serverId")
    private String eabServerId;

    @Override
    protected void run(ProgressListener listener)
            throws AcmeCertificateException, MojoFailureException, InterruptedException {
        var eab = secrets().server(eabServerId, "acme.eab.serverId");
        var request = CertificateRequest.builder()
                .server(server)
                .serverTrust(serverTrust == null ? null : serverTrust.toPath())
                .domains(domains)
                .name(name)
                .acceptTermsOfService(acceptTermsOfService)
                .email(email)
                .externalAccountBinding(eab.map(s -> s.getUsername()).orElse(null),
                        eab.map(s -> s.getPassword()).orElse(null))
                .keyType(keyType)
                .reuseKey(reuseKey)
                .csr(csr == null ? null : csr.toPath())
                .preferredChain(preferredChain)
                .renewBefore(renewBefore)
                .force(force)
                .timeout(parseTimeout())
                .challenge(new ChallengeSettings()
                        .type(challenge)
                        .httpAddress(httpAddress)
                        .httpPort(httpPort)
                        .webroot(webroot == null ? null : webroot.toPath())
                        .createSolver())
                .build();
        var fileStore = new FileStore(store.toPath(), keystorePassword());
        var result = new CertificateProvisioner(fileStore).provision(request, listener);
        exportProperty("acme.certificate.directory", result.location());
        exportProperty("acme.certificate.notAfter", result.notAfter().toString());
        exportProperty("acme.certificate.changed", Boolean.toString(result.changed()));
        getLog().info(result.summary());
    }

    private Duration parseTimeout() throws InvalidInputException {
        try {
            return Duration.parse(timeout.strip().toUpperCase());
        } catch (DateTimeParseException | NullPointerException ex) {
            throw new InvalidInputException("timeout", "'" + timeout + "' is not an ISO-8601 duration, e.g. PT5M");
        }
    }
}
