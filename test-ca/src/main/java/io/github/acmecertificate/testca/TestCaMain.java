package io.github.acmecertificate.testca;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a {@link Pebble} from the command line, for demos and manual tries of the build plugins.
 *
 * <pre>
 * java -cp ... io.github.acmecertificate.testca.TestCaMain [--http-port N] [--dir D] [--wait-for-signal]
 * </pre>
 *
 * <p>Starts Pebble with the default options, writes {@code <dir>/pebble.env} and prints the same
 * lines:
 *
 * <pre>
 * ACME_SERVER=https://localhost:PORT/dir
 * ACME_SERVER_TRUST=/path/to/https-root.pem
 * ACME_HTTP_PORT=PORT
 * ACME_TLS_PORT=PORT
 * PEBBLE_MANAGEMENT_PORT=PORT
 * PEBBLE_DNS_PORT=PORT       (only when the mock DNS runs)
 * </pre>
 *
 * <p>The file appears atomically once Pebble answers, so a script can wait for it to exist and
 * then source it; values are not quoted, so keep the directory free of spaces. The program then
 * runs until its standard input is closed, or until it receives SIGTERM or SIGINT, and on exit
 * stops Pebble and deletes {@code pebble.env}.
 *
 * <p>A shell starts a background job ({@code &}) with standard input from {@code /dev/null},
 * which is closed at once: pass {@code --wait-for-signal} there, so that only a signal stops it.
 *
 * <p>Options: {@code --http-port N} is the port on which Pebble validates HTTP-01 (default: a free
 * port); {@code --dir D} is the work directory, kept on exit (default: a temporary directory,
 * deleted on exit). Exit status: 0 after a normal stop, 1 if Pebble could not start, 2 for a usage
 * error.
 *
 * @since 0.1.0
 */
public final class TestCaMain {

    /** The name of the environment file written into the work directory. */
    public static final String ENV_FILE = "pebble.env";

    private static final String USAGE =
            "usage: TestCaMain [--http-port N] [--dir DIRECTORY] [--wait-for-signal]";

    private TestCaMain() {
    }

    /**
     * Starts Pebble and blocks until standard input is closed or the JVM is asked to stop.
     *
     * @param args {@code --http-port N}, {@code --dir D}, {@code --wait-for-signal}, all optional
     */
    public static void main(String[] args) {
        int status = run(args, System.in, System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    /** The testable body of {@link #main}: returns the exit status instead of exiting. */
    static int run(String[] args, InputStream stdin, PrintStream out, PrintStream err) {
        Arguments arguments;
        try {
            arguments = Arguments.parse(args);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println(USAGE);
            return 2;
        }
        if (arguments.help) {
            out.println(USAGE);
            return 0;
        }
        PebbleOptions options = PebbleOptions.defaults();
        if (arguments.httpPort != null) {
            options = options.withHttpPort(arguments.httpPort);
        }
        if (arguments.directory != null) {
            options = options.withWorkDirectory(arguments.directory);
        }

        Pebble pebble;
        try {
            pebble = Pebble.start(options);
        } catch (IOException | RuntimeException e) {
            err.println("cannot start Pebble: " + e.getMessage());
            return 1;
        }
        Path envFile = pebble.workDirectory().resolve(ENV_FILE);
        CountDownLatch stopped = new CountDownLatch(1);
        Thread shutdownHook = new Thread(() -> {
            stop(pebble, envFile);
            stopped.countDown();
        }, "pebble-test-ca-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        try {
            String env = environment(pebble);
            writeAtomically(envFile, env);
            out.print(env);
            out.flush();
            err.println("Pebble is running; environment written to " + envFile + ". "
                    + (arguments.waitForSignal ? "Send SIGTERM" : "Close standard input or send SIGTERM")
                    + " to stop.");
            if (arguments.waitForSignal) {
                stopped.await();
            } else {
                drain(stdin);
            }
        } catch (IOException e) {
            err.println("Pebble stopped: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
                stop(pebble, envFile);
            } catch (IllegalStateException shuttingDown) {
                // The hook is stopping Pebble already.
            }
        }
        return 0;
    }

    /** The lines of {@code pebble.env}, each {@code NAME=value}. */
    static String environment(Pebble pebble) {
        StringBuilder env = new StringBuilder()
                .append("ACME_SERVER=").append(pebble.directoryUri()).append('\n')
                .append("ACME_SERVER_TRUST=").append(pebble.trustRootPem().toAbsolutePath()).append('\n')
                .append("ACME_HTTP_PORT=").append(pebble.httpPort()).append('\n')
                .append("ACME_TLS_PORT=").append(pebble.tlsPort()).append('\n')
                .append("PEBBLE_MANAGEMENT_PORT=").append(pebble.managementPort()).append('\n');
        pebble.challengeDnsPort().ifPresent(port -> env.append("PEBBLE_DNS_PORT=").append(port).append('\n'));
        return env.toString();
    }

    private static void stop(Pebble pebble, Path envFile) {
        try {
            // A stale file would send the next script to a CA that no longer runs.
            Files.deleteIfExists(envFile);
        } catch (IOException ignored) {
            // The work directory is deleted with Pebble anyway when it was temporary.
        }
        pebble.close();
    }

    private static void writeAtomically(Path file, String content) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(temporary, content, StandardCharsets.UTF_8);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void drain(InputStream stdin) throws IOException {
        byte[] buffer = new byte[4096];
        while (stdin.read(buffer) >= 0) {
            // Input is ignored; only its end matters.
        }
    }

    /** The parsed command line. */
    private static final class Arguments {
        Integer httpPort;
        Path directory;
        boolean waitForSignal;
        boolean help;

        static Arguments parse(String[] args) {
            Arguments parsed = new Arguments();
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--http-port" -> parsed.httpPort = port(value(args, ++i, "--http-port"));
                    case "--dir" -> parsed.directory = Path.of(value(args, ++i, "--dir"));
                    case "--wait-for-signal" -> parsed.waitForSignal = true;
                    case "-h", "--help" -> parsed.help = true;
                    default -> throw new IllegalArgumentException("unknown argument: " + args[i]);
                }
            }
            return parsed;
        }

        private static String value(String[] args, int index, String option) {
            if (index >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[index];
        }

        private static int port(String value) {
            try {
                int port = Integer.parseInt(value);
                if (port >= 1 && port <= 65535) {
                    return port;
                }
            } catch (NumberFormatException e) {
                // Reported below with the offending value.
            }
            throw new IllegalArgumentException("--http-port needs a port from 1 to 65535: " + value);
        }
    }
}
