package io.github.acmecertificate.core.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.github.acmecertificate.core.CertificateProvisioner;
import io.github.acmecertificate.core.CertificateRequest;
import io.github.acmecertificate.core.ProvisionResult.Outcome;
import io.github.acmecertificate.core.challenge.Http01StandaloneSolver;
import io.github.acmecertificate.core.event.ProgressListener;
import io.github.acmecertificate.core.key.KeyType;
import io.github.acmecertificate.core.renewal.RenewalPolicy;
import io.github.acmecertificate.core.renewal.RenewalScan;
import io.github.acmecertificate.core.store.CertificateBundle;
import io.github.acmecertificate.core.store.CertificateMetadata;
import io.github.acmecertificate.core.store.FileStore;
import io.github.acmecertificate.core.TestCertificates;

/**
 * The in-process measurements of {@code bench/run.sh}; not a test.
 *
 * <pre>
 * latency &lt;store&gt; &lt;runs&gt; &lt;warm-up&gt;   issuance latency against $ACME_SERVER (median of runs)
 * scan &lt;store&gt; &lt;count&gt; &lt;repeats&gt;     fills a store with count certificates, then times the renewal scan
 * </pre>
 *
 * Prints one line {@code key=value ...} with milliseconds, for the bench script to read.
 */
public final class BenchMain {

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "latency" -> latency(Path.of(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]));
            case "scan" -> scan(Path.of(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]));
            default -> throw new IllegalArgumentException("latency or scan, not " + args[0]);
        }
    }

    private static void latency(Path root, int runs, int warmup) throws Exception {
        var server = System.getenv("ACME_SERVER");
        var trust = Path.of(System.getenv("ACME_SERVER_TRUST"));
        var port = Integer.parseInt(System.getenv("ACME_HTTP_PORT"));
        var store = new FileStore(root);
        var provisioner = new CertificateProvisioner(store);
        var times = new double[runs];
        // CPU time of the whole process per timed issuance (every thread: the HTTP client's,
        // the HTTP-01 server's, the JIT compiler's): on a shared machine it moves far less
        // than the wall time. The counter ticks in 10 ms steps, so it is taken over all runs.
        long cpuTimed = 0;
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean();
        for (int i = -warmup; i < runs; i++) {
            var name = "lat" + (i + warmup) + ".bench.example.test";
            var request = CertificateRequest.builder().server(server).serverTrust(trust).acceptTermsOfService(true)
                    .domains(name).challenge(new Http01StandaloneSolver("127.0.0.1", port)).build();
            long cpuStart = os.getProcessCpuTime();
            long start = System.nanoTime();
            var result = provisioner.provision(request, ProgressListener.NONE);
            long took = System.nanoTime() - start;
            long cpuTook = os.getProcessCpuTime() - cpuStart;
            if (result.outcome() != Outcome.ISSUED) {
                throw new IllegalStateException(name + " was not issued: " + result.summary());
            }
            if (i >= 0) {
                times[i] = took / 1e6;
                cpuTimed += cpuTook;
            }
        }
        print("latency", times, String.format(Locale.ROOT, " cpu_mean_ms=%.1f", cpuTimed / 1e6 / runs));
    }

    private static void scan(Path root, int count, int repeats) throws Exception {
        var store = new FileStore(root);
        var key = KeyType.EC_P256.generate();
        var now = Instant.now();
        if (store.names().size() < count) {
            // One real certificate set, copied under every name with its own metadata: saving
            // each through the store would spend minutes on PKCS#12 files the scan never reads.
            var leaf = TestCertificates.selfSigned("scan.bench.example.test", now.minus(Duration.ofDays(30)),
                    now.plus(Duration.ofDays(60)));
            var template = "template.bench.example.test";
            store.save(new CertificateBundle(List.of(leaf), key.getPrivate(), new CertificateMetadata(template,
                    List.of(template), "https://ca.example/dir", Optional.of("ec-p256"), Optional.empty(),
                    Optional.empty(), Optional.empty(), now, now, now.plus(Duration.ofDays(90)))));
            var from = store.certificateDirectory(template);
            for (int i = 0; i < count - 1; i++) {
                var name = String.format(Locale.ROOT, "c%05d.bench.example.test", i);
                var dir = Files.createDirectories(store.certificateDirectory(name));
                try (var files = Files.list(from)) {
                    for (var file : files.toList()) {
                        if (!file.getFileName().toString().equals(FileStore.METADATA)) {
                            Files.copy(file, dir.resolve(file.getFileName()));
                        }
                    }
                }
                // Spread the validity so that some of them are due.
                var notBefore = now.minus(Duration.ofDays(i % 90));
                Files.writeString(dir.resolve(FileStore.METADATA), String.join("\n",
                        "ca=https\\://ca.example/dir", "issuedAt=" + now, "keyType=ec-p256", "name=" + name,
                        "names=" + name, "notAfter=" + notBefore.plus(Duration.ofDays(90)), "notBefore=" + notBefore,
                        ""));
            }
        }
        var scan = new RenewalScan(store, new RenewalPolicy(null, false), Clock.systemUTC());
        var times = new double[repeats];
        int due = 0;
        int scanned = 0;
        for (int i = 0; i < repeats; i++) {
            long start = System.nanoTime();
            var entries = scan.scan(store.names());
            due = RenewalScan.due(entries).size();
            scanned = entries.size();
            times[i] = (System.nanoTime() - start) / 1e6;
        }
        System.out.printf(Locale.ROOT, "scanned=%d due=%d ", scanned, due);
        print("scan", times, "");
    }

    private static double median(double[] sorted) {
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }

    private static void print(String what, double[] times, String more) {
        var sorted = times.clone();
        Arrays.sort(sorted);
        double median = median(sorted);
        var all = new ArrayList<String>();
        for (var t : times) {
            all.add(String.format(Locale.ROOT, "%.1f", t));
        }
        System.out.printf(Locale.ROOT, "%s runs=%d median_ms=%.1f min_ms=%.1f max_ms=%.1f first_ms=%s all=%s%s%n", what,
                times.length, median, sorted[0], sorted[sorted.length - 1], all.get(0), String.join(",", all), more);
    }
}
