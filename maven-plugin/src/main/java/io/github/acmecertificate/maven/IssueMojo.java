package io.github.acmecertificate.maven;

import java.io.File;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

import io.github.acmecertificate.core.CertificateProvisioner;
import io.github.acmecertificate.core.CertificateRequest;
import io.github.acmecertificate.core.challenge.ChallengeSettings;
import io.github.acmecertificate.core.challenge.dns.DnsSettings;
import io.github.acmecertificate.core.config.Durations;
import io.github.acmecertificate.core.deploy.DeployHook;
import io.github.acmecertificate.core.deploy.DeployTarget;
import io.github.acmecertificate.core.event.ProgressListener;
import io.github.acmecertificate.core.exception.AcmeCertificateException;
import io.github.acmecertificate.core.exception.InvalidInputException;
import io.github.acmecertificate.core.store.DryRunStore;
import io.github.acmecertificate.core.store.FileStore;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.Server;

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

    /**
     * How to prove control: {@code http-01} (built-in server), {@code http-01-webroot},
     * {@code http-01-sftp} (tokens uploaded to a web server over SFTP) or {@code dns-01}.
     */
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

    /** The DNS-01 settings: {@code <dns><provider>rfc2136</provider><options>...</options></dns>}. */
    @Parameter
    private Dns dns;

    /** The DNS provider for {@code dns-01}, when not set in {@code <dns>}. */
    @Parameter(property = "acme.dns.provider")
    private String dnsProvider;

    /** The DNS provider's options as {@code key=value,key=value}, when not set in {@code <dns>}. */
    @Parameter(property = "acme.dns.options")
    private String dnsOptions;

    /** The settings.xml server with the DNS provider's username and secret, when not set in {@code <dns>}. */
    @Parameter(property = "acme.dns.serverId")
    private String dnsServerId;

    /** DNS propagation time-out, when not set in {@code <dns>}. */
    @Parameter(property = "acme.dns.propagationTimeout")
    private String dnsPropagationTimeout;

    /** DNS propagation polling interval, when not set in {@code <dns>}. */
    @Parameter(property = "acme.dns.propagationInterval")
    private String dnsPropagationInterval;

    /** Skips the DNS propagation check, when not set in {@code <dns>}. */
    @Parameter(property = "acme.dns.skipPropagationCheck", defaultValue = "false")
    private boolean dnsSkipPropagationCheck;

    /** Recursive resolvers for DNS look-ups, when not set in {@code <dns>}. */
    @Parameter(property = "acme.dns.resolvers")
    private String dnsResolvers;

    /** The authoritative nameservers' port, when not set in {@code <dns>}. */
    @Parameter(property = "acme.dns.nameserverPort", defaultValue = "53")
    private int dnsNameserverPort;

    /** Follows {@code _acme-challenge} CNAMEs, when not set in {@code <dns>}. */
    @Parameter(property = "acme.dns.followCnames", defaultValue = "true")
    private boolean dnsFollowCnames;

    /** One DNS query's time-out, when not set in {@code <dns>}. */
    @Parameter(property = "acme.dns.queryTimeout")
    private String dnsQueryTimeout;

    /**
     * For {@code http-01-sftp}: the sftp target whose SSH settings reach the web server, and the
     * document root there: {@code <sftpWebroot><target>web1</target><path>/var/www/html</path></sftpWebroot>}.
     */
    @Parameter
    private SftpWebroot sftpWebroot;

    /** For {@code http-01-sftp}: the name of the sftp target, when not set in {@code <sftpWebroot>}. */
    @Parameter(property = "acme.sftpWebroot.target")
    private String sftpWebrootTarget;

    /** For {@code http-01-sftp}: the remote document root, when not set in {@code <sftpWebroot>}. */
    @Parameter(property = "acme.sftpWebroot.path")
    private String sftpWebrootPath;

    /**
     * A shell command run after a new certificate was stored (never when it was not due), such as
     * {@code systemctl reload nginx}. It runs with {@code /bin/sh -c} on this machine, within
     * {@code deployCommandTimeout}; the environment variables {@code ACME_CERTIFICATE_DIRECTORY},
     * {@code ACME_CERTIFICATE_NAME}, {@code ACME_CERTIFICATE_DOMAINS},
     * {@code ACME_CERTIFICATE_NOT_AFTER} and {@code ACME_CERTIFICATE_SERIAL} say what changed. Its
     * output goes to the log; a failure fails the build.
     */
    @Parameter(property = "acme.deployHook")
    private String deployHook;

    /**
     * Runs the whole exchange with the CA (account, order, challenges, finalize, download) even
     * when the certificate is not due, and stores nothing: no certificate, no account, no deploy,
     * no hook. To test a configuration, against a staging CA.
     */
    @Parameter(property = "acme.dryRun", defaultValue = "false")
    private boolean dryRun;

    @Override
    protected void run(ProgressListener listener)
            throws AcmeCertificateException, MojoFailureException, InterruptedException {
        // Every step's input problems are gathered and reported together, before any network call.
        var input = new InputProblems();
        var deployTo = input.check(this::deployTargets, List.<DeployTarget>of());
        var eab = input.check(() -> secrets().server(eabServerId, "acme.eab.serverId"), Optional.<Server>empty());
        var parsedTimeout = input.check(this::parseTimeout, CertificateRequest.DEFAULT_TIMEOUT);
        var solver = input.check(() -> challengeSettings().createSolver(), null);
        var password = input.check(this::keystorePassword, null);
        var hook = input.check(() -> DeployHook.of("deployHook", deployHook, hookTimeout()),
                Optional.<DeployHook>empty());
        var request = input.check(() -> CertificateRequest.builder()
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
                .force(force || dryRun)
                .timeout(parsedTimeout)
                .challenge(solver)
                .build(), null, problem -> solver != null || !"challenge".equals(problem.field()));
        input.throwIfAny();
        var fileStore = new FileStore(store.toPath(), password);
        if (dryRun) {
            dryRun(request, fileStore, listener, hook.isPresent() || !deployTo.isEmpty());
            return;
        }
        var result = new CertificateProvisioner(fileStore).provision(request, listener);
        exportProperty("acme.certificate.directory", result.location());
        exportProperty("acme.certificate.notAfter", result.notAfter().toString());
        exportProperty("acme.certificate.changed", Boolean.toString(result.changed()));
        getLog().info(result.summary());
        // Before the targets: a target missed now catches up at the next run, a hook would not.
        if (hook.isPresent()) {
            hook.get().runAfter(result, fileStore.certificateDirectory(result.bundle().metadata().name()), listener);
        }
        // Also when not due: a target that missed the last deploy, or a new one, gets it now.
        deploy(result.bundle(), fileStore, deployTo, listener);
    }

    /** Runs the exchange against a view of the store that keeps what it is given in memory. */
    private void dryRun(CertificateRequest request, FileStore fileStore, ProgressListener listener,
            boolean skipsDeploys) throws AcmeCertificateException, InterruptedException {
        getLog().info("Dry run: the certificate is ordered even if not due, and nothing is stored");
        var view = new DryRunStore(fileStore);
        var result = new CertificateProvisioner(view, view).provision(request, listener);
        getLog().info("Dry run: " + result.bundle().metadata().name() + ": the CA issued a certificate for "
                + String.join(", ", result.names()) + " (serial " + result.bundle().serialNumber() + ", expires "
                + result.notAfter() + "); it was discarded and nothing was stored"
                + (skipsDeploys ? ", deployed or run" : ""));
    }

    private Duration hookTimeout() throws InvalidInputException {
        if (deployHook == null || deployHook.isBlank()) {
            return null;
        }
        var problems = new java.util.ArrayList<InvalidInputException.Problem>();
        var parsed = Durations.parse("deploy.commandTimeout", deployCommandTimeout, problems);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return parsed == null ? Duration.ofMinutes(2) : parsed;
    }

    private ChallengeSettings challengeSettings() throws AcmeCertificateException, MojoFailureException {
        var settings = new ChallengeSettings()
                .type(challenge)
                .httpAddress(httpAddress)
                .httpPort(httpPort)
                .webroot(webroot == null ? null : webroot.toPath());
        var type = challenge == null ? "" : challenge.strip();
        if (ChallengeSettings.HTTP_01_SFTP.equalsIgnoreCase(type)) {
            var block = sftpWebroot == null ? new SftpWebroot() : sftpWebroot;
            return settings.sftpEndpoint(sftpTarget(pick(block.target, sftpWebrootTarget)))
                    .sftpWebroot(pick(block.path, sftpWebrootPath));
        }
        if (!ChallengeSettings.DNS_01.equalsIgnoreCase(type)) {
            return settings;
        }
        var block = dns == null ? new Dns() : dns;
        var server = secrets().server(pick(block.serverId, dnsServerId), "acme.dns.serverId");
        return settings
                .dnsProvider(pick(block.provider, dnsProvider))
                .dnsOptions(block.options != null ? block.options : KeyValues.parse(dnsOptions, "dns.options"))
                .dnsCredential(server.map(s -> s.getUsername()).orElse(null),
                        server.map(s -> s.getPassword()).orElse(null))
                .dnsSettings(DnsSettings.builder()
                        .propagationTimeout(pick(block.propagationTimeout, dnsPropagationTimeout))
                        .propagationInterval(pick(block.propagationInterval, dnsPropagationInterval))
                        .skipPropagationCheck(pick(block.skipPropagationCheck, dnsSkipPropagationCheck))
                        .resolvers(pick(block.resolvers, dnsResolvers))
                        .nameserverPort(pick(block.nameserverPort, dnsNameserverPort))
                        .followCnames(pick(block.followCnames, dnsFollowCnames))
                        .queryTimeout(pick(block.queryTimeout, dnsQueryTimeout))
                        .build());
    }

    /** The SSH endpoint of the sftp target with that name. */
    private io.github.acmecertificate.core.ssh.SshEndpoint sftpTarget(String name)
            throws InvalidInputException, MojoFailureException {
        if (name == null || name.isBlank()) {
            throw new InvalidInputException("sftpWebroot.target", "the http-01-sftp challenge needs the name of the "
                    + "sftp target that reaches the web server. Set <sftpWebroot><target> to a <targets> entry's <name>");
        }
        var match = targets == null ? null : targets.stream()
                .filter(t -> name.strip().equals(t.name) && "sftp".equalsIgnoreCase(String.valueOf(t.type).strip()))
                .findFirst().orElse(null);
        if (match == null) {
            throw new InvalidInputException("sftpWebroot.target", "no sftp target is named '" + name.strip()
                    + "'. Add <name>" + name.strip() + "</name> to the <target> that reaches the web server");
        }
        return new Deployments(secrets()).endpoint(match, "sftpWebroot.");
    }

    /** A value from the POM's nested block wins over the user property. */
    private static <T> T pick(T fromBlock, T fromProperty) {
        return fromBlock != null ? fromBlock : fromProperty;
    }

    private Duration parseTimeout() throws InvalidInputException {
        try {
            return Duration.parse(timeout.strip().toUpperCase());
        } catch (DateTimeParseException | NullPointerException ex) {
            throw new InvalidInputException("timeout", "'" + timeout + "' is not an ISO-8601 duration, e.g. PT5M");
        }
    }
}
