package io.github.acmecertificate.jenkins.managed;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.github.acmecertificate.core.challenge.ChallengeDescription;
import io.github.acmecertificate.core.challenge.ChallengeType;
import io.github.acmecertificate.core.deploy.DeployOptions;
import io.github.acmecertificate.core.deploy.TargetDescription;
import io.github.acmecertificate.core.deploy.TargetDescription.FileEntry;

/**
 * What an {@code acmeCertificate} step asked for, as plain data named like the step's
 * parameters: the certificate, its CA, the core's {@link ChallengeDescription} and
 * {@link TargetDescription}s, and the job that ran it. A run takes it; the managed-certificate
 * record keeps it (with the server and defaults as resolved) so the scheduled renewal asks the
 * same. Holds no secret, only credential ids. Built with {@link #builder()}; blanks mean the
 * defaults.
 *
 * @param credentialsId                 the certificate credential to create or update
 * @param domains                       the names, comma- or line-separated
 * @param server                        an alias, a directory URL or a configured server's name; blank for the default
 * @param acceptTermsOfService          whether the user agrees to the CA's terms of service
 * @param email                         the account's contact address, or blank
 * @param accountCredentialsId          the secret text holding the account key, or blank for {@code acme-account-<CA>}
 * @param keyType                       the key type id, or blank for the configured default
 * @param renewBefore                   the renewal margin, or blank for the configured default
 * @param force                         whether to renew even when not due
 * @param challenge                     how challenges are answered
 * @param deploy                        where the certificate is deployed after every run
 * @param deployParallelism             how many targets at once
 * @param deployForce                   whether targets that hold the certificate are written anyway
 * @param deployCommandTimeout          how long a reload command may run, or blank for two minutes
 * @param deployVerifyTimeout           how long the TLS check waits, or blank for thirty seconds
 * @param keystorePasswordCredentialsId the secret text protecting deployed {@code keystore.p12} files, or
 *                                      blank for the certificate credential's own password
 * @param job                           the full name of the job that runs the step, or blank
 * @param profile                       the CA profile to order (e.g. {@code shortlived}), or blank for the CA's default
 * @since 0.1.0
 */
public record CertificateSettings(String credentialsId, String domains, String server, boolean acceptTermsOfService,
        String email, String accountCredentialsId, String keyType, String renewBefore, boolean force,
        ChallengeDescription challenge, List<TargetDescription> deploy, int deployParallelism, boolean deployForce,
        String deployCommandTimeout, String deployVerifyTimeout, String keystorePasswordCredentialsId, String job,
        String profile) {

    /** The step's default challenge: HTTP-01 on port 80 of every interface. */
    public static final ChallengeDescription DEFAULT_CHALLENGE = ChallengeDescription.builder(ChallengeType.HTTP_01)
            .build();

    /**
     * Creates the settings; {@link #builder()} names each value.
     *
     * @param credentialsId                 the certificate credential
     * @param domains                       the names
     * @param server                        the server
     * @param acceptTermsOfService          the terms agreement
     * @param email                         the contact
     * @param accountCredentialsId          the account credential
     * @param keyType                       the key type
     * @param renewBefore                   the margin
     * @param force                         the force flag
     * @param challenge                     the challenge, or {@code null} for {@link #DEFAULT_CHALLENGE}
     * @param deploy                        the targets, or {@code null} for none
     * @param deployParallelism             targets at once
     * @param deployForce                   whether to write targets that hold the certificate
     * @param deployCommandTimeout          the command time-out
     * @param deployVerifyTimeout           the TLS check time-out
     * @param keystorePasswordCredentialsId the key store password's credential
     * @param job                           the job
     * @param profile                       the CA profile
     */
    public CertificateSettings {
        credentialsId = strip(credentialsId);
        domains = strip(domains);
        server = strip(server);
        email = strip(email);
        accountCredentialsId = strip(accountCredentialsId);
        keyType = strip(keyType);
        renewBefore = strip(renewBefore);
        challenge = challenge == null ? DEFAULT_CHALLENGE : challenge;
        deploy = deploy == null ? List.of() : List.copyOf(deploy);
        deployCommandTimeout = strip(deployCommandTimeout);
        deployVerifyTimeout = strip(deployVerifyTimeout);
        keystorePasswordCredentialsId = strip(keystorePasswordCredentialsId);
        job = strip(job);
        profile = strip(profile);
    }

    private static String strip(String value) {
        return value == null ? "" : value.strip();
    }

    /**
     * Starts settings with the defaults: no deploy target, HTTP-01 on port 80.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts a copy of these settings.
     *
     * @return a builder holding every value
     */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * Writes the settings as strings for the managed certificate's record: the step's names,
     * the challenge as {@code challenge} and {@code challenge.<option>}, the targets as
     * {@code deploy.<n>.type}, {@code deploy.<n>.<option>} and {@code deploy.<n>.file.<m>.<part>}.
     *
     * @return the strings; never secrets, only credential ids
     */
    public Map<String, String> toRecord() {
        var map = new LinkedHashMap<String, String>();
        map.put("credentialsId", credentialsId);
        map.put("domains", domains);
        map.put("server", server);
        map.put("acceptTermsOfService", Boolean.toString(acceptTermsOfService));
        map.put("email", email);
        map.put("accountCredentialsId", accountCredentialsId);
        map.put("keyType", keyType);
        map.put("renewBefore", renewBefore);
        map.put("force", Boolean.toString(force));
        challenge.toRecord().forEach((k, v) -> map.put(k.equals("type") ? "challenge" : "challenge." + k, v));
        map.put("deployParallelism", Integer.toString(deployParallelism));
        map.put("deployForce", Boolean.toString(deployForce));
        map.put("deployCommandTimeout", deployCommandTimeout);
        map.put("deployVerifyTimeout", deployVerifyTimeout);
        map.put("keystorePasswordCredentialsId", keystorePasswordCredentialsId);
        map.put("job", job);
        map.put("profile", profile);
        map.put("deploy", Integer.toString(deploy.size()));
        for (int i = 0; i < deploy.size(); i++) {
            var target = deploy.get(i);
            var at = "deploy." + i + ".";
            map.put(at + "type", target.type());
            target.options().forEach((k, v) -> map.put(at + k, v));
            map.put(at + "files", Integer.toString(target.files().size()));
            for (int f = 0; f < target.files().size(); f++) {
                var file = target.files().get(f);
                var prefix = at + "file." + f + ".";
                var parts = new String[] {file.source(), file.path(), file.mode(), file.owner(), file.group()};
                for (int p = 0; p < FILE_PARTS.size(); p++) {
                    map.put(prefix + FILE_PARTS.get(p), Objects.toString(parts[p], ""));
                }
            }
        }
        return map;
    }

    private static final List<String> FILE_PARTS = List.of("source", "path", "mode", "owner", "group");

    /**
     * Reads settings written by {@link #toRecord()}.
     *
     * @param map the strings
     * @return the settings
     * @throws IllegalArgumentException if the challenge or a number is malformed
     */
    public static CertificateSettings fromRecord(Map<String, String> map) {
        var challenge = new LinkedHashMap<String, String>();
        map.forEach((k, v) -> {
            if (k.equals("challenge")) {
                challenge.put("type", v);
            } else if (k.startsWith("challenge.")) {
                challenge.put(k.substring("challenge.".length()), v);
            }
        });
        var targets = new ArrayList<TargetDescription>();
        for (int i = 0, n = number(map, "deploy", 0); i < n; i++) {
            var prefix = "deploy." + i + ".";
            var options = new LinkedHashMap<String, String>();
            map.forEach((k, v) -> {
                var rest = k.startsWith(prefix) ? k.substring(prefix.length()) : ".";
                if (!rest.contains(".") && !rest.equals("type") && !rest.equals("files")) {
                    options.put(rest, v);
                }
            });
            var files = new ArrayList<FileEntry>();
            for (int f = 0, m = number(map, prefix + "files", 0); f < m; f++) {
                var part = prefix + "file." + f + ".";
                var parts = FILE_PARTS.stream().map(p -> map.getOrDefault(part + p, ""))
                        .map(v -> v.isEmpty() ? null : v).toList();
                files.add(new FileEntry(parts.get(0), parts.get(1), parts.get(2), parts.get(3), parts.get(4)));
            }
            targets.add(new TargetDescription(map.get(prefix + "type"), options, files));
        }
        return builder().credentialsId(map.get("credentialsId")).domains(map.get("domains")).server(map.get("server"))
                .acceptTermsOfService(Boolean.parseBoolean(map.get("acceptTermsOfService"))).email(map.get("email"))
                .accountCredentialsId(map.get("accountCredentialsId")).keyType(map.get("keyType"))
                .renewBefore(map.get("renewBefore")).force(Boolean.parseBoolean(map.get("force")))
                .challenge(challenge.isEmpty() ? null : ChallengeDescription.fromRecord(challenge)).deploy(targets)
                .deployParallelism(number(map, "deployParallelism", DeployOptions.DEFAULT_PARALLELISM))
                .deployForce(Boolean.parseBoolean(map.get("deployForce")))
                .deployCommandTimeout(map.get("deployCommandTimeout"))
                .deployVerifyTimeout(map.get("deployVerifyTimeout"))
                .keystorePasswordCredentialsId(map.get("keystorePasswordCredentialsId")).job(map.get("job"))
                .profile(map.get("profile")).build();
    }

    private static int number(Map<String, String> map, String key, int fallback) {
        var value = map.get(key);
        try {
            return value == null || value.isBlank() ? fallback : Integer.parseInt(value.strip());
        } catch (NumberFormatException ex) {
            throw new IllegalArgumentException("the setting " + key + " '" + value + "' is not a number", ex);
        }
    }

    /** Collects the settings; each method sets the component of the same name and returns the builder. */
    public static final class Builder {
        private String credentialsId;
        private String domains;
        private String server;
        private boolean acceptTermsOfService;
        private String email;
        private String accountCredentialsId;
        private String keyType;
        private String renewBefore;
        private boolean force;
        private ChallengeDescription challenge;
        private List<TargetDescription> deploy;
        private int deployParallelism = DeployOptions.DEFAULT_PARALLELISM;
        private boolean deployForce;
        private String deployCommandTimeout;
        private String deployVerifyTimeout;
        private String keystorePasswordCredentialsId;
        private String job;
        private String profile;

        private Builder() {
        }

        private Builder(CertificateSettings s) {
            credentialsId(s.credentialsId).domains(s.domains).server(s.server)
                    .acceptTermsOfService(s.acceptTermsOfService).email(s.email)
                    .accountCredentialsId(s.accountCredentialsId).keyType(s.keyType).renewBefore(s.renewBefore)
                    .force(s.force).challenge(s.challenge).deploy(s.deploy).deployParallelism(s.deployParallelism)
                    .deployForce(s.deployForce).deployCommandTimeout(s.deployCommandTimeout)
                    .deployVerifyTimeout(s.deployVerifyTimeout)
                    .keystorePasswordCredentialsId(s.keystorePasswordCredentialsId).job(s.job).profile(s.profile);
        }

        public Builder credentialsId(String value) {
            credentialsId = value;
            return this;
        }

        public Builder domains(String value) {
            domains = value;
            return this;
        }

        public Builder server(String value) {
            server = value;
            return this;
        }

        public Builder acceptTermsOfService(boolean value) {
            acceptTermsOfService = value;
            return this;
        }

        public Builder email(String value) {
            email = value;
            return this;
        }

        public Builder accountCredentialsId(String value) {
            accountCredentialsId = value;
            return this;
        }

        public Builder keyType(String value) {
            keyType = value;
            return this;
        }

        public Builder renewBefore(String value) {
            renewBefore = value;
            return this;
        }

        public Builder force(boolean value) {
            force = value;
            return this;
        }

        public Builder challenge(ChallengeDescription value) {
            challenge = value;
            return this;
        }

        public Builder deploy(List<TargetDescription> value) {
            deploy = value;
            return this;
        }

        public Builder deployParallelism(int value) {
            deployParallelism = value;
            return this;
        }

        public Builder deployForce(boolean value) {
            deployForce = value;
            return this;
        }

        public Builder deployCommandTimeout(String value) {
            deployCommandTimeout = value;
            return this;
        }

        public Builder deployVerifyTimeout(String value) {
            deployVerifyTimeout = value;
            return this;
        }

        public Builder keystorePasswordCredentialsId(String value) {
            keystorePasswordCredentialsId = value;
            return this;
        }

        public Builder job(String value) {
            job = value;
            return this;
        }

        public Builder profile(String value) {
            profile = value;
            return this;
        }

        /**
         * Builds the settings.
         *
         * @return the settings
         */
        public CertificateSettings build() {
            return new CertificateSettings(credentialsId, domains, server, acceptTermsOfService, email,
                    accountCredentialsId, keyType, renewBefore, force, challenge, deploy, deployParallelism,
                    deployForce, deployCommandTimeout, deployVerifyTimeout, keystorePasswordCredentialsId, job, profile);
        }
    }
}
