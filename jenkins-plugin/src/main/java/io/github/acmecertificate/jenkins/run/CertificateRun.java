package io.github.acmecertificate.jenkins.run;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Map;
import java.util.Optional;

import io.github.acmecertificate.core.CertificateProvisioner;
import io.github.acmecertificate.core.CertificateRollout;
import io.github.acmecertificate.core.CertificateRequest;
import io.github.acmecertificate.core.ProvisionResult;
import io.github.acmecertificate.core.ca.CertificateAuthority;
import io.github.acmecertificate.core.challenge.ChallengeSolver;
import io.github.acmecertificate.core.event.ProgressEvent.Stage;
import io.github.acmecertificate.core.event.ProgressListener;
import io.github.acmecertificate.core.exception.AcmeCertificateException;
import io.github.acmecertificate.core.exception.InvalidInputException;
import io.github.acmecertificate.core.exception.InvalidInputException.Problem;
import io.github.acmecertificate.core.key.KeyType;
import io.github.acmecertificate.core.store.CertificateMetadata;
import io.github.acmecertificate.jenkins.challenge.SecretLookup;
import io.github.acmecertificate.jenkins.challenge.ChallengeSpec;
import io.github.acmecertificate.jenkins.challenge.SolverContext;
import io.github.acmecertificate.jenkins.credentials.CredentialLookup;
import io.github.acmecertificate.jenkins.deploy.Deployment;
import io.github.acmecertificate.jenkins.managed.LastRun;
import io.github.acmecertificate.jenkins.managed.ManagedCertificate;
import io.github.acmecertificate.jenkins.managed.ManagedCertificateRegistry;
import io.github.acmecertificate.jenkins.managed.RenewalTemplate;
import io.github.acmecertificate.jenkins.security.RunGuard;
import io.github.acmecertificate.jenkins.status.ManagedStates;
import io.github.acmecertificate.jenkins.ssh.KnownHostsFiles;
import io.github.acmecertificate.jenkins.store.CertificateCredentialMapper;
import io.github.acmecertificate.jenkins.store.CredentialsAccountStore;
import io.github.acmecertificate.jenkins.store.CredentialsBackend;
import io.github.acmecertificate.jenkins.store.CredentialsCertificateStore;

/**
 * One run of the {@code acmeCertificate} step, or of the scheduled renewal for one
 * certificate: resolves the server and defaults, builds the core's request and the deploy
 * targets (and checks both before anything is ordered), provisions into credentials, keeps the
 * managed-certificate record up to date, and deploys the certificate to the targets, also when
 * it was not due.
 *
 * <pre>{@code
 * var run = new CertificateRun(backend, secrets, credentials, registry, FIPS140.useCompliantAlgorithms(),
 *         Clock.systemUTC());
 * Map<String, Object> result = run.run(parameters, settings, "team/site #42", "team/site", listener).toMap();
 * }</pre>
 *
 * @since 0.1.0
 */
public final class CertificateRun {

    /** The prefix of the default account credential id, followed by the CA's store key. */
    public static final String DEFAULT_ACCOUNT_PREFIX = "acme-account-";

    private final CredentialsBackend backend;
    private final SecretLookup secrets;
    private final CredentialLookup credentials;
    private final ManagedCertificateRegistry registry;
    private final CertificateCredentialMapper mapper;
    private final Clock clock;
    private final RunGuard guard;
    private final Solvers solvers;

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
        ChallengeSolver create(ChallengeSpec challenge, SolverContext context) throws AcmeCertificateException;
    }

    /**
     * Creates a run whose challenge and targets name no credential.
     *
     * @param backend  the credentials the certificate and account are kept in
     * @param secrets  reads secret texts named by the configuration (EAB HMAC keys)
     * @param registry the managed-certificate records
     * @param fipsMode true when Jenkins runs in FIPS-140 mode
     * @param clock    the clock
     */
    public CertificateRun(CredentialsBackend backend, SecretLookup secrets, ManagedCertificateRegistry registry,
            boolean fipsMode, Clock clock) {
        this(backend, secrets, CredentialLookup.NONE, registry, fipsMode, clock);
    }

    /**
     * Creates a run.
     *
     * @param backend     the credentials the certificate and account are kept in
     * @param secrets     reads secret texts named by the configuration (EAB HMAC keys)
     * @param credentials reads the credentials the step names (DNS provider secrets, SSH keys), as
     *                    the build may use them
     * @param registry    the managed-certificate records
     * @param fipsMode    true when Jenkins runs in FIPS-140 mode
     * @param clock       the clock
     */
    public CertificateRun(CredentialsBackend backend, SecretLookup secrets, CredentialLookup credentials,
            ManagedCertificateRegistry registry, boolean fipsMode, Clock clock) {
        this(backend, secrets, credentials, registry, fipsMode, clock, null);
    }

    /**
     * Creates a run whose reads and writes of credentials and records are decided by the
     * authorization of the build (or of the job, for the scheduled renewal).
     *
     * @param backend     the credentials the certificate and account are kept in
     * @param secrets     reads secret texts named by the configuration (EAB HMAC keys)
     * @param credentials reads the credentials the step names, as the build may use them
     * @param registry    the managed-certificate records
     * @param fipsMode    true when Jenkins runs in FIPS-140 mode
     * @param clock       the clock
     * @param guard       what the run's authentication may do with credentials and records, or
     *                    {@code null} for no checks (tests of the workflow alone)
     */
    public CertificateRun(CredentialsBackend backend, SecretLookup secrets, CredentialLookup credentials,
            ManagedCertificateRegistry registry, boolean fipsMode, Clock clock, RunGuard guard) {
        this(backend, secrets, credentials, registry, fipsMode, clock, guard, null);
    }

    /**
     * Creates a run whose challenge is answered where the given factory builds its solver (on
     * the agent of the enclosing {@code node} block, say).
     *
     * @param backend     the credentials the certificate and account are kept in
     * @param secrets     reads secret texts named by the configuration (EAB HMAC keys)
     * @param credentials reads the credentials the step names, as the build may use them
     * @param registry    the managed-certificate records
     * @param fipsMode    true when Jenkins runs in FIPS-140 mode
     * @param clock       the clock
     * @param guard       what the run's authentication may do, or {@code null} for no checks
     * @param solvers     builds the challenge's solver, or {@code null} to build it here
     */
    public CertificateRun(CredentialsBackend backend, SecretLookup secrets, CredentialLookup credentials,
            ManagedCertificateRegistry registry, boolean fipsMode, Clock clock, RunGuard guard, Solvers solvers) {
        this.guard = guard;
        this.solvers = solvers;
        this.backend = backend;
        this.secrets = secrets;
        this.credentials = credentials;
        this.registry = registry;
        this.mapper = new CertificateCredentialMapper(fipsMode);
        this.clock = clock;
    }

    /**
     * Issues the certificate into its credential, or renews it when due, then deploys it. When
     * it is not due, nothing is sent to the CA and the log says until when it is valid.
     *
     * @param parameters what the step asked for
     * @param settings   the global configuration
     * @param by         who runs it, for the record: a build's name or {@code scheduled renewal}
     * @param listener   where progress goes
     * @return the step's result
     * @throws AcmeCertificateException for anything the user can act on (the message says what)
     * @throws InterruptedException     if interrupted
     * @see #run(StepParameters, GlobalSettings, String, String, ProgressListener)
     */
    public StepResult run(StepParameters parameters, GlobalSettings settings, String by, ProgressListener listener)
            throws AcmeCertificateException, InterruptedException {
        return run(parameters, settings, by, "", listener, false);
    }

    /**
     * Issues the certificate into its credential, or renews it when due, then deploys it to the
     * step's targets (those that hold it already are left alone). When it is not due, nothing
     * is sent to the CA and the log says until when it is valid.
     *
     * <p>Everything is checked before the CA is contacted: the parameters, the challenge with
     * the credentials it names, and every deploy target with its SSH key. A failure is
     * recorded on the managed certificate, unless it is a mistake in the step's parameters,
     * which the failed build already shows. A failed deploy target fails the run, and the new
     * certificate stays in its credential: the next run deploys it without ordering another.
     *
     * @param parameters what the step asked for
     * @param settings   the global configuration
     * @param by         who runs it, for the record: a build's name or {@code scheduled renewal}
     * @param job        the full name of the job that runs the step, recorded so that the
     *                   scheduled renewal reads the credentials the job reads; empty when unknown
     * @param listener   where progress goes
     * @return the step's result
     * @throws AcmeCertificateException for anything the user can act on (the message says what);
     *                                  a {@link io.github.acmecertificate.core.deploy.DeployException}
     *                                  lists the failed targets
     * @throws InterruptedException     if interrupted
     */
    public StepResult run(StepParameters parameters, GlobalSettings settings, String by, String job,
            ProgressListener listener) throws AcmeCertificateException, InterruptedException {
        return run(parameters, settings, by, job, listener, false);
    }

    StepResult run(StepParameters parameters, GlobalSettings settings, String by, String job,
            ProgressListener listener, boolean recordInputFailures)
            throws AcmeCertificateException, InterruptedException {
        var id = parameters.credentialsId();
        checkIds(parameters);
        var server = settings.resolve(parameters.server());
        if (server.directory().isEmpty()) {
            throw new InvalidInputException("server", "no ACME server was given and no default server is configured. "
                    + "Set server to one of " + CertificateAuthority.aliases() + ", the https URL of a CA's ACME "
                    + "directory, or the name of a server configured under Manage Jenkins > System > ACME Certificate"
                    + (settings.servers().isEmpty() ? "" : " (" + String.join(", ",
                    settings.servers().stream().map(ServerSettings::name).toList()) + ")"));
        }
        var context = backend.contextOf(id);
        if (guard != null) {
            guard.checkRecord(id, registry.find(context, id), job);
            guard.checkCertificateWritable(backend, id);
        }
        try (var knownHosts = new KnownHostsFiles()) {
            var keyType = parameters.keyType().isEmpty() ? settings.defaultKeyType() : parameters.keyType();
            var renewBefore = parameters.renewBefore().isEmpty() ? settings.defaultRenewBefore()
                    : parameters.renewBefore();
            var builder = CertificateRequest.builder()
                    .name(id)
                    .domains(parameters.domains())
                    .server(server.directory())
                    .serverTrustPem(server.trustedRootPem().isBlank() ? null : server.trustedRootPem())
                    .email(parameters.email())
                    .acceptTermsOfService(parameters.acceptTermsOfService())
                    .keyType(keyType)
                    .renewBefore(renewBefore)
                    .profile(parameters.profile().isEmpty() ? null : parameters.profile())
                    .force(parameters.force());
            if (server.hasExternalAccountBinding()) {
                builder.externalAccountBinding(server.eabKeyId(), eabHmacKey(server));
            }
            var prepared = prepare(builder, parameters, SolverContext.of(credentials, knownHosts));
            var request = prepared.request();
            var accountId = parameters.accountCredentialsId().isEmpty()
                    ? defaultAccountCredentialsId(request.ca()) : parameters.accountCredentialsId();
            // The renewal state (the CA's advice, failures, a revocation) is kept beside the records.
            var certificates = ManagedStates.beside(registry).around(new CredentialsCertificateStore(
                    guard == null ? backend : guard.certificates(backend), mapper,
                    name -> registry.find(context, name).map(ManagedCertificate::metadata)), context);
            var accounts = new CredentialsAccountStore(guard == null ? backend : guard.accounts(backend), accountId);
            var template = new RenewalTemplate(parameters.domains(), server.name().isEmpty() ? server.directory()
                    : server.name(), parameters.acceptTermsOfService(), parameters.email(), accountId,
                    request.keyType().id(), renewBefore, parameters.challenge(), parameters.deploy(), job,
                    parameters.profile());
            var rollout = new CertificateRollout(new CertificateProvisioner(certificates, accounts, clock), certificates)
                    .run(request, prepared.deployment().plan(), provisioned -> {
                        registry.save(record(backend.contextOf(id), request, provisioned, template, by));
                        listener.report(Stage.STORED, provisioned.summary());
                    }, listener);
            var result = rollout.certificate();
            var deployed = Deployment.statuses(rollout.deployment());
            return StepResult.of(result, id, deployed);
        } catch (AcmeCertificateException ex) {
            if (recordInputFailures || !(ex instanceof InvalidInputException)) {
                try {
                    registry.recordFailure(context, id, by, StepErrors.message(ex), clock.instant());
                } catch (AcmeCertificateException recordFailed) {
                    ex.addSuppressed(recordFailed);
                }
            }
            throw ex;
        }
    }

    /** The request and the deploy, both checked. */
    private record Prepared(CertificateRequest request, Deployment deployment) {
    }

    /**
     * Builds the request and the deploy, reporting a bad challenge and bad targets together
     * with every other problem, before anything is contacted.
     */
    private Prepared prepare(CertificateRequest.Builder builder, StepParameters parameters, SolverContext context)
            throws AcmeCertificateException {
        var challengeProblems = new ArrayList<Problem>();
        ChallengeSolver solver = null;
        try {
            solver = solvers == null ? parameters.challenge().createSolver(context)
                    : solvers.create(parameters.challenge(), context);
            builder.challenge(solver);
        } catch (InvalidInputException ex) {
            challengeProblems.addAll(ex.problems());
        }
        var problems = new ArrayList<Problem>();
        CertificateRequest request = null;
        try {
            request = builder.build();
        } catch (InvalidInputException ex) {
            // Without a solver, the builder's own complaint about the challenge says nothing more.
            var solved = solver != null;
            ex.problems().stream().filter(p -> solved || !"challenge".equals(p.field())).forEach(problems::add);
        }
        problems.addAll(challengeProblems);
        Deployment deployment = null;
        try {
            deployment = parameters.deploy().prepare(credentials, context.knownHosts());
        } catch (InvalidInputException ex) {
            problems.addAll(ex.problems());
        } catch (AcmeCertificateException | RuntimeException ex) {
            close(solver);
            throw ex;
        }
        if (!problems.isEmpty()) {
            close(solver);
            throw new InvalidInputException(problems);
        }
        return new Prepared(request, deployment);
    }

    private static void close(ChallengeSolver solver) {
        if (solver != null) {
            solver.close();
        }
    }

    private ManagedCertificate record(String context, CertificateRequest request, ProvisionResult result,
            RenewalTemplate template, String by) {
        var bundle = result.bundle();
        CertificateMetadata metadata = bundle.metadata();
        var dueAt = request.renewal().dueAt(metadata.notBefore(), metadata.notAfter());
        var keyType = metadata.keyType().or(() -> KeyType.of(bundle.certificate().getPublicKey()).map(KeyType::id))
                .orElse("");
        return new ManagedCertificate(context, request.name(), metadata.names(), metadata.ca(), keyType,
                bundle.serialNumber(), metadata.notBefore(), metadata.notAfter(), dueAt, template,
                new LastRun(clock.instant(), by, false, result.summary()));
    }

    private String eabHmacKey(ServerSettings server) throws AcmeCertificateException {
        if (server.eabCredentialsId().isEmpty()) {
            return null;
        }
        Optional<String> hmac = secrets.secretText(server.eabCredentialsId());
        if (hmac.isEmpty()) {
            throw new InvalidInputException("server", "the configured server '" + server.name() + "' takes its "
                    + "External Account Binding HMAC key from the credential '" + server.eabCredentialsId()
                    + "', which is not a secret text in the global credentials. Add it there, or fix the server "
                    + "under Manage Jenkins > System > ACME Certificate");
        }
        return hmac.get();
    }

    private static void checkIds(StepParameters parameters) throws InvalidInputException {
        var problems = new ArrayList<Problem>();
        if (parameters.credentialsId().isEmpty()) {
            problems.add(new Problem("credentialsId", "no credential id was given. Set credentialsId to the id of the "
                    + "certificate credential to create or update, e.g. credentialsId: 'web-tls'"));
        } else if (!StepParameters.isValidCredentialsId(parameters.credentialsId())
                || !Character.isLetterOrDigit(parameters.credentialsId().charAt(0))) {
            problems.add(new Problem("credentialsId", "'" + parameters.credentialsId() + "' cannot be used as a "
                    + "credential id. Use letters, digits, '.', '-' and '_', starting with a letter or digit"));
        }
        if (!parameters.accountCredentialsId().isEmpty()
                && !StepParameters.isValidCredentialsId(parameters.accountCredentialsId())) {
            problems.add(new Problem("accountCredentialsId", "'" + parameters.accountCredentialsId() + "' cannot be "
                    + "used as a credential id. Use letters, digits, '.', '-' and '_'"));
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
