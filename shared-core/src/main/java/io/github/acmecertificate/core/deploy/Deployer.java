package io.github.acmecertificate.core.deploy;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.acmecertificate.core.event.ProgressEvent.Stage;
import io.github.acmecertificate.core.event.ProgressEvent;
import io.github.acmecertificate.core.event.ProgressListener;
import io.github.acmecertificate.core.exception.InvalidInputException.Problem;
import io.github.acmecertificate.core.exception.InvalidInputException;
import io.github.acmecertificate.core.store.CertificateBundle;

/**
 * Puts a certificate on its targets: several at once, each all or nothing, each reported.
 *
 * <p>Call it after the certificate is stored (so a failed deploy never loses it), also when
 * the certificate was not due: targets that already hold it are skipped, so a rerun after
 * a failure deploys where needed without ordering a new certificate.
 *
 * <pre>{@code
 * var result = new CertificateProvisioner(store).provision(request, listener);
 * var options = DeployOptions.builder()
 *         .keystorePassword(store.keystorePassword(result.bundle().metadata().name()).orElse(null))
 *         .build();
 * DeployReport report = new Deployer().deploy(result.bundle(), targets, options, listener);
 * }</pre>
 *
 * <p>Progress comes from every target's own thread but reaches the listener only on the
 * calling thread, one event at a time, as {@link ProgressListener} promises; each message
 * starts with the target's name in brackets.
 *
 * @since 0.1.0
 */
public final class Deployer {

    private final TargetDeployment.Connector connector;

    /** Creates a deployer that connects to targets as they are configured. */
    public Deployer() {
        this(Deployer::connect);
    }

    Deployer(TargetDeployment.Connector connector) {
        this.connector = connector;
    }

    private static TargetConnection connect(DeployTarget target) throws IOException {
        return target.connect();
    }

    /**
     * Checks that targets and options fit together, before any certificate is ordered:
     * there is at least one target, names are distinct, and a key store password is given
     * when a target wants {@code keystore.p12}.
     *
     * @param targets the targets
     * @param options the options
     * @throws InvalidInputException listing every problem
     */
    public static void validate(List<? extends DeployTarget> targets, DeployOptions options)
            throws InvalidInputException {
        validate(targets, options, false);
    }

    /**
     * Checks targets and options as {@link #validate(List, DeployOptions)} does, for callers
     * whose store supplies the key store password at deploy time (the file store generates
     * one with each certificate; the Jenkins credential carries one), so that the options
     * need not hold it yet.
     *
     * @param targets                  the targets
     * @param options                  the options
     * @param storeSuppliesKeystorePassword true when a key store password is certain to exist
     *                                 by the time of the deploy
     * @throws InvalidInputException listing every problem
     */
    public static void validate(List<? extends DeployTarget> targets, DeployOptions options,
            boolean storeSuppliesKeystorePassword) throws InvalidInputException {
        var problems = new ArrayList<Problem>();
        check(null, targets, options, storeSuppliesKeystorePassword, problems);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
    }

    private static void check(CertificateBundle bundle, List<? extends DeployTarget> targets, DeployOptions options,
            boolean storeSuppliesKeystorePassword, List<Problem> problems) {
        if (targets == null || targets.isEmpty()) {
            problems.add(new Problem("targets", "no deploy target is configured. Add at least one target"));
            return;
        }
        var names = new HashSet<String>();
        for (var target : targets) {
            if (!names.add(target.name())) {
                problems.add(new Problem("targets.name", "two targets are named '" + target.name()
                        + "'. Give each target its own name"));
            }
            var sources = target.files().stream().map(TargetFile::source).toList();
            if (sources.contains(CertificateFile.KEYSTORE) && !options.hasKeystorePassword()
                    && !storeSuppliesKeystorePassword) {
                problems.add(new Problem("keystorePassword", "target " + target.name() + " wants keystore.p12, "
                        + "which needs the key store password. Give keystorePassword"));
            }
            if (bundle != null && bundle.privateKey().isEmpty()) {
                var secret = sources.stream().filter(CertificateFile::secret).map(CertificateFile::fileName)
                        .distinct().toList();
                if (!secret.isEmpty()) {
                    problems.add(new Problem("targets.files.source", "target " + target.name() + " wants "
                            + String.join(", ", secret) + ", but certificate " + bundle.metadata().name()
                            + " was ordered with your own CSR, so this tool has no key to deploy. Deploy only "
                            + "fullchain.pem, cert.pem or chain.pem, and the key yourself"));
                }
            }
        }
    }

    /**
     * Deploys the certificate to every target, at most
     * {@link DeployOptions#parallelism()} at a time, and waits for all of them.
     *
     * @param bundle   the certificate (with its key, for key files)
     * @param targets  the targets, reported in this order
     * @param options  how to deploy
     * @param listener where to report progress; called on this thread only
     * @return every target's result, when none failed
     * @throws InvalidInputException if targets and certificate do not fit together; nothing was
     *                               contacted
     * @throws DeployException       if one or more targets failed; its report has every
     *                               target's result, and each failed target kept its previous files
     * @throws InterruptedException  if interrupted; running targets are interrupted too
     */
    public DeployReport deploy(CertificateBundle bundle, List<? extends DeployTarget> targets, DeployOptions options,
            ProgressListener listener) throws InvalidInputException, DeployException, InterruptedException {
        var problems = new ArrayList<Problem>();
        check(bundle, targets, options, false, problems);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        var needed = EnumSet.noneOf(CertificateFile.class);
        targets.forEach(t -> t.files().forEach(f -> needed.add(f.source())));
        var password = options.keystorePassword().orElse(null);
        try {
            return run(bundle, targets, options, listener, needed, password);
        } finally {
            if (password != null) {
                Arrays.fill(password, '\0');
            }
        }
    }

    private DeployReport run(CertificateBundle bundle, List<? extends DeployTarget> targets, DeployOptions options,
            ProgressListener listener, Set<CertificateFile> needed, char[] password)
            throws DeployException, InterruptedException {
        FileContents contents;
        try {
            contents = FileContents.render(bundle, needed, password);
        } catch (GeneralSecurityException ex) {
            throw new DeployException(failAll(targets, "cannot encode keystore.p12: " + ex.getMessage()));
        }

        int threads = Math.min(options.parallelism(), targets.size());
        listener.report(Stage.DEPLOY, "Deploying certificate " + bundle.metadata().name() + " (serial "
                + bundle.serialNumber() + ") to " + targets.size() + " target" + (targets.size() == 1 ? "" : "s")
                + (targets.size() > 1 ? ", " + threads + " at a time" : ""));
        var queue = new LinkedBlockingQueue<ProgressEvent>();
        ProgressListener sink = queue::add;
        var counter = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(threads, runnable -> {
            var thread = new Thread(runnable, "acme-deploy-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        var results = new ArrayList<DeployResult>();
        try {
            var futures = new ArrayList<Future<DeployResult>>();
            for (var target : targets) {
                var deployment = new TargetDeployment(target, contents, options, sink, connector);
                futures.add(executor.submit(deployment::run));
            }
            // Relay events on this thread until every target is done.
            while (!futures.stream().allMatch(Future::isDone)) {
                var event = queue.poll(50, TimeUnit.MILLISECONDS);
                if (event != null) {
                    listener.onProgress(event);
                }
            }
            drain(queue, listener);
            for (int i = 0; i < futures.size(); i++) {
                try {
                    results.add(futures.get(i).get());
                } catch (ExecutionException ex) {
                    results.add(new DeployResult(targets.get(i).name(), DeployResult.Status.FAILED, List.of(),
                            Optional.empty(), false, "FAILED: unexpected error: " + ex.getCause(),
                            Duration.ZERO));
                }
            }
        } finally {
            executor.shutdownNow();
        }
        drain(queue, listener);
        var report = new DeployReport(results);
        listener.report(report.failures().isEmpty() ? Stage.DEPLOY : Stage.WARNING, "Deploy finished: "
                + report.count(DeployResult.Status.DEPLOYED) + " deployed, "
                + report.count(DeployResult.Status.UP_TO_DATE) + " up to date, "
                + report.count(DeployResult.Status.FAILED) + " failed");
        if (!report.failures().isEmpty()) {
            throw new DeployException(report);
        }
        return report;
    }

    private static void drain(LinkedBlockingQueue<ProgressEvent> queue, ProgressListener listener) {
        ProgressEvent event;
        while ((event = queue.poll()) != null) {
            listener.onProgress(event);
        }
    }

    private static DeployReport failAll(List<? extends DeployTarget> targets, String message) {
        return new DeployReport(targets.stream().map(t -> new DeployResult(t.name(), DeployResult.Status.FAILED,
                List.of(), Optional.empty(), false, "FAILED: " + message, Duration.ZERO)).toList());
    }
}
