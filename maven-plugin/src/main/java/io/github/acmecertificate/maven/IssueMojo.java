package io.github.acmecertificate.maven;

import java.io.File;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.github.acmecertificate.core.CertificateDescription;
import io.github.acmecertificate.core.CertificateProvisioner;
import io.github.acmecertificate.core.CertificateRequest;
import io.github.acmecertificate.core.CertificateRollout;
import io.github.acmecertificate.core.FleetProvisioner;
import io.github.acmecertificate.core.ProvisionResult;
import io.github.acmecertificate.core.challenge.ChallengeDescription;
import io.github.acmecertificate.core.challenge.ChallengeSolver;
import io.github.acmecertificate.core.config.Option;
import io.github.acmecertificate.core.config.Values;
import io.github.acmecertificate.core.deploy.DeployHook;
import io.github.acmecertificate.core.deploy.DeployOptions;
import io.github.acmecertificate.core.event.ProgressListener;
import io.github.acmecertificate.core.exception.AcmeCertificateException;
import io.github.acmecertificate.core.exception.InvalidInputException;
import io.github.acmecertificate.core.exception.InvalidInputException.Problem;
import io.github.acmecertificate.core.ssh.SshEndpoint;
import io.github.acmecertificate.core.store.DryRunStore;
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
    String server;

    /** The names the certificate covers (DNS names, {@code *.} wildcards, IP addresses); comma-separated on the command line. */
    @Parameter(property = "acme.domains")
    List<String> domains;

    /**
     * Several certificates in one execution, each with its own names and options; the goal's
     * other parameters are their defaults. On the command line, {@code ;} separates
     * certificates in {@code acme.domains}: {@code -Dacme.domains="a.example,www.a.example;b.example"}.
     */
    @Parameter
    List<Certificate> certificates;

    /** With several certificates: how many are ordered at once. */
    @Parameter(property = "acme.concurrency", defaultValue = "8")
    String concurrency;

    /** Agrees to the CA's terms of service, which registering a new account requires. */
    @Parameter(property = "acme.acceptTermsOfService", defaultValue = "false")
    String acceptTermsOfService;

    /** A contact address for the account (the CA's expiry and incident mail). */
    @Parameter(property = "acme.email")
    private String email;

    /**
     * How to prove control: {@code http-01} (built-in server), {@code http-01-webroot},
     * {@code http-01-sftp} (tokens uploaded to a web server over SFTP) or {@code dns-01}.
     */
    @Parameter(property = "acme.challenge", defaultValue = "http-01")
    String challenge;

    /** The address the built-in HTTP-01 server listens on; all interfaces when empty. */
    @Parameter(property = "acme.http.address")
    private String httpAddress;

    /** The port the built-in HTTP-01 server listens on. CAs connect to port 80. */
    @Parameter(property = "acme.http.port", defaultValue = "80")
    String httpPort;

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
    String reuseKey;

    /** A certificate signing request (PEM or DER) to use instead of a generated key. */
    @Parameter(property = "acme.csr")
    private File csr;

    /** A PEM file of root certificates trusted for the CA's HTTPS endpoint (private CAs). */
    @Parameter(property = "acme.serverTrust")
    private File serverTrust;

    /** Renew when less than this remains ({@code P30D}, {@code 30d}, {@code 12h}), if earlier than the default rule. */
    @Parameter(property = "acme.renewBefore")
    String renewBefore;

    /** Renews even when the stored certificate is not due. */
    @Parameter(property = "acme.force", defaultValue = "false")
    String force;

    /** The common name of the preferred issuer, when the CA offers alternate chains. */
    @Parameter(property = "acme.preferredChain")
    private String preferredChain;

    /**
     * The certificate profile to ask the CA for, checked against those its directory lists:
     * Let's Encrypt offers {@code classic} (its default), {@code tlsserver} and {@code shortlived}
     * (about 6 days; the only one for IP addresses).
     */
    @Parameter(property = "acme.profile")
    String profile;

    /** How long to wait for the CA at each step: {@code PT5M}, {@code 5m} or {@code 300} (seconds). */
    @Parameter(property = "acme.timeout", defaultValue = "PT5M")
    String timeout;

    /**
     * The id of a settings.xml {@code <server>} holding the External Account Binding:
     * {@code <username>} is the EAB key id, {@code <password>} the HMAC key.
     */
    @Parameter(property = "acme.eab.serverId")
    private String eabServerId;

    /**
     * The DNS-01 settings: {@code <dns><provider>rfc2136</provider><options>...</options></dns>}.
     * Each of its fields can also be given as the user property {@code acme.dns.<field>} (e.g.
     * {@code -Dacme.dns.provider=rfc2136 -Dacme.dns.options=nameserver=ns1.example.com}); a
     * value in the POM wins. The fields are the core's {@code dns-01} options.
     */
    @Parameter
    Dns dns;

    /**
     * For {@code http-01-sftp}: the sftp target whose SSH settings reach the web server, and the
     * document root there: {@code <sftpWebroot><target>web1</target><path>/var/www/html</path></sftpWebroot>}.
     */
    @Parameter
    private SftpWebroot sftpWebroot;

    /** For {@code http-01-sftp}: the name of the sftp target, when not set in {@code <sftpWebroot>}. */
    @Parameter(property = "acme.sftpWebroot.target")
    String sftpWebrootTarget;

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
    private String dryRun;

    @Override
    protected void run(ProgressListener listener)
            throws AcmeCertificateException, MojoFailureException, InterruptedException {
        var fleet = fleet();
        if (!fleet.isEmpty()) {
            runFleet(fleet, listener);
            return;
        }
        // Every step's input problems are gathered and reported together, before any network call.
        var input = new InputProblems();
        var password = input.check(this::keystorePassword, null);
        var dry = input.check(() -> Values.bool("dryRun", dryRun, false), false);
        var hook = input.check(() -> DeployHook.of("deployHook", deployHook, Optional.ofNullable(
                Values.duration("deployCommandTimeout", deployCommandTimeout))
                .orElse(DeployOptions.DEFAULT_COMMAND_TIMEOUT)), Optional.<DeployHook>empty());
        var prepared = input.check(this::prepare, null);
        if (prepared != null && input.any()) {
            prepared.request().solver().close();
        }
        input.throwIfAny();
        var request = prepared.request();
        var plan = prepared.deployPlan();
        var fileStore = new FileStore(store.toPath(), password);
        if (dry) {
            dryRun(request, fileStore, listener, hook.isPresent() || !plan.isEmpty());
            return;
        }
        // Also when not due, the rollout deploys: a target that missed the last deploy, or a new one, gets it now.
        var rollout = new CertificateRollout(new CertificateProvisioner(fileStore), fileStore).run(request, plan,
                result -> {
                    exportProperty("acme.certificate.directory", result.location());
                    exportProperty("acme.certificate.notAfter", result.notAfter().toString());
                    exportProperty("acme.certificate.changed", Boolean.toString(result.changed()));
                    getLog().info(result.summary());
                    // Before the targets: a target missed now catches up at the next run, a hook would not.
                    if (hook.isPresent()) {
                        runHook(hook.get(), result, fileStore);
                    }
                }, listener);
        if (!plan.isEmpty()) {
            getLog().info(rollout.deployment().summary());
        }
    }

    private void runHook(DeployHook hook, ProvisionResult result, FileStore fileStore)
            throws AcmeCertificateException {
        try {
            hook.runAfter(result, fileStore.certificateDirectory(result.bundle().metadata().name()),
                    new MavenProgressListener(getLog()));
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new AcmeCertificateException("Interrupted while the deploy hook ran", ex);
        }
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

    /**
     * Has the core read and check the goal's certificate, its challenge and its targets;
     * nothing is contacted.
     *
     * @return the request, with its solver, and the deploy plan
     * @throws InvalidInputException    naming every field that is wrong
     * @throws AcmeCertificateException if a secret cannot be read
     */
    CertificateDescription.Prepared prepare() throws AcmeCertificateException {
        var problems = new ArrayList<Problem>();
        var description = describe(problems);
        try {
            var prepared = description.prepare(new IssueContext(null));
            if (problems.isEmpty()) {
                return prepared;
            }
            prepared.request().solver().close();
        } catch (InvalidInputException ex) {
            problems.addAll(ex.problems());
        }
        throw new InvalidInputException(problems);
    }

    /**
     * The goal's parameters as the core describes a certificate: the POM's fields under the
     * core's names. A challenge that cannot be described is added to {@code problems} and
     * replaced by the default, so that the other fields are still checked.
     */
    private CertificateDescription describe(List<Problem> problems) {
        var builder = deployment().server(server).domains(domains).name(name).email(email)
                .acceptTermsOfService(acceptTermsOfService).keyType(keyType).reuseKey(reuseKey)
                .preferredChain(preferredChain).renewBefore(renewBefore).force(force).profile(profile)
                .timeout(timeout).eab(eabServerId);
        try {
            builder.challenge(challenge());
        } catch (InvalidInputException ex) {
            problems.addAll(ex.problems());
        }
        return builder.build();
    }

    /** One certificate of a fleet: the goal's description with the entry's names and options. */
    private static CertificateDescription describe(CertificateDescription goal, Certificate one) {
        var builder = goal.toBuilder().domains(one.domains).name(one.name);
        if (one.keyType != null) {
            builder.keyType(one.keyType);
        }
        if (one.reuseKey != null) {
            builder.reuseKey(one.reuseKey);
        }
        if (one.renewBefore != null) {
            builder.renewBefore(one.renewBefore);
        }
        if (one.force != null) {
            builder.force(one.force);
        }
        if (one.preferredChain != null) {
            builder.preferredChain(one.preferredChain);
        }
        return builder.build();
    }

    /**
     * The certificates of a fleet: the {@code <certificates>} list, or {@code acme.domains}
     * with {@code ;} between certificates. Empty for the usual single certificate.
     */
    List<Certificate> fleet() throws InvalidInputException {
        if (certificates != null && !certificates.isEmpty()) {
            if (domains != null && !domains.isEmpty()) {
                throw new InvalidInputException("certificates", "both <certificates> and domains are set. Put every "
                        + "certificate in <certificates>, or use domains alone");
            }
            return certificates;
        }
        if (domains == null || domains.stream().noneMatch(d -> d != null && d.contains(";"))) {
            return List.of();
        }
        // Maven splits a user property at commas before we see it; join, then split at ';'.
        var fleet = new ArrayList<Certificate>();
        for (var group : String.join(",", domains).split(";")) {
            if (group.isBlank()) {
                continue;
            }
            var entry = new Certificate();
            entry.domains = Values.list(group);
            fleet.add(entry);
        }
        return fleet;
    }

    private void runFleet(List<Certificate> fleet, ProgressListener listener)
            throws AcmeCertificateException, MojoFailureException, InterruptedException {
        if (targets != null && !targets.isEmpty()) {
            throw new InvalidInputException("targets", "deploy targets take one certificate, and "
                    + fleet.size() + " are requested. Deploy each certificate in an execution of its own");
        }
        if (csr != null) {
            throw new InvalidInputException("csr", "a CSR names one certificate, and " + fleet.size()
                    + " are requested. Use csr with a single certificate");
        }
        if (deployHook != null && !deployHook.isBlank()) {
            throw new InvalidInputException("deployHook", "a deploy hook runs for one certificate, and " + fleet.size()
                    + " are requested. Run each certificate that needs a hook in an execution of its own");
        }
        if (Values.bool("dryRun", dryRun, false)) {
            throw new InvalidInputException("dryRun", "a dry run tries one certificate, and " + fleet.size()
                    + " are requested. Try a single certificate's settings first");
        }
        int parallel = FleetProvisioner.concurrency("concurrency", concurrency);
        var problems = new ArrayList<Problem>();
        var goal = describe(problems);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        // One solver for every certificate: one HTTP-01 server for all of them.
        var shared = new IssueContext(goal.challenge().createSolver(new IssueContext(null)));
        var requests = new ArrayList<CertificateRequest>();
        for (int i = 0; i < fleet.size(); i++) {
            try {
                requests.add(describe(goal, fleet.get(i)).prepare(shared).request());
            } catch (InvalidInputException ex) {
                for (var problem : ex.problems()) {
                    problems.add(new Problem("certificates[" + (i + 1) + "]." + problem.field(), problem.problem()));
                }
            }
        }
        if (!problems.isEmpty()) {
            shared.solver.close();
            throw new InvalidInputException(problems);
        }
        var fileStore = new FileStore(store.toPath(), keystorePassword());
        var result = new FleetProvisioner(fileStore, fileStore, Clock.systemUTC(), parallel)
                .provision(requests, listener);
        // Each failure was logged as it happened; the goal's failure lists them again.
        result.certificates().forEach(c -> c.result().ifPresent(r -> getLog().info(r.certificate().summary())));
        getLog().info(result.summary());
        exportProperty("acme.certificates.changed", Boolean.toString(result.changed()));
        if (!result.succeeded()) {
            throw new MojoFailureException(result.failureMessage(AcmeCertificateException::getMessage)
                    + "\nFix the cause and run again: the certificates already stored are not due and cost nothing");
        }
    }

    /** The challenge, described from the parameters under the core's option names. */
    private ChallengeDescription challenge() throws InvalidInputException {
        var builder = ChallengeDescription.builder(challenge);
        switch (builder.type()) {
            case HTTP_01 -> builder.option("address", httpAddress).option("port", httpPort);
            case HTTP_01_WEBROOT -> builder.option("path", webroot);
            case HTTP_01_SFTP -> builder.option("path", pick(sftpWebroot == null ? null : sftpWebroot.path,
                    sftpWebrootPath));
            case DNS_01 -> {
                for (var option : builder.type().options()) {
                    builder.option(option.name(), dnsOption(option));
                }
            }
            default -> throw new IllegalStateException("unhandled challenge " + builder.type());
        }
        return builder.build();
    }

    /** A dns-01 option from the {@code <dns>} block, or else from its user property. */
    private String dnsOption(Option option) {
        var property = AcmeProperties.name(option.field());
        var element = property.substring(property.lastIndexOf('.') + 1);
        if (dns != null) {
            try {
                var field = Dns.class.getDeclaredField(element);
                var value = field.get(dns);
                if (value instanceof Map<?, ?> map) {
                    var pairs = new LinkedHashMap<String, String>();
                    map.forEach((k, v) -> pairs.put(String.valueOf(k), v == null ? "" : String.valueOf(v)));
                    return Values.keyValues(pairs);
                }
                if (value != null) {
                    return value.toString();
                }
            } catch (NoSuchFieldException | IllegalAccessException ex) {
                throw new IllegalStateException("<dns> has no element <" + element + "> for " + option.name(), ex);
            }
        }
        return userProperty(property);
    }

    /**
     * What {@code acme:issue} adds to the settings.xml look-ups: the sftp target that reaches
     * the web root, the trusted roots, the CSR and the dry run; for a fleet, the one solver all
     * of its certificates share.
     */
    private final class IssueContext extends Deployments {
        private final ChallengeSolver solver;

        IssueContext(ChallengeSolver shared) {
            super(secrets());
            this.solver = shared;
        }

        @Override
        public ChallengeSolver solver(ChallengeDescription description) throws AcmeCertificateException {
            return solver != null ? solver : super.solver(description);
        }

        @Override
        public SshEndpoint sshEndpoint(ChallengeDescription description) throws AcmeCertificateException {
            var name = pick(sftpWebroot == null ? null : sftpWebroot.target, sftpWebrootTarget);
            if (name == null || name.isBlank()) {
                throw new InvalidInputException("sftpWebroot.server", "the http-01-sftp challenge needs the name of "
                        + "the sftp target that reaches the web server. Set <sftpWebroot><target> to a <targets> "
                        + "entry's <name>");
            }
            var match = targets == null ? null : targets.stream().filter(t -> name.strip().equals(t.name)
                    && "sftp".equalsIgnoreCase(String.valueOf(t.type).strip())).findFirst().orElse(null);
            if (match == null) {
                throw new InvalidInputException("sftpWebroot.server", "no sftp target is named '" + name.strip()
                        + "'. Add <name>" + name.strip() + "</name> to the <target> that reaches the web server");
            }
            return endpoint(describe(match), "sftpWebroot.");
        }

        @Override
        public void complete(CertificateRequest.Builder request) throws InvalidInputException {
            request.serverTrust(serverTrust == null ? null : serverTrust.toPath())
                    .csr(solver == null && csr != null ? csr.toPath() : null);
            if (Values.bool("dryRun", dryRun, false)) {
                request.force(true);
            }
        }
    }

    /** A value from the POM's nested block wins over the user property. */
    private static <T> T pick(T fromBlock, T fromProperty) {
        return fromBlock != null ? fromBlock : fromProperty;
    }
}
