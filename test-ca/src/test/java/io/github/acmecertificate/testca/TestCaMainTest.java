package io.github.acmecertificate.testca;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The command-line entry point writes a usable environment file and stops when stdin closes. */
public class TestCaMainTest {

    @Rule
    public TemporaryFolder temporary = new TemporaryFolder();

    private final ExecutorService executor = Executors.newSingleThreadExecutor();

    @After
    public void stopExecutor() {
        executor.shutdownNow();
    }

    @Test
    public void writesEnvironmentFileAndStopsWhenStdinCloses() throws Exception {
        PebbleInstalled.assume();
        Path directory = temporary.getRoot().toPath().resolve("demo");
        PipedOutputStream stdinWriter = new PipedOutputStream();
        PipedInputStream stdin = new PipedInputStream(stdinWriter);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] args = {"--http-port", "45080", "--dir", directory.toString()};

        Future<Integer> status = executor.submit(() -> TestCaMain.run(args, stdin,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)));

        Path envFile = directory.resolve(TestCaMain.ENV_FILE);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!Files.exists(envFile) && !status.isDone() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue("no " + envFile + "; stderr: " + err, Files.exists(envFile));
        String env = Files.readString(envFile);
        Map<String, String> values = parse(env);
        URI directoryUri = URI.create(values.get("ACME_SERVER"));
        assertEquals("45080", values.get("ACME_HTTP_PORT"));
        assertEquals(directory.resolve(HttpsCertificates.ROOT_PEM).toAbsolutePath().toString(), values.get("ACME_SERVER_TRUST"));
        assertTrue(values.containsKey("PEBBLE_DNS_PORT"));
        assertEquals(200, Https.get(Https.trusting(Path.of(values.get("ACME_SERVER_TRUST"))), directoryUri).statusCode());
        assertFalse("still running", status.isDone());

        stdinWriter.close();

        assertEquals(Integer.valueOf(0), status.get(15, TimeUnit.SECONDS));
        assertEquals("prints what it writes", env, out.toString(StandardCharsets.UTF_8));
        assertFalse("a stale environment file is removed", Files.exists(envFile));
        assertTrue("the given directory is kept", Files.isDirectory(directory));
        try {
            Https.get(Https.trusting(Path.of(values.get("ACME_SERVER_TRUST"))), directoryUri);
            throw new AssertionError("Pebble still answers after stdin closed");
        } catch (java.io.IOException expected) {
            // Connection refused: Pebble is stopped.
        }
    }

    @Test
    public void usageErrorsExitWithStatus2() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
        PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

        assertEquals(2, TestCaMain.run(new String[] {"--http-port"}, System.in, out, errStream));
        assertEquals(2, TestCaMain.run(new String[] {"--http-port", "70000"}, System.in, out, errStream));
        assertEquals(2, TestCaMain.run(new String[] {"--bogus"}, System.in, out, errStream));
        assertTrue(err.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8).contains("usage:"));
    }

    private static Map<String, String> parse(String env) {
        Map<String, String> values = new HashMap<>();
        for (String line : env.split("\n")) {
            int equals = line.indexOf('=');
            values.put(line.substring(0, equals), line.substring(equals + 1));
        }
        return values;
    }
}
