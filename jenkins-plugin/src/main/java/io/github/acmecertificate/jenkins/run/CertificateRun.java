package io.github.acmecertificate.jenkins.run;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Optional;

import io.github.acmecertificate.core.CertificateProvisioner;
import io.github.acmecertificate.core.CertificateRequest;
import io.github.acmecertificate.core.ProvisionResult;
import io.github.acmecertificate.core.ca.CertificateAuthority;
import io.github.acmecertificate.core.event.ProgressEvent.Stage;
import io.github.acmecertificate.core.event.ProgressListener;
import io.github.acmecertificate.core.exception.AcmeCertificateException;
import io.github.acmecertificate.core.exception.InvalidInputException;
import io.github.acmecertificate.core.exception.InvalidInputException.Problem;
import io.github.acmecertificate.core.key.KeyType;
import io.github.acmecertificate.core.store.CertificateMetadata;
import io.github.acmecertificate.jenkins.challenge.ChallengeSpec;
import io.github.acmecertificate.jenkins.challenge.SecretLookup;
import io.github.acmecertificate.jenkins.managed.LastRun;
import io.github.acmecertificate.jenkins.managed.ManagedCertificate;
import io.github.acmecertificate.jenkins.managed.ManagedCertificateRegistry;
import io.github.acmecertificate.jenkins.managed.RenewalTemplate;
import io.github.acmecertificate.jenkins.store.CertificateCredentialMapper;
import io.github.acmecertificate.jenkins.store.CredentialsAccountStore;
import io.github.acmecertificate.jenkins.store.CredentialsBackend;
import io.github.acmecertificate.jenkins.store.CredentialsCertificateStore;

/**
 * One run of the {@code acmeCertificate} step, or of the scheduled renewal for one
 * certificate: resolves the server and defaults, builds the core's request, provisions into
 * credentials, and keeps the managed-certificate record up to date.
 *
 * <pre>{@code
 * var run = new CertificateRun(backend, secrets, registry, FIPS140.useCompliantAlgorithms(), Clock.systemUTC());
 * Map<String, Object> result = run.run(parameters, settings, "team/site #42", listener).toMap();
 * }</pre>
 *
 * @since 0.1.0
 */
public final class CertificateRun {

    /** The prefix of the default account credential id, followed by the CA's store key. */
    public static final String DEFAULT_ACCOUNT_PREFIX = "acme-account-";

    private final CredentialsBackend backend;
    private final SecretLookup secrets;
    private final ManagedCertificateRegistry registry;
    private final CertificateCredentialMapper mapper;
    private final Clock clock;

    /**
     * Creates a run.
     *
     * @param backend  the credentials the certificate and account are kept in
     * @param secrets  reads secret texts named by the configuration (EAB HMAC keys)
     * @param registry the managed-certificate records
     * @param fipsMode true when Jenkins runs in FIPS-140 mode
     * @param clock    the clock
     */
    public CertificateRun(CredentialsBackend backend, SecretLookup secrets, ManagedCertificateRegistry registry,
            boolean fipsMode, Clock clock) {
        this.backend = backend;
        this.secrets = secrets;
        this.registry = registry;
        this.mapper = new CertificateCredentialMapper(fipsMode);
        this.clock = clock;
    }

    /**
     * Issues the certificate into its credential, or renews it when due. When it is not due,
     * nothing is sent to the CA and the log says until when it is valid.
     *
     * <p>A failure is recorded on the managed certificate, unless it is a mistake in the
     * step's parameters, which the failed build already shows.
     *
     * @param parameters what the step asked for
     * @param settings   the global configuration
     * @param by         who runs it, for the record: a build's name or {@code scheduled renewal}
     * @param listener   where progress goes
     * @return the step's result
     * @throws AcmeCertificateException for anything the user can act on (the message says what)
     * @throws InterruptedException     if interrupted
     */
    public StepResult run(StepParameters parameters, GlobalSettings settings, String by, ProgressListener listener)
            throws AcmeCertificateException, InterruptedException {
        return run(parameters, settings, by, listener, false);
    }

    StepResult run(StepParameters parameters, GlobalSettings settings, String by, ProgressListener listener,
            boolean recordInputFailures) throws AcmeCertificateException, InterruptedException {
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
        try (var trust = TrustFile.of(server.trustedRootPem())) {
            var keyType = parameters.keyType().isEmpty() ? settings.defaultKeyType() : parameters.keyType();
            var renewBefore = parameters.renewBefore().isEmpty() ? settings.defaultRenewBefore()
                    : parameters.renewBefore();
            var builder = CertificateRequest.builder()
                    .name(id)
                    .domains(parameters.domains())
                    .server(server.directory())
                    .serverTrust(trust.path())
                    .email(parameters.email())
                    .acceptTermsOfService(parameters.acceptTermsOfService())
                    .keyType(keyType)
                    .renewBefore(renewBefore)
                    .force(parameters.force());
            if (server.hasExternalAccountBinding()) {
                builder.externalAccountBinding(server.eabKeyId(), eabHmacKey(server));
            }
            var request = build(builder, parameters.challenge());
            var accountId = parameters.accountCredentialsId().isEmpty()
                    ? defaultAccountCredentialsId(request.ca()) : parameters.accountCredentialsId();
            var certificates = new CredentialsCertificateStore(backend, mapper,
                    name -> registry.find(context, name).map(ManagedCertificate::metadata));
            var accounts = new CredentialsAccountStore(backend, accountId);
            var result = new CertificateProvisioner(certificates, accounts, clock).provision(request, listener);
            var template = new RenewalTemplate(parameters.domains(), server.name().isEmpty() ? server.directory()
                    : server.name(), parameters.acceptTermsOfService(), parameters.email(), accountId,
                    request.keyType().id(), renewBefore, parameters.challenge());
            registry.save(record(backend.contextOf(id), request, result, template, by));
            listener.report(Stage.STORED, result.summary());
            return StepResult.of(result, id);
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

    /** Builds the request, reporting a bad challenge together with every other problem. */
    private CertificateRequest build(CertificateRequest.Builder builder, ChallengeSpec challenge)
            throws AcmeCertificateException {
        InvalidInputException challengeProblem = null;
        try {
            builder.challenge(challenge.createSolver(secrets));
        } catch (InvalidInputException ex) {
            challengeProblem = ex;
        }
        try {
            var request = builder.build();
            if (challengeProblem != null) {
                throw challengeProblem;
            }
            return request;
        } catch (InvalidInputException ex) {
            if (challengeProblem == null || ex == challengeProblem) {
                throw ex;
            }
            var problems = new ArrayList<Problem>();
            ex.problems().stream().filter(p -> !"challenge".equals(p.field())).forEach(problems::add);
            problems.addAll(challengeProblem.problems());
            throw new InvalidInputException(problems);
        }
    }

    private ManagedCertificate record(String context, CertificateRequest request, ProvisionResult result,
            RenewalTemplate template, String by) {
        var bundle = result.bundle();
        CertificateMetadata metadata = bundle.metadata();
        var dueAt = request.renewal().dueAt(bundle.certificate());
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
