package io.github.acmecertificate.testca;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import javax.net.ssl.SSLContext;

/**
 * Starts Pebble and its mock DNS and waits until they answer; {@link Pebble#start(PebbleOptions)}
 * delegates here.
 */
final class Launcher {

    static final String PEBBLE_LOG = "pebble.log";
    static final String CHALLTESTSRV_LOG = "pebble-challtestsrv.log";

    /** How Go reports a listener that cannot bind, in both servers' logs. */
    static final String PORT_IN_USE = "address already in use";

    /** Chooses the ports of one start attempt; replaceable so tests can provoke a port clash. */
    interface PortPicker {
        Ports pick(PebbleOptions options) throws IOException;
    }

    // Ports are picked free but released before the servers bind them; another process may win.
    private static final int START_ATTEMPTS = 3;
    private static final int LOG_TAIL_LINES = 30;
    private static final long POLL_MILLIS = 20;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);

    private final PebbleOptions options;
    private final Path pebbleBinary;
    private final Path challTestSrvBinary;
    private final Path workDirectory;
    private final boolean ownsWorkDirectory;
    private final HttpsCertificates certificates;
    private final SSLContext sslContext;
    private final HttpClient http;

    private Launcher(PebbleOptions options, Path pebbleBinary, Path challTestSrvBinary, Path workDirectory,
            boolean ownsWorkDirectory, HttpsCertificates certificates, SSLContext sslContext, HttpClient http) {
        this.options = options;
        this.pebbleBinary = pebbleBinary;
        this.challTestSrvBinary = challTestSrvBinary;
        this.workDirectory = workDirectory;
        this.ownsWorkDirectory = ownsWorkDirectory;
        this.certificates = certificates;
        this.sslContext = sslContext;
        this.http = http;
    }

    static Pebble start(PebbleOptions options, Executables executables, PortPicker portPicker) throws IOException {
        Objects.requireNonNull(options, "options");
        Path pebbleBinary = executables.require(Executables.PEBBLE);
        Path challTestSrvBinary = options.dnsServer() == null ? executables.require(Executables.CHALLTESTSRV) : null;

        boolean ownsWorkDirectory = options.workDirectory() == null;
        Path workDirectory = ownsWorkDirectory
                ? Files.createTempDirectory("pebble-")
                : Files.createDirectories(options.workDirectory()).toAbsolutePath();
        try {
            HttpsCertificates certificates = HttpsCertificates.generate(workDirectory);
            SSLContext sslContext = Tls.trusting(certificates.root());
            HttpClient http = HttpClient.newBuilder().sslContext(sslContext).connectTimeout(CONNECT_TIMEOUT).build();
            return new Launcher(options, pebbleBinary, challTestSrvBinary, workDirectory, ownsWorkDirectory,
                    certificates, sslContext, http).startWithRetries(portPicker);
        } catch (IOException | RuntimeException | Error e) {
            if (ownsWorkDirectory) {
                Directories.deleteRecursively(workDirectory);
            }
            throw e;
        }
    }

    private Pebble startWithRetries(PortPicker portPicker) throws IOException {
        IOException lostRace = null;
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            Servers servers = launch(portPicker.pick(options));
            try {
                awaitReady(servers);
                return new Pebble(options, workDirectory, ownsWorkDirectory, certificates, sslContext, http, servers);
            } catch (IOException | RuntimeException e) {
                servers.processes().close();
                if (!(e instanceof IOException) || !lostPortRace(servers)) {
                    throw e;
                }
                lostRace = (IOException) e;
            }
        }
        throw lostRace;
    }

    private Servers launch(Ports ports) throws IOException {
        Path config = PebbleConfig.write(workDirectory, options, certificates,
                ports.listen(), ports.management(), ports.http(), ports.tls());
        // A test that never closes its Pebble still leaves no temporary directory behind.
        Path directory = workDirectory;
        Runnable afterStopOnShutdown = ownsWorkDirectory ? () -> Directories.deleteRecursively(directory) : () -> { };
        ProcessGroup processes = new ProcessGroup("pebble-" + ports.listen(), afterStopOnShutdown);
        try {
            ChallTestSrv challTestSrv = null;
            String dnsServer = options.dnsServer();
            if (challTestSrvBinary != null) {
                ManagedProcess process = processes.start("pebble-challtestsrv",
                        ChallTestSrv.command(challTestSrvBinary, ports.dns(), ports.challTestSrvManagement()),
                        Map.of(), workDirectory, workDirectory.resolve(CHALLTESTSRV_LOG));
                challTestSrv = new ChallTestSrv(process, ports.dns(), ports.challTestSrvManagement(), http);
                dnsServer = "127.0.0.1:" + ports.dns();
            }
            List<String> command = List.of(pebbleBinary.toString(),
                    "-config", config.toString(), "-dnsserver", dnsServer);
            ManagedProcess pebble = processes.start("pebble", command, environment(options),
                    workDirectory, workDirectory.resolve(PEBBLE_LOG));
            return new Servers(ports, processes, pebble, challTestSrv);
        } catch (IOException | RuntimeException e) {
            processes.close();
            throw e;
        }
    }

    static Map<String, String> environment(PebbleOptions options) {
        Map<String, String> env = new HashMap<>();
        // Pebble otherwise sleeps up to 15 s before each validation to shake out client races.
        env.put("PEBBLE_VA_NOSLEEP", "1");
        env.put("PEBBLE_WFE_NONCEREJECT", Integer.toString(options.nonceRejectPercent()));
        env.put("PEBBLE_AUTHZREUSE", Integer.toString(options.authzReusePercent()));
        env.put("PEBBLE_ALTERNATE_ROOTS", Integer.toString(options.alternateRoots()));
        if (options.chainLength() != null) {
            env.put("PEBBLE_CHAIN_LENGTH", Integer.toString(options.chainLength()));
        }
        return env;
    }

    /**
     * Waits until the directory answers over verified HTTPS and the mock DNS answers queries and
     * management calls, failing early when a process exits or cannot bind a port.
     */
    private void awaitReady(Servers servers) throws IOException {
        Duration timeout = options.startTimeout();
        long deadline = System.nanoTime() + timeout.toNanos();
        URI directory = servers.ports().directoryUri();
        HttpRequest probe = HttpRequest.newBuilder(directory).timeout(PROBE_TIMEOUT).GET().build();
        boolean dnsReady = servers.challTestSrv() == null;
        boolean directoryReady = false;
        String lastProblem = "no answer yet";
        // Asynchronous, so that a process exiting while a probe hangs is noticed at once.
        CompletableFuture<HttpResponse<String>> pending = null;
        try {
            while (true) {
                failIfBroken(servers);
                if (!dnsReady) {
                    dnsReady = servers.challTestSrv().isReady();
                }
                if (!directoryReady) {
                    if (pending == null) {
                        pending = http.sendAsync(probe, HttpResponse.BodyHandlers.ofString());
                    }
                    if (pending.isDone()) {
                        try {
                            HttpResponse<String> response = pending.join();
                            directoryReady = response.statusCode() == 200
                                    && response.body().contains("\"newOrder\"");
                            lastProblem = "GET " + directory + " answered " + response.statusCode();
                        } catch (CompletionException | CancellationException e) {
                            lastProblem = "GET " + directory + " failed: "
                                    + (e.getCause() != null ? e.getCause() : e);
                        }
                        pending = null;
                    }
                }
                if (dnsReady && directoryReady) {
                    // Both answered, so every listener has tried to bind by now: a late failure shows here.
                    failIfBroken(servers);
                    return;
                }
                if (System.nanoTime() - deadline > 0) {
                    throw startFailure(servers, "not ready within " + timeout.toMillis() + " ms"
                            + (dnsReady ? "" : " (pebble-challtestsrv does not answer)")
                            + "; last probe: " + lastProblem);
                }
                Thread.sleep(POLL_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for Pebble to start");
        } finally {
            if (pending != null) {
                pending.cancel(true);
            }
        }
    }

    private void failIfBroken(Servers servers) throws IOException {
        for (ManagedProcess process : servers.processes().processes()) {
            if (!process.isAlive()) {
                throw startFailure(servers, process.name() + " exited with code " + process.exitCode());
            }
        }
        if (lostPortRace(servers)) {
            throw startFailure(servers, "another process took one of its ports");
        }
    }

    /**
     * Whether a server could not bind a port. Pebble exits then, but pebble-challtestsrv keeps
     * running without the listener, so the log is the only reliable sign.
     */
    private static boolean lostPortRace(Servers servers) {
        return servers.processes().processes().stream()
                .anyMatch(p -> p.output().contains(PORT_IN_USE));
    }

    private IOException startFailure(Servers servers, String reason) {
        StringBuilder message = new StringBuilder("Pebble did not start: ").append(reason).append('.');
        if (!ownsWorkDirectory) {
            message.append(" Its files are kept in ").append(workDirectory).append('.');
        }
        for (ManagedProcess process : servers.processes().processes()) {
            message.append("\n--- last lines of ").append(process.log().getFileName()).append(" ---\n")
                    .append(process.tail(LOG_TAIL_LINES));
        }
        return new IOException(message.toString());
    }

    /** The running processes of one start attempt; {@code challTestSrv} is null without mock DNS. */
    record Servers(Ports ports, ProcessGroup processes, ManagedProcess pebble, ChallTestSrv challTestSrv) {
    }
}
