package io.github.acmecertificate.jenkins.run;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.acmecertificate.core.ConcurrentRuns;
import io.github.acmecertificate.core.FleetProvisioner;
import io.github.acmecertificate.core.config.Values;
import io.github.acmecertificate.core.event.ProgressEvent;
import io.github.acmecertificate.core.event.ProgressListener;
import io.github.acmecertificate.core.exception.AcmeCertificateException;
import io.github.acmecertificate.core.exception.InvalidInputException;
import io.github.acmecertificate.core.exception.InvalidInputException.Problem;
import io.github.acmecertificate.jenkins.managed.CertificateSettings;

/**
 * Several certificates of one {@code acmeCertificate} call: each is run as a certificate of its
 * own (the same checks, credentials rules and record as a single certificate), a few at a time.
 * One failure does not stop the others; the caller fails at the end, listing every failed
 * certificate. Each progress line starts with its certificate's credential id in brackets, so
 * that the lines of certificates running at once can be told apart in the build log.
 *
 * <pre>{@code
 * var fleet = new CertificateFleet(CertificateFleet.concurrency(step.getConcurrency()));
 * var result = fleet.run(certificates, (settings, log) -> runFor(settings).run(settings, global, by, log), listener);
 * return result.toMap(); // fails, listing every failed certificate, if any failed
 * }</pre>
 *
 * @since 0.1.0
 */
public final class CertificateFleet {

    /** How many certificates run at once when nothing else is configured. */
    public static final int DEFAULT_CONCURRENCY = FleetProvisioner.DEFAULT_CONCURRENCY;

    /** The most certificates that may run at once, as for the Maven goal. */
    public static final int MAX_CONCURRENCY = 256;

    /** One certificate's run. */
    @FunctionalInterface
    public interface Certificate {
        /**
         * Issues or renews one certificate, then deploys it.
         *
         * @param settings the certificate's settings, the call's shared options already applied
         * @param listener where its progress goes (already marked with its credential id)
         * @return its result
         * @throws AcmeCertificateException for anything the user can act on
         * @throws InterruptedException     if interrupted
         */
        StepResult run(CertificateSettings settings, ProgressListener listener)
                throws AcmeCertificateException, InterruptedException;
    }

    private final ConcurrentRuns runs;

    /**
     * Creates a fleet run.
     *
     * @param concurrency how many certificates run at once, 1 to {@value #MAX_CONCURRENCY}
     */
    public CertificateFleet(int concurrency) {
        this.runs = new ConcurrentRuns(concurrency);
    }

    /**
     * Reads a concurrency setting with the core's parser.
     *
     * @param field the setting's name, for the message
     * @param value the value; 0 or less is refused, as is more than {@value #MAX_CONCURRENCY}
     * @return the number
     * @throws InvalidInputException naming the field and the accepted range
     */
    public static int concurrency(String field, int value) throws InvalidInputException {
        var parsed = Values.integer(field, Integer.toString(value), 1, MAX_CONCURRENCY);
        return parsed == null ? DEFAULT_CONCURRENCY : parsed;
    }

    /**
     * Checks the list itself before anything runs: at least one certificate, and no credential
     * id twice (two runs would otherwise replace each other's certificate).
     *
     * @param certificates the certificates
     * @throws InvalidInputException naming {@code certificates}
     */
    public static void validate(List<CertificateSettings> certificates) throws InvalidInputException {
        if (certificates.isEmpty()) {
            throw new InvalidInputException("certificates", "no certificate was given. Give at least one, e.g. "
                    + "certificates: [[domains: 'a.example', credentialsId: 'a-tls']]");
        }
        var problems = new ArrayList<Problem>();
        var seen = new HashSet<String>();
        for (int i = 0; i < certificates.size(); i++) {
            var id = certificates.get(i).credentialsId();
            if (id.isEmpty()) {
                problems.add(new Problem("certificates", "certificate " + (i + 1) + " ("
                        + (certificates.get(i).certificate().domains().isEmpty() ? "no domains"
                        : certificates.get(i).certificate().domains())
                        + ") has no credentialsId. Give each certificate the id of its own certificate credential"));
            } else if (!seen.add(id)) {
                problems.add(new Problem("certificates", "two certificates have the credentialsId '" + id
                        + "'. Give each certificate its own certificate credential"));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
    }

    /**
     * Runs every certificate, at most the configured number at once, and waits for all of them.
     *
     * @param certificates the certificates, each with its own credential id
     * @param certificate  runs one certificate
     * @param listener     where progress goes
     * @return one outcome per certificate, in the given order
     * @throws InvalidInputException if the list itself is wrong (nothing is run then)
     * @throws InterruptedException  if interrupted; the certificates still running are interrupted
     */
    public Result run(List<CertificateSettings> certificates, Certificate certificate, ProgressListener listener)
            throws InvalidInputException, InterruptedException {
        validate(certificates);
        var tasks = new LinkedHashMap<String, ConcurrentRuns.Task<StepResult>>();
        for (var settings : certificates) {
            var id = settings.credentialsId();
            tasks.put(id, log -> certificate.run(settings, marked(id, log)));
        }
        var result = new Result(runs.run(tasks, listener));
        listener.report(result.succeeded() ? ProgressEvent.Stage.INFO : ProgressEvent.Stage.WARNING,
                result.summary());
        return result;
    }

    /**
     * Marks every line of one certificate with its credential id.
     *
     * @param id       the credential id
     * @param listener the shared listener
     * @return a listener that writes {@code [id] message}
     */
    public static ProgressListener marked(String id, ProgressListener listener) {
        var prefix = "[" + id + "] ";
        return event -> listener.onProgress(new ProgressEvent(event.stage(), prefix + event.message()));
    }

    /**
     * What a multi-certificate call did: one outcome per certificate.
     *
     * @param outcomes the outcomes, in the call's order
     */
    public record Result(List<ConcurrentRuns.Outcome<StepResult>> outcomes) {

        /**
         * Creates a result.
         *
         * @param outcomes the outcomes
         */
        public Result {
            outcomes = List.copyOf(outcomes);
        }

        /**
         * Returns the certificates that failed.
         *
         * @return the failed outcomes, in the call's order
         */
        public List<ConcurrentRuns.Outcome<StepResult>> failures() {
            return outcomes.stream().filter(ConcurrentRuns.Outcome::failed).toList();
        }

        /**
         * Tells whether every certificate succeeded.
         *
         * @return true when none failed
         */
        public boolean succeeded() {
            return failures().isEmpty();
        }

        /**
         * Counts the outcomes.
         *
         * @return e.g. {@code 3 certificates: 1 renewed, 1 unchanged, 1 failed}
         */
        public String summary() {
            long renewed = outcomes.stream().filter(o -> o.result().map(StepResult::renewed).orElse(false)).count();
            long failed = failures().size();
            return outcomes.size() + " certificate" + (outcomes.size() == 1 ? "" : "s") + ": " + renewed
                    + " issued or renewed, " + (outcomes.size() - renewed - failed) + " not due, " + failed
                    + " failed";
        }

        /**
         * Words the failure of the call: every failed certificate with its reason.
         *
         * @return e.g. {@code 1 of 3 certificates failed (the others were run):} and a line per
         *         failed certificate; blank when none failed
         */
        public String failureMessage() {
            var failures = failures();
            if (failures.isEmpty()) {
                return "";
            }
            var text = new StringBuilder().append(failures.size()).append(" of ").append(outcomes.size())
                    .append(" certificates failed (the others were run):");
            for (var failure : failures) {
                text.append("\n  - ").append(failure.name()).append(": ")
                        .append(StepErrors.message(failure.failure().get()).replaceFirst("^acmeCertificate: ", "")
                                .replace("\n", "\n    "));
            }
            return text.toString();
        }

        /**
         * Returns what the step gives the pipeline: for one certificate, its own map (the same
         * as a single-certificate call); for several, each credential id with its certificate's
         * map ({@code renewed}, {@code notAfter}, ...), in the call's order.
         *
         * @return a serializable, ordered map
         * @throws AcmeCertificateException if a certificate failed: the step fails instead, with
         *                                  {@link #failureMessage()}
         */
        public Map<String, Object> toMap() throws AcmeCertificateException {
            if (!succeeded()) {
                throw new AcmeCertificateException(failureMessage());
            }
            if (outcomes.size() == 1) {
                return outcomes.get(0).result().get().toMap();
            }
            var map = new LinkedHashMap<String, Object>();
            for (var outcome : outcomes) {
                map.put(outcome.name(), outcome.result().get().toMap());
            }
            return map;
        }
    }
}
