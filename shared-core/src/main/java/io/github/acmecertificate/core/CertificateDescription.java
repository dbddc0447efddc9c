package io.github.acmecertificate.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.github.acmecertificate.core.challenge.ChallengeContext;
import io.github.acmecertificate.core.challenge.ChallengeDescription;
import io.github.acmecertificate.core.challenge.ChallengeSolver;
import io.github.acmecertificate.core.challenge.ChallengeType;
import io.github.acmecertificate.core.config.Values;
import io.github.acmecertificate.core.deploy.DeployOptions;
import io.github.acmecertificate.core.deploy.DeployPlan;
import io.github.acmecertificate.core.deploy.DeployTarget;
import io.github.acmecertificate.core.deploy.DeployTargets;
import io.github.acmecertificate.core.deploy.TargetContext;
import io.github.acmecertificate.core.deploy.TargetDescription;
import io.github.acmecertificate.core.deploy.TargetDescription.FileEntry;
import io.github.acmecertificate.core.exception.AcmeCertificateException;
import io.github.acmecertificate.core.exception.InvalidInputException;
import io.github.acmecertificate.core.exception.InvalidInputException.Problem;

/**
 * A certificate to provision, then deploy, as plain data: what a Maven {@code <certificates>}
 * entry or a Jenkins {@code acmeCertificate} call asks for, every value as the user wrote it
 * (blank means the default), the challenge and the deploy targets as the core's
 * {@link ChallengeDescription} and {@link TargetDescription}s, secrets only as references. Each
 * front end only renames its fields to these; {@link #prepare(Context)} is the one place that
 * reads and checks them, and {@link #toRecord()} is how a renewal record keeps them.
 *
 * <pre>{@code
 * var description = CertificateDescription.builder().name("web-tls").domains("example.com, www.example.com")
 *         .server("letsencrypt").acceptTermsOfService(true).challenge(ChallengeDescription.builder("dns-01")
 *                 .option("provider", "rfc2136").build())
 *         .build();
 * var prepared = description.prepare(context); // every input problem at once, before any network call
 * new CertificateRollout(provisioner, store).run(prepared.request(), prepared.deployPlan(), stored, listener);
 * }</pre>
 *
 * @param name                 the certificate's name in the store (Jenkins: its credential id); blank for the default
 * @param domains              the names, separated by commas or line breaks
 * @param server               an alias or an ACME directory URL
 * @param email                the account's contact address, or blank
 * @param account              a reference to the account's key (Jenkins: a credential id), or blank for the default
 * @param acceptTermsOfService {@code true} when the user agrees to the CA's terms of service
 * @param keyType              the key type id, or blank for the default
 * @param renewBefore          the renewal margin, or blank for the lifetime rule alone
 * @param profile              the CA profile to order, or blank for the CA's default
 * @param force                {@code true} to renew even when not due
 * @param reuseKey             {@code true} to keep the stored key at renewal
 * @param preferredChain       the common name of the preferred issuer, or blank
 * @param timeout              how long to wait for the CA at each step, or blank for five minutes
 * @param eab                  a reference to the External Account Binding (key id and HMAC key), or blank
 * @param challenge            how challenges are answered
 * @param targets              where the certificate is deployed
 * @param deployParallelism    how many targets at once, or blank for {@value DeployOptions#DEFAULT_PARALLELISM}
 * @param deployForce          {@code true} to write targets that hold the certificate already
 * @param deployCommandTimeout how long a reload command may run, or blank for two minutes
 * @param deployVerifyTimeout  how long the TLS check waits, or blank for thirty seconds
 * @param keystorePassword     a reference to the password of deployed {@code keystore.p12} files, or blank
 *                             for the store's own
 * @since 0.1.0
 */
public record CertificateDescription(String name, String domains, String server, String email, String account,
        String acceptTermsOfService, String keyType, String renewBefore, String profile, String force,
        String reuseKey, String preferredChain, String timeout, String eab, ChallengeDescription challenge,
        List<TargetDescription> targets, String deployParallelism, String deployForce, String deployCommandTimeout,
        String deployVerifyTimeout, String keystorePassword) {

    /** The challenge when none is described: HTTP-01 on port 80 of every interface. */
    public static final ChallengeDescription DEFAULT_CHALLENGE = ChallengeDescription.builder(ChallengeType.HTTP_01)
            .build();

    /** The text fields, in record order; each is also its field name in problems and records. */
    private static final List<String> TEXT = List.of("name", "domains", "server", "email", "account",
            "acceptTermsOfService", "keyType", "renewBefore", "profile", "force", "reuseKey", "preferredChain",
            "timeout", "eab", "deployParallelism", "deployForce", "deployCommandTimeout", "deployVerifyTimeout",
            "keystorePassword");

    private static final List<String> FILE_PARTS = List.of("source", "path", "mode", "owner", "group");

    /**
     * Creates a description; {@link #builder()} names each value.
     *
     * @param name                 the name
     * @param domains              the names
     * @param server               the server
     * @param email                the contact
     * @param account              the account reference
     * @param acceptTermsOfService the terms agreement
     * @param keyType              the key type
     * @param renewBefore          the margin
     * @param profile              the profile
     * @param force                the force flag
     * @param reuseKey             the key reuse flag
     * @param preferredChain       the preferred issuer
     * @param timeout              the CA time-out
     * @param eab                  the EAB reference
     * @param challenge            the challenge, or {@code null} for {@link #DEFAULT_CHALLENGE}
     * @param targets              the targets, or {@code null} for none
     * @param deployParallelism    targets at once
     * @param deployForce          the deploy force flag
     * @param deployCommandTimeout the command time-out
     * @param deployVerifyTimeout  the TLS check time-out
     * @param keystorePassword     the key store password reference
     */
    public CertificateDescription {
        name = strip(name);
        domains = strip(domains);
        server = strip(server);
        email = strip(email);
        account = strip(account);
        acceptTermsOfService = strip(acceptTermsOfService);
        keyType = strip(keyType);
        renewBefore = strip(renewBefore);
        profile = strip(profile);
        force = strip(force);
        reuseKey = strip(reuseKey);
        preferredChain = strip(preferredChain);
        timeout = strip(timeout);
        eab = strip(eab);
        challenge = challenge == null ? DEFAULT_CHALLENGE : challenge;
        targets = targets == null ? List.of() : List.copyOf(targets);
        deployParallelism = strip(deployParallelism);
        deployForce = strip(deployForce);
        deployCommandTimeout = strip(deployCommandTimeout);
        deployVerifyTimeout = strip(deployVerifyTimeout);
        keystorePassword = strip(keystorePassword);
    }

    private static String strip(String value) {
        return value == null ? "" : value.strip();
    }

    private static String blankToNull(String value) {
        return value.isEmpty() ? null : value;
    }

    /**
     * Starts a description with the defaults: HTTP-01 on port 80, no deploy target.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder(new LinkedHashMap<>(), DEFAULT_CHALLENGE, List.of());
    }

    /**
     * Starts a copy of this description.
     *
     * @return a builder holding every value
     */
    public Builder toBuilder() {
        return new Builder(texts(), challenge, targets);
    }

    /**
     * Tells whether renewal is forced, a blank or malformed value counting as not.
     *
     * @return true for {@code force: true}
     */
    public boolean forced() {
        return "true".equalsIgnoreCase(force);
    }

    private Map<String, String> texts() {
        var values = List.of(name, domains, server, email, account, acceptTermsOfService, keyType, renewBefore,
                profile, force, reuseKey, preferredChain, timeout, eab, deployParallelism, deployForce,
                deployCommandTimeout, deployVerifyTimeout, keystorePassword);
        var map = new LinkedHashMap<String, String>();
        for (int i = 0; i < TEXT.size(); i++) {
            map.put(TEXT.get(i), values.get(i));
        }
        return map;
    }

    /**
     * Writes the description as strings for a renewal record: each text field under its name
     * (blank ones left out), the challenge as {@code challenge} and {@code challenge.<option>}, the
     * targets as {@code targets}, {@code targets.<n>.type}, {@code targets.<n>.<option>} and
     * {@code targets.<n>.file.<m>.<part>}.
     *
     * @return the strings; never secrets, only references
     */
    public Map<String, String> toRecord() {
        var map = new LinkedHashMap<String, String>();
        texts().forEach((k, v) -> {
            if (!v.isEmpty()) {
                map.put(k, v);
            }
        });
        challenge.toRecord().forEach((k, v) -> map.put(k.equals("type") ? "challenge" : "challenge." + k, v));
        map.put("targets", Integer.toString(targets.size()));
        for (int i = 0; i < targets.size(); i++) {
            var target = targets.get(i);
            var at = "targets." + i + ".";
            map.put(at + "type", target.type());
            target.options().forEach((k, v) -> map.put(at + k, v));
            map.put(at + "files", Integer.toString(target.files().size()));
            for (int f = 0; f < target.files().size(); f++) {
                var file = target.files().get(f);
                var parts = new String[] {file.source(), file.path(), file.mode(), file.owner(), file.group()};
                for (int p = 0; p < FILE_PARTS.size(); p++) {
                    map.put(at + "file." + f + "." + FILE_PARTS.get(p), Objects.toString(parts[p], ""));
                }
            }
        }
        return map;
    }

    /**
     * Reads a description written by {@link #toRecord()}; keys it does not know are ignored.
     *
     * @param map the strings
     * @return the description
     * @throws IllegalArgumentException if the challenge or a count is malformed
     */
    public static CertificateDescription fromRecord(Map<String, String> map) {
        var challenge = new LinkedHashMap<String, String>();
        map.forEach((k, v) -> {
            if (k.equals("challenge")) {
                challenge.put("type", v);
            } else if (k.startsWith("challenge.")) {
                challenge.put(k.substring("challenge.".length()), v);
            }
        });
        var targets = new ArrayList<TargetDescription>();
        for (int i = 0, n = count(map, "targets"); i < n; i++) {
            var prefix = "targets." + i + ".";
            var options = new LinkedHashMap<String, String>();
            map.forEach((k, v) -> {
                var rest = k.startsWith(prefix) ? k.substring(prefix.length()) : ".";
                if (!rest.contains(".") && !rest.equals("type") && !rest.equals("files")) {
                    options.put(rest, v);
                }
            });
            var files = new ArrayList<FileEntry>();
            for (int f = 0, m = count(map, prefix + "files"); f < m; f++) {
                var part = prefix + "file." + f + ".";
                var parts = FILE_PARTS.stream().map(p -> map.getOrDefault(part + p, ""))
                        .map(v -> v.isEmpty() ? null : v).toList();
                files.add(new FileEntry(parts.get(0), parts.get(1), parts.get(2), parts.get(3), parts.get(4)));
            }
            targets.add(new TargetDescription(map.get(prefix + "type"), options, files));
        }
        var texts = new LinkedHashMap<String, String>();
        TEXT.forEach(k -> texts.put(k, map.get(k)));
        return new Builder(texts, challenge.isEmpty() ? null : ChallengeDescription.fromRecord(challenge), targets)
                .build();
    }

    private static int count(Map<String, String> map, String key) {
        var value = map.get(key);
        try {
            return value == null || value.isBlank() ? 0 : Integer.parseInt(value.strip());
        } catch (NumberFormatException ex) {
            throw new IllegalArgumentException("the record's " + key + " '" + value + "' is not a number", ex);
        }
    }

    /**
     * What a front end gives {@link #prepare(Context)}: its credentials and SSH endpoints (read as
     * the user may use them), and, where it has its own rules, how the solver and the targets are
     * built and what the request gets besides the description (a configured server's trusted root,
     * a CSR file).
     */
    public interface Context extends ChallengeContext, TargetContext {

        /**
         * Builds the challenge's solver; the description's own by default.
         *
         * @param challenge the challenge
         * @return the solver
         * @throws AcmeCertificateException naming the option that is wrong
         */
        default ChallengeSolver solver(ChallengeDescription challenge) throws AcmeCertificateException {
            return challenge.createSolver(this);
        }

        /**
         * Builds one deploy target; the core's factory for its type by default.
         *
         * @param target the target
         * @return the target
         * @throws AcmeCertificateException naming the option that is wrong
         */
        default DeployTarget target(TargetDescription target) throws AcmeCertificateException {
            return DeployTargets.create(target, this, providers());
        }

        /**
         * Adds to the request what the front end knows beyond the description.
         *
         * @param request the request being built
         * @throws AcmeCertificateException naming the field that is wrong
         */
        default void complete(CertificateRequest.Builder request) throws AcmeCertificateException {
            // Nothing beyond the description.
        }
    }

    /**
     * The description made ready to run: the checked request (with its solver, which the caller
     * closes when done) and the deploy plan.
     *
     * @param request    the request
     * @param deployPlan the targets and options, checked
     */
    public record Prepared(CertificateRequest request, DeployPlan deployPlan) {
    }

    /**
     * Reads and checks every value, looks up every reference, builds the solver and the deploy
     * targets: everything short of contacting anyone. All problems are reported together, each
     * naming its field as this description names it (a challenge's and a target's as theirs do).
     *
     * @param context the front end's credentials, SSH endpoints and rules
     * @return the request and the deploy plan
     * @throws InvalidInputException    listing every problem; nothing is left open then
     * @throws AcmeCertificateException if a credential cannot be read
     */
    public Prepared prepare(Context context) throws AcmeCertificateException {
        var in = Values.collector();
        var builder = CertificateRequest.builder().name(blankToNull(name)).domains(domains).server(server)
                .email(blankToNull(email)).acceptTermsOfService(in.bool("acceptTermsOfService", acceptTermsOfService,
                        false)).keyType(blankToNull(keyType)).renewBefore(blankToNull(renewBefore))
                .profile(blankToNull(profile)).force(in.bool("force", force, false))
                .reuseKey(in.bool("reuseKey", reuseKey, false)).preferredChain(blankToNull(preferredChain))
                .timeout(in.duration("timeout", timeout, CertificateRequest.DEFAULT_TIMEOUT));
        if (!eab.isEmpty()) {
            try {
                var binding = context.credential("eab", eab);
                builder.externalAccountBinding(binding.username(), binding.secret());
            } catch (InvalidInputException ex) {
                in.add(ex);
            }
        }
        ChallengeSolver solver = null;
        try {
            try {
                context.complete(builder);
            } catch (InvalidInputException ex) {
                in.add(ex);
            }
            var challengeProblems = new ArrayList<Problem>();
            try {
                solver = context.solver(challenge);
                builder.challenge(solver);
            } catch (InvalidInputException ex) {
                challengeProblems.addAll(ex.problems());
            }
            CertificateRequest request = null;
            try {
                request = builder.build();
            } catch (InvalidInputException ex) {
                // Without a solver, "no challenge was chosen" would only repeat the challenge's problem.
                var solved = solver != null;
                ex.problems().stream().filter(p -> solved || !"challenge".equals(p.field()))
                        .forEach(p -> in.add(new InvalidInputException(List.of(p))));
            }
            challengeProblems.forEach(p -> in.add(new InvalidInputException(List.of(p))));
            var plan = deployPlan(context, in);
            in.check();
            return new Prepared(request, plan);
        } catch (AcmeCertificateException | RuntimeException ex) {
            if (solver != null) {
                solver.close();
            }
            throw ex;
        }
    }

    /**
     * Builds the deploy half alone: the targets and the deploy options, with the key store
     * password looked up; for deploying a stored certificate without ordering one. The other
     * fields are not read.
     *
     * @param context the front end's credentials, SSH endpoints and rules
     * @return the plan, empty when no target is described
     * @throws InvalidInputException    listing every problem, each naming its field
     * @throws AcmeCertificateException if a credential cannot be read
     */
    public DeployPlan deployPlan(Context context) throws AcmeCertificateException {
        var in = Values.collector();
        var plan = deployPlan(context, in);
        in.check();
        return plan;
    }

    /** The targets and options; every problem goes to {@code in}. */
    private DeployPlan deployPlan(Context context, Values.Collector in)
            throws AcmeCertificateException {
        // The plan as a whole is checked once its own parts are right, whatever else is wrong.
        int before = in.problems().size();
        var built = new ArrayList<DeployTarget>();
        for (var target : targets) {
            try {
                built.add(context.target(target));
            } catch (InvalidInputException ex) {
                in.add(ex);
            }
        }
        var parallelism = in.integer("deployParallelism", deployParallelism, 1, DeployOptions.MAX_PARALLELISM,
                DeployOptions.DEFAULT_PARALLELISM);
        var options = DeployOptions.builder().parallelism(parallelism).force(in.bool("deployForce", deployForce, false))
                .commandTimeout(in.duration("deployCommandTimeout", deployCommandTimeout,
                        DeployOptions.DEFAULT_COMMAND_TIMEOUT))
                .verifyTimeout(in.duration("deployVerifyTimeout", deployVerifyTimeout,
                        DeployOptions.DEFAULT_VERIFY_TIMEOUT))
                .keystorePassword(secret(context, "keystorePassword", keystorePassword, in));
        if (in.problems().size() > before) {
            return DeployPlan.NONE;
        }
        try {
            return new DeployPlan(built, options.build()).validate();
        } catch (InvalidInputException ex) {
            in.add(ex);
            return DeployPlan.NONE;
        }
    }

    /** The secret a reference names, or {@code null} when there is none (then {@code in} may say why). */
    private static char[] secret(Context context, String field, String reference, Values.Collector in)
            throws AcmeCertificateException {
        if (reference.isEmpty()) {
            return null;
        }
        try {
            var credential = context.credential(field, reference);
            if (credential.secret() != null && !credential.secret().isEmpty()) {
                return credential.secret().toCharArray();
            }
            in.add(new InvalidInputException(field, "'" + reference + "' holds no password. Give one that holds "
                    + "the password of the keystore.p12 files, or leave it out to use the store's own"));
        } catch (InvalidInputException ex) {
            in.add(ex);
        }
        return null;
    }

    /** Collects a description; each method sets the field of the same name and returns the builder. */
    public static final class Builder {
        private final Map<String, String> texts;
        private ChallengeDescription challenge;
        private List<TargetDescription> targets;

        private Builder(Map<String, String> texts, ChallengeDescription challenge, List<TargetDescription> targets) {
            this.texts = new LinkedHashMap<>(texts);
            this.challenge = challenge;
            this.targets = targets;
        }

        private Builder set(String field, Object value) {
            texts.put(field, value == null ? null : value.toString());
            return this;
        }

        public Builder name(String value) {
            return set("name", value);
        }

        public Builder domains(String value) {
            return set("domains", value);
        }

        /**
         * Sets the names from a list, each entry possibly a comma-separated list itself.
         *
         * @param value the names, or {@code null}
         * @return this
         */
        public Builder domains(List<String> value) {
            return set("domains", value == null ? null : String.join(",", value));
        }

        public Builder server(String value) {
            return set("server", value);
        }

        public Builder email(String value) {
            return set("email", value);
        }

        public Builder account(String value) {
            return set("account", value);
        }

        public Builder acceptTermsOfService(Object value) {
            return set("acceptTermsOfService", value);
        }

        public Builder keyType(String value) {
            return set("keyType", value);
        }

        public Builder renewBefore(String value) {
            return set("renewBefore", value);
        }

        public Builder profile(String value) {
            return set("profile", value);
        }

        public Builder force(Object value) {
            return set("force", value);
        }

        public Builder reuseKey(Object value) {
            return set("reuseKey", value);
        }

        public Builder preferredChain(String value) {
            return set("preferredChain", value);
        }

        public Builder timeout(String value) {
            return set("timeout", value);
        }

        public Builder eab(String value) {
            return set("eab", value);
        }

        public Builder challenge(ChallengeDescription value) {
            challenge = value;
            return this;
        }

        public Builder targets(List<TargetDescription> value) {
            targets = value;
            return this;
        }

        public Builder deployParallelism(Object value) {
            return set("deployParallelism", value);
        }

        public Builder deployForce(Object value) {
            return set("deployForce", value);
        }

        public Builder deployCommandTimeout(String value) {
            return set("deployCommandTimeout", value);
        }

        public Builder deployVerifyTimeout(String value) {
            return set("deployVerifyTimeout", value);
        }

        public Builder keystorePassword(String value) {
            return set("keystorePassword", value);
        }

        /**
         * Builds the description; nothing is checked until {@link CertificateDescription#prepare(Context)}.
         *
         * @return the description
         */
        public CertificateDescription build() {
            return new CertificateDescription(texts.get("name"), texts.get("domains"), texts.get("server"),
                    texts.get("email"), texts.get("account"), texts.get("acceptTermsOfService"), texts.get("keyType"),
                    texts.get("renewBefore"), texts.get("profile"), texts.get("force"), texts.get("reuseKey"),
                    texts.get("preferredChain"), texts.get("timeout"), texts.get("eab"), challenge, targets,
                    texts.get("deployParallelism"), texts.get("deployForce"), texts.get("deployCommandTimeout"),
                    texts.get("deployVerifyTimeout"), texts.get("keystorePassword"));
        }
    }
}
