package io.github.acmecertificate.jenkins.deploy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.github.acmecertificate.core.config.Values;
import io.github.acmecertificate.core.deploy.DeployOptions;
import io.github.acmecertificate.core.deploy.DeployTarget;
import io.github.acmecertificate.core.deploy.Deployer;
import io.github.acmecertificate.core.deploy.TargetDescription;
import io.github.acmecertificate.core.exception.AcmeCertificateException;
import io.github.acmecertificate.core.exception.InvalidInputException;
import io.github.acmecertificate.core.exception.InvalidInputException.Problem;
import io.github.acmecertificate.jenkins.credentials.CredentialLookup;
import io.github.acmecertificate.jenkins.credentials.UserCredential;
import io.github.acmecertificate.jenkins.ssh.KnownHostsFiles;

/**
 * Where the step deploys the certificate, and how: its {@code deploy} targets and the
 * {@code deployParallelism}, {@code deployForce}, {@code deployCommandTimeout},
 * {@code deployVerifyTimeout} and {@code keystorePasswordCredentialsId} parameters. Kept in the
 * managed certificate's record ({@link #toRecord()}), without secrets, so that the scheduled
 * renewal deploys a renewed certificate the same way.
 *
 * @param targets                       the targets, deployed in parallel and reported in this order
 * @param parallelism                   how many targets at once (1 to 32)
 * @param force                         whether targets that hold the certificate are written anyway
 * @param commandTimeout                how long a reload command may run, or empty for two minutes
 * @param verifyTimeout                 how long the TLS check waits, or empty for thirty seconds
 * @param keystorePasswordCredentialsId the secret text protecting {@code keystore.p12} files, or empty for
 *                                      the certificate credential's own password
 * @since 0.1.0
 */
public record DeploySpec(List<? extends TargetSpec> targets, int parallelism, boolean force, String commandTimeout,
        String verifyTimeout, String keystorePasswordCredentialsId) {

    /** No deploy. */
    public static final DeploySpec NONE = new DeploySpec(List.of(), DeployOptions.DEFAULT_PARALLELISM, false, null,
            null, null);

    /**
     * Creates the spec.
     *
     * @param targets                       the targets, or {@code null} for none
     * @param parallelism                   targets at once
     * @param force                         whether to write targets that hold the certificate
     * @param commandTimeout                the command time-out, or {@code null}
     * @param verifyTimeout                 the TLS check time-out, or {@code null}
     * @param keystorePasswordCredentialsId the key store password's credential, or {@code null}
     */
    public DeploySpec {
        targets = targets == null ? List.of() : List.copyOf(targets);
        commandTimeout = strip(commandTimeout);
        verifyTimeout = strip(verifyTimeout);
        keystorePasswordCredentialsId = strip(keystorePasswordCredentialsId);
    }

    private static String strip(String value) {
        return value == null ? "" : value.strip();
    }

    /**
     * Tells whether there is nothing to deploy to.
     *
     * @return true without targets
     */
    public boolean isEmpty() {
        return targets.isEmpty();
    }

    /**
     * Builds the core's targets and options and checks them, with the credentials they name,
     * before anything is ordered: an SSH key that cannot be read, a host key setting missing,
     * two targets with one name, a file that cannot be placed all fail here.
     *
     * @param credentials the credentials the build may use
     * @param knownHosts  where known_hosts lines go for the run (kept until the deploy is done)
     * @return what to deploy
     * @throws InvalidInputException    listing every problem, each naming its field
     * @throws AcmeCertificateException if a credential cannot be read
     */
    public Deployment prepare(CredentialLookup credentials, KnownHostsFiles knownHosts)
            throws AcmeCertificateException {
        var problems = new ArrayList<Problem>();
        var built = new ArrayList<DeployTarget>();
        for (var target : targets) {
            try {
                built.add(target.toTarget(credentials, knownHosts));
            } catch (InvalidInputException ex) {
                problems.addAll(ex.problems());
            }
        }
        var command = duration("deployCommandTimeout", commandTimeout, DeployOptions.DEFAULT_COMMAND_TIMEOUT,
                problems);
        var verify = duration("deployVerifyTimeout", verifyTimeout, DeployOptions.DEFAULT_VERIFY_TIMEOUT, problems);
        String password = null;
        if (!keystorePasswordCredentialsId.isEmpty()) {
            var found = credentials.find(keystorePasswordCredentialsId);
            if (found.isPresent() && found.get() instanceof UserCredential.SecretText text && !text.secret().isEmpty()) {
                password = text.secret();
            } else if (found.isPresent() && found.get() instanceof UserCredential.UsernamePassword login
                    && !login.password().isEmpty()) {
                password = login.password();
            } else {
                problems.add(new Problem("keystorePasswordCredentialsId", "the credential '"
                        + keystorePasswordCredentialsId + "' " + found.map(c -> "is " + c.kind())
                        .orElse("is not visible to this job") + ". Give a Secret text credential holding the "
                        + "password of the keystore.p12 files, or leave it out to use the certificate credential's"));
            }
        }
        DeployOptions options = null;
        try {
            options = DeployOptions.builder().parallelism(parallelism).force(force).commandTimeout(command)
                    .verifyTimeout(verify).build();
        } catch (InvalidInputException ex) {
            problems.addAll(ex.problems());
        }
        if (options != null && !built.isEmpty() && problems.isEmpty()) {
            try {
                // The certificate credential always has a password once stored.
                Deployer.validate(built, options, true);
            } catch (InvalidInputException ex) {
                problems.addAll(ex.problems());
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return new Deployment(built, parallelism, force, command, verify, password);
    }

    private static Duration duration(String field, String text, Duration fallback, List<Problem> problems) {
        var value = Values.duration(field, text, problems);
        return value == null ? fallback : value;
    }

    /**
     * Writes the spec as strings for the managed certificate's record: nothing when there are
     * no targets.
     *
     * @return keys such as {@code parallelism}, {@code 0.host}, {@code 0.file.1.source}
     */
    public Map<String, String> toRecord() {
        var map = new LinkedHashMap<String, String>();
        if (isEmpty()) {
            return map;
        }
        map.put("parallelism", Integer.toString(parallelism));
        map.put("force", Boolean.toString(force));
        map.put("commandTimeout", commandTimeout);
        map.put("verifyTimeout", verifyTimeout);
        map.put("keystorePasswordCredentialsId", keystorePasswordCredentialsId);
        map.put("targets", Integer.toString(targets.size()));
        for (int i = 0; i < targets.size(); i++) {
            var target = targets.get(i).description();
            var prefix = i + ".";
            map.put(prefix + "type", target.type());
            target.options().forEach((k, v) -> map.put(prefix + k, v));
            map.put(prefix + "files", Integer.toString(target.files().size()));
            for (int f = 0; f < target.files().size(); f++) {
                var file = target.files().get(f);
                var filePrefix = prefix + "file." + f + ".";
                map.put(filePrefix + "source", Objects.toString(file.source(), ""));
                map.put(filePrefix + "path", Objects.toString(file.path(), ""));
                map.put(filePrefix + "mode", Objects.toString(file.mode(), ""));
                map.put(filePrefix + "owner", Objects.toString(file.owner(), ""));
                map.put(filePrefix + "group", Objects.toString(file.group(), ""));
            }
        }
        return map;
    }

    /**
     * Reads a spec written by {@link #toRecord()}.
     *
     * @param map the strings; empty for {@link #NONE}
     * @return the spec
     * @throws IllegalArgumentException if a count or number is malformed
     */
    public static DeploySpec fromRecord(Map<String, String> map) {
        if (map.isEmpty()) {
            return NONE;
        }
        var targets = new ArrayList<TargetSpec>();
        int count = number(map, "targets", 0);
        for (int i = 0; i < count; i++) {
            var prefix = i + ".";
            var files = new ArrayList<TargetDescription.FileEntry>();
            int fileCount = number(map, prefix + "files", 0);
            for (int f = 0; f < fileCount; f++) {
                var filePrefix = prefix + "file." + f + ".";
                files.add(new TargetDescription.FileEntry(map.get(filePrefix + "source"), map.get(filePrefix + "path"),
                        map.get(filePrefix + "mode"), map.get(filePrefix + "owner"), map.get(filePrefix + "group")));
            }
            var options = new LinkedHashMap<String, String>();
            map.forEach((key, value) -> {
                var rest = key.startsWith(prefix) ? key.substring(prefix.length()) : null;
                if (rest != null && !rest.contains(".") && !rest.equals("type") && !rest.equals("files")) {
                    options.put(rest, value);
                }
            });
            var description = new TargetDescription(map.getOrDefault(prefix + "type", "sftp"), options, files);
            targets.add("sftp".equals(description.type()) ? SftpTargetSpec.of(description)
                    : new OtherTargetSpec(description));
        }
        return new DeploySpec(targets, number(map, "parallelism", DeployOptions.DEFAULT_PARALLELISM),
                Boolean.parseBoolean(map.get("force")), map.get("commandTimeout"), map.get("verifyTimeout"),
                map.get("keystorePasswordCredentialsId"));
    }

    private static int number(Map<String, String> map, String key, int fallback) {
        var value = map.get(key);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException ex) {
            throw new IllegalArgumentException("the deploy setting " + key + " '" + value + "' is not a number", ex);
        }
    }

    /**
     * Describes the targets for the log.
     *
     * @return e.g. {@code sftp(name: 'web1', ...), sftp(...)}, or {@code none}
     */
    public String describe() {
        return isEmpty() ? "none" : String.join(", ", targets.stream().map(TargetSpec::describe).toList());
    }
}
