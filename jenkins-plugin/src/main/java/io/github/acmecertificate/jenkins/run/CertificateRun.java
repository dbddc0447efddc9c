package io.github.acmecertificate.jenkins.run;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Map;
import java.util.Optional;

import io.github.acmecertificate.core.CertificateDescription;
import io.github.acmecertificate.core.CertificateProvisioner;
import io.github.acmecertificate.core.CertificateRequest;
import io.github.acmecertificate.core.CertificateRollout;
import io.github.acmecertificate.core.ProvisionResult;
import io.github.acmecertificate.core.ca.CertificateAuthority;
import io.github.acmecertificate.core.challenge.ChallengeDescription;
import io.github.acmecertificate.core.challenge.ChallengeSolver;
import io.github.acmecertificate.core.challenge.ChallengeType;
import io.github.acmecertificate.core.challenge.SharedSolvers;
import io.github.acmecertificate.core.challenge.dns.DnsProviders;
import io.github.acmecertificate.core.config.Credential;
import io.github.acmecertificate.core.config.Values;
import io.github.acmecertificate.core.deploy.DeployPlan;
import io.github.acmecertificate.core.deploy.DeployTarget;
import io.github.acmecertificate.core.deploy.DeployTargets;
import io.github.acmecertificate.core.deploy.TargetDescription;
import io.github.acmecertificate.core.event.ProgressEvent.Stage;
import io.github.acmecertificate.core.event.ProgressListener;
import io.github.acmecertificate.core.exception.AcmeCertificateException;
import io.github.acmecertificate.core.exception.InvalidInputException;
import io.github.acmecertificate.core.exception.InvalidInputException.Problem;
import io.github.acmecertificate.core.ssh.SshEndpoint;
import io.github.acmecertificate.jenkins.credentials.CredentialLookup;
import io.github.acmecertificate.jenkins.credentials.LookupContext;
import io.github.acmecertificate.jenkins.credentials.UserCredential;
import io.github.acmecertificate.jenkins.managed.CertificateSettings;
import io.github.acmecertificate.jenkins.managed.LastRun;
import io.github.acmecertificate.jenkins.managed.ManagedCertificate;
import io.github.acmecertificate.jenkins.managed.ManagedCertificateRegistry;
import io.github.acmecertificate.jenkins.security.ControllerUse;
import io.github.acmecertificate.jenkins.security.BuildAuthorization.Where;
import io.github.acmecertificate.jenkins.security.RunGuard;
import io.github.acmecertificate.jenkins.status.ManagedStates;
import io.github.acmecertificate.core.store.credentials.CertificateCredentialMapper;
import io.github.acmecertificate.core.store.credentials.CredentialsAccountStore;
import io.github.acmecertificate.core.store.credentials.CredentialsBackend;
import io.github.acmecertificate.core.store.credentials.CredentialsCertificateStore;

/**
 * One run of the {@code acmeCertificate} step, or of the scheduled renewal for one
 * certificate: resolves the server and defaults, has the core build the request, the solver and
 * the deploy targets from their descriptions (all checked before anything is ordered), runs the
 * core's {@link CertificateRollout} into credentials, and keeps the managed-certificate record up
 * to date.
 *
 * <pre>{@code
 * var run = new CertificateRun(backend, credentials, registry, Clock.systemUTC())
 *         .eabSecrets(globalSecrets).fipsMode(FIPS140.useCompliantAlgorithms()).guard(guard);
 * Map<String, Object> result = run.run(settings, global, "team/site #42", listener).toMap();
 * }</pre>
 *
 * @since 0.1.0
 */
public final class CertificateRun {

    /** The prefix of the default account credential id, followed by the CA's store key. */
    public static final String DEFAULT_ACCOUNT_PREFIX = "acme-account-";

    private final CredentialsBackend backend;
    private final CredentialLookup credentials;
    private final ManagedCertificateRegistry registry;
    private final Clock clock;
    private CredentialLookup eabSecrets = CredentialLookup.NONE;
    private boolean fipsMode;
    private RunGuard guard;
    private Solvers solvers;
    private SharedSolvers shared;

    /** Builds a challenge's solver: where it runs (the controller, or an agent). */
    @FunctionalInterface
    public interface Solvers {
        /**
         * Builds the solver.
         *
         * @param challenge the step's challenge
         * @param context   the credentials the build may use
         * @return the solver
         * @throws AcmeCertificateException naming the option that is wrong
         */
        ChallengeSolver create(ChallengeDescription challenge, LookupContext context) throws AcmeCertificateException;
    }

    /**
     * Creates a run without EAB secrets, outside FIPS mode, without authorization checks (tests
     * of the workflow alone), building the solver here.
     *
     * @param backend     the credentials the certificate and account are kept in
     * @param credentials reads the credentials the step names (DNS provider secrets, SSH keys), as
     *                    the build (or the job, for the scheduled renewal) may use them
     * @param registry    the managed-certificate records
     * @param clock       the clock
     */
    public CertificateRun(CredentialsBackend backend, CredentialLookup credentials,
            ManagedCertificateRegistry registry, Clock clock) {
        this.backend = backend;
        this.credentials = credentials;
        this.registry = registry;
        this.clock = clock;
    }

    /**
     * Reads the secret texts the global configuration names (EAB HMAC keys) from here.
     *
     * @param secrets the global secret texts
     * @return this run
     */
    public CertificateRun eabSecrets(CredentialLookup secrets) {
        this.eabSecrets = secrets;
        return this;
    }

    /**
     * Writes certificate credentials in the FIPS-140 form.
     *
     * @param fips true when Jenkins runs in FIPS-140 mode
     * @return this run
     */
    public CertificateRun fipsMode(boolean fips) {
        this.fipsMode = fips;
        return this;
    }

    /**
     * Decides the reads and writes of credentials and records by the authorization of the build
     * (or of the job, for the scheduled renewal).
     *
     * @param runGuard what the run's authentication may do
     * @return this run
     */
    public CertificateRun guard(RunGuard runGuard) {
        this.guard = runGuard;
        return this;
    }

    /**
     * Answers the challenge where the given factory builds its solver (on the agent of the
     * enclosing {@code node} block, say).
     *
     * @param factory builds the challenge's solver
     * @return this run
     */
    public CertificateRun solvers(Solvers factory) {
        this.solvers = factory;
        return this;
    }

    /**
     * Shares the HTTP-01 listeners with the other certificates that run at once.
     *
     * @param solvers the call's shared solvers, which it closes at its end
     * @return this run
     */
    public CertificateRun sharing(SharedSolvers solvers) {
        this.shared = solvers;
        return this;
    }

    /**
     * Issues the certificate into its credential, or renews it when due, then deploys it to the
     * step's targets (those that hold it already are left alone). When it is not due, nothing
     * is sent to the CA and the log says until when it is valid.
     *
     * <p>Everything is checked before the CA is contacted: the parameters, the challenge with
     * the credentials it names, and every deploy target with its SSH key. A failure is
     * recorded on the managed certificate, unless it is a mistake in the step's parameters,
     * which the failed build already shows (the scheduled renewal, which no build shows,
     * records every failure itself). A failed deploy target fails the run, and the new
     * certificate stays in its credential: the next run deploys it without ordering another.
     *
     * @param settings what the step asked for; its {@code job} is recorded so that the
     *                 scheduled renewal reads the credentials the job reads
     * @param global   the global configuration
     * @param by       who runs it, for the record: a build's name or {@code scheduled renewal}
     * @param listener where progress goes
     * @return the step's result
     * @throws AcmeCertificateException for anything the user can act on (the message says what);
     *                                  a {@link io.github.acmecertificate.core.deploy.DeployException}
     *                                  lists the failed targets
     * @throws InterruptedException     if interrupted
     */
    public StepResult run(CertificateSettings settings, GlobalSettings global, String by, ProgressListener listener)
            throws AcmeCertificateException, InterruptedException {
        var asked = settings.certificate();
        var id = asked.name();
        checkIds(asked);
        var server = global.resolve(asked.server());
        if (server.directory().isEmpty()) {
            throw new InvalidInputException("server", "no ACME server was given and no default server is configured. "
                    + "Set server to one of " + CertificateAuthority.aliases() + ", the https URL of a CA's ACME "
                    + "directory, or the name of a server configured under Manage Jenkins > System > ACME Certificate"
                    + (global.servers().isEmpty() ? "" : " (" + String.join(", ",
                    global.servers().stream().map(ServerSettings::name).toList()) + ")"));
        }
        var context = backend.contextOf(id);
        if (guard != null) {
            guard.checkRecord(id, registry.find(context, id), settings.job());
            guard.checkCertificateWritable(backend, id);
        }
        try (var lookups = new LookupContext(credentials)) {
            // The configured defaults are filled in before the core reads the description.
            var resolved = asked.toBuilder().server(server.directory())
                    .keyType(asked.keyType().isEmpty() ? global.defaultKeyType() : asked.keyType())
                    .renewBefore(asked.renewBefore().isEmpty() ? global.defaultRenewBefore() : asked.renewBefore())
                    .build();
            var prepared = resolved.prepare(new RunContext(lookups, solvers, shared, server, eabSecrets));
            var request = prepared.request();
            var accountId = asked.account().isEmpty() ? defaultAccountCredentialsId(request.ca()) : asked.account();
            // The renewal state (the CA's advice, failures, a revocation) is kept beside the records.
            var certificates = ManagedStates.beside(registry).around(new CredentialsCertificateStore(
                    guard == null ? backend : guard.certificates(backend), new CertificateCredentialMapper(fipsMode),
                    name -> registry.find(context, name).map(ManagedCertificate::metadata)), context);
            var accounts = new CredentialsAccountStore(guard == null ? backend : guard.accounts(backend), accountId);
            var template = new CertificateSettings(resolved.toBuilder()
                    .server(server.name().isEmpty() ? server.directory() : server.name()).account(accountId)
                    .keyType(request.keyType().id()).force(false).build(), settings.job());
            var rollout = new CertificateRollout(new CertificateProvisioner(certificates, accounts, clock), certificates)
                    .run(request, prepared.deployPlan(), provisioned -> {
                        registry.save(record(backend.contextOf(id), request, provisioned, template, by));
                        listener.report(Stage.STORED, provisioned.summary());
                    }, listener);
            // A certificate found not due is read now, while this run's store access applies.
            rollout.certificate().bundle();
            return new StepResult(id, rollout);
        } catch (AcmeCertificateException ex) {
            if (!(ex instanceof InvalidInputException)) {
                try {
                    registry.recordFailure(context, id, by, StepErrors.message(ex), clock.instant());
                } catch (AcmeCertificateException recordFailed) {
                    ex.addSuppressed(recordFailed);
                }
            }
            throw ex;
        }
    }

    /**
     * Builds the core's deploy plan from the step's targets and options: looks credentials up and
     * checks every value (an SSH key that cannot be read, two targets with one name, a file that
     * cannot be placed), before any connection. A target type that writes on the controller is refused.
     *
     * @param certificate the step's targets and deploy options
     * @param lookups     the credentials the run may use; known_hosts files live until it is closed
     * @return the plan
     * @throws InvalidInputException    listing every problem, each naming its field
     * @throws AcmeCertificateException if a credential cannot be read
     */
    public static DeployPlan plan(CertificateDescription certificate, LookupContext lookups)
            throws AcmeCertificateException {
        return certificate.deployPlan(new RunContext(lookups, null, null, null, CredentialLookup.NONE));
    }

    /**
     * The core's context for one run: the run's credentials, the solver built where the step
     * says, no target that writes on the controller, and the configured server's trusted root
     * and External Account Binding.
     */
    private static final class RunContext implements CertificateDescription.Context {
        private final LookupContext lookups;
        private final Solvers solvers;
        private final SharedSolvers shared;
        private final ServerSettings server;
        private final CredentialLookup eabSecrets;

        RunContext(LookupContext lookups, Solvers solvers, SharedSolvers shared, ServerSettings server,
                CredentialLookup eabSecrets) {
            this.lookups = lookups;
            this.solvers = solvers;
            this.shared = shared;
            this.server = server;
            this.eabSecrets = eabSecrets;
        }

        @Override
        public Credential credential(String field, String reference) throws AcmeCertificateException {
            return lookups.credential(field, reference);
        }

        @Override
        public SshEndpoint sshEndpoint(ChallengeDescription description) throws AcmeCertificateException {
            return lookups.sshEndpoint(description);
        }

        @Override
        public SshEndpoint sshEndpoint(TargetDescription description) throws AcmeCertificateException {
            return lookups.sshEndpoint(description);
        }

        @Override
        public ClassLoader providers() {
            return lookups.providers();
        }

        @Override
        public ChallengeSolver solver(ChallengeDescription challenge) throws AcmeCertificateException {
            SharedSolvers.Factory factory = c -> solvers == null ? c.createSolver(lookups) : solvers.create(c, lookups);
            return shared == null ? factory.create(challenge) : shared.solver(challenge, factory);
        }

        @Override
        public DeployTarget target(TargetDescription target) throws AcmeCertificateException {
            if (FormChecks.CONTROLLER_TARGETS.contains(Values.lower(target.type()))) {
                throw new InvalidInputException("targets.type", "'" + target.type() + "' targets write on the "
                        + "controller, where the step runs. Deploy over SSH with sftp(...) instead");
            }
            return DeployTargets.create(target, this, providers());
        }

        @Override
        public void complete(CertificateRequest.Builder request) throws AcmeCertificateException {
            if (!server.trustedRootPem().isBlank()) {
                request.serverTrustPem(server.trustedRootPem());
            }
            if (server.hasExternalAccountBinding()) {
                request.externalAccountBinding(server.eabKeyId(), eabHmacKey(server, eabSecrets));
            }
        }
    }

    /**
     * Decides where a challenge is answered, and whether this build may answer it there: inside
     * a {@code node} block on an agent, as the build's own {@code sh} would run; otherwise (no
     * {@code node}, the built-in node, or the scheduled renewal) on the controller, which a
     * challenge that uses the machine itself may do only for a build running as an administrator
     * or with an administrator's switch. The one place the step and the scheduled renewal decide it.
     *
     * @param guard     what the build's authentication may do
     * @param challenge the challenge
     * @param agent     whether the step runs inside a {@code node} block on an agent
     * @param listener  told when the challenge is answered on the agent
     * @return true when it is answered on the agent; false on the controller
     * @throws AcmeCertificateException if the build may not answer it on the controller; the
     *                                  message names the administrator's switch and the {@code node} way
     */
    public static boolean answerOnAgent(RunGuard guard, ChallengeDescription challenge, boolean agent,
            ProgressListener listener) throws AcmeCertificateException {
        var use = controllerUse(challenge);
        if (use.isEmpty()) {
            return false;
        }
        var onAgent = agent && use.get().agentReady();
        var decision = guard.rules().controllerUse(use.get(), onAgent ? Where.AGENT : Where.CONTROLLER,
                StepErrors.describe(challenge));
        if (!decision.allowed()) {
            throw new AcmeCertificateException(decision.message());
        }
        if (onAgent) {
            listener.report(Stage.INFO, "acmeCertificate: " + decision.message());
        }
        return onAgent;
    }

    /**
     * Says how answering a challenge uses the controller itself on a build's behalf (its file
     * system, its processes, its own cloud identity), which only a build running as an
     * administrator, or an administrator's switch, allows.
     *
     * @param challenge the challenge
     * @return the kind of use, or empty when it only talks to the network
     */
    public static Optional<ControllerUse> controllerUse(ChallengeDescription challenge) {
        Optional<String> access = Optional.empty();
        if (challenge.type() == ChallengeType.DNS_01) {
            try {
                var written = Values.keyValues("dns.options", challenge.get("options"));
                var hasCredential = !challenge.get("credential").isEmpty();
                access = DnsProviders.find(challenge.get("provider"), LookupContext.class.getClassLoader())
                        .flatMap(factory -> factory.hostAccess(written, hasCredential));
            } catch (InvalidInputException ex) {
                // The run refuses the options anyway.
            }
        }
        return ControllerUse.ofChallenge(challenge.type().symbol(), access);
    }

    private ManagedCertificate record(String context, CertificateRequest request, ProvisionResult result,
            CertificateSettings template, String by) {
        var metadata = result.bundle().metadata();
        return ManagedCertificate.of(context, result.bundle(), request.renewal().dueAt(metadata.notBefore(),
                metadata.notAfter()), template, new LastRun(clock.instant(), by, false, result.summary()));
    }

    private static String eabHmacKey(ServerSettings server, CredentialLookup eabSecrets)
            throws AcmeCertificateException {
        if (server.eabCredentialsId().isEmpty()) {
            return null;
        }
        var found = eabSecrets.find(server.eabCredentialsId());
        if (found.isPresent() && found.get() instanceof UserCredential.SecretText hmac) {
            return hmac.secret();
        }
        throw new InvalidInputException("server", "the configured server '" + server.name() + "' takes its "
                + "External Account Binding HMAC key from the credential '" + server.eabCredentialsId()
                + "', which is not a secret text in the global credentials. Add it there, or fix the server "
                + "under Manage Jenkins > System > ACME Certificate");
    }

    private static void checkIds(CertificateDescription settings) throws InvalidInputException {
        var problems = new ArrayList<Problem>();
        var id = settings.name();
        if (id.isEmpty()) {
            problems.add(new Problem("credentialsId", "no credential id was given. Set credentialsId to the id of the "
                    + "certificate credential to create or update, e.g. credentialsId: 'web-tls'"));
        } else if (!FormChecks.isValidCredentialsId(id) || !Character.isLetterOrDigit(id.charAt(0))) {
            problems.add(new Problem("credentialsId", "'" + id + "' cannot be used as a credential id. Use "
                    + "letters, digits, '.', '-' and '_', starting with a letter or digit"));
        }
        var account = settings.account();
        if (!account.isEmpty() && !FormChecks.isValidCredentialsId(account)) {
            problems.add(new Problem("accountCredentialsId", "'" + account + "' cannot be used as a credential id. "
                    + "Use letters, digits, '.', '-' and '_'"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
    }

    /**
     * Returns the id of the account credential used when a step names none.
     *
     * @param ca the CA
     * @return {@code acme-account-<CA store key>}
     */
    public static String defaultAccountCredentialsId(CertificateAuthority ca) {
        return DEFAULT_ACCOUNT_PREFIX + ca.storeKey();
    }
}
