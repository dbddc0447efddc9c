package io.github.acmecertificate.core.attack;

import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.github.acmecertificate.core.deploy.it.Installed;
import org.junit.Assume;

/**
 * Another local user racing the tool: {@code attacker.c} compiled with {@code cc} and run as
 * {@code nobody} through {@code setpriv}, watching a folder with inotify. Needs root to change
 * user; without root the test is skipped, except under {@code CI=true}, where it fails.
 */
final class Attacker implements AutoCloseable {

    /** The uid and gid of {@code nobody} on Debian. */
    static final int NOBODY = 65534;

    private final Process process;
    private final BufferedReader output;
    private Map<String, Long> counts;

    private Attacker(Process process, BufferedReader output) {
        this.process = process;
        this.output = output;
    }

    /** Fails under CI, skips elsewhere, when the tests cannot run another user. */
    static void requireRoot() {
        if (!Installed.root()) {
            var message = "attack tests run an attacker as another user, which needs root (CI runs as root)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(message + "; CI=true, so this fails instead of skipping");
            }
            Assume.assumeTrue(message, false);
        }
    }

    /**
     * Compiles and starts the attacker as nobody.
     *
     * @param work a folder for the program (made reachable for nobody)
     * @param args {@code read DIR} or {@code swap DIR VICTIM}
     * @return the running attacker, once it watches
     */
    static Attacker start(Path work, String... args) throws Exception {
        requireRoot();
        var cc = Installed.require("cc", "gcc");
        var setpriv = Installed.require("setpriv", "util-linux");
        Files.createDirectories(work);
        var source = work.resolve("attacker.c");
        try (InputStream in = Attacker.class.getResourceAsStream("/attack/attacker.c")) {
            Files.copy(in, source);
        }
        var binary = work.resolve("attacker");
        var compile = new ProcessBuilder(cc.toString(), "-O2", "-o", binary.toString(), source.toString())
                .redirectErrorStream(true).start();
        var compileOutput = new String(compile.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue("cc failed: " + compileOutput, compile.waitFor(60, TimeUnit.SECONDS) && compile.exitValue() == 0);
        Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(binary, PosixFilePermissions.fromString("rwxr-xr-x"));
        var command = new ArrayList<>(List.of(setpriv.toString(), "--reuid=" + NOBODY, "--regid=" + NOBODY,
                "--clear-groups", binary.toString()));
        command.addAll(List.of(args));
        var process = new ProcessBuilder(command).redirectErrorStream(true).start();
        var output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        var first = output.readLine();
        if (first == null || !first.startsWith("WATCHING uid=" + NOBODY)) {
            process.destroyForcibly();
            fail("the attacker did not start as nobody: " + first);
        }
        return new Attacker(process, output);
    }

    /**
     * Stops the attacker and returns its counts, e.g. {@code attempts}, {@code opened},
     * {@code leaked} or {@code swapped}.
     *
     * @return the counts it printed
     */
    Map<String, Long> stop() throws Exception {
        if (counts == null) {
            // Not Process.destroy(): it closes the output this reads the counts from.
            new ProcessBuilder("kill", "-TERM", Long.toString(process.pid())).inheritIO().start().waitFor();
            assertTrue("the attacker stops on SIGTERM", process.waitFor(10, TimeUnit.SECONDS));
            counts = new LinkedHashMap<>();
            String line;
            while ((line = output.readLine()) != null) {
                for (var pair : line.strip().split("\\s+")) {
                    var parts = pair.split("=", 2);
                    if (parts.length == 2 && parts[1].matches("\\d+")) {
                        counts.put(parts[0], Long.parseLong(parts[1]));
                    }
                }
            }
        }
        return counts;
    }

    /** Makes a folder and its parents up to {@code top} reachable for nobody. */
    static void reachable(Path top, Path dir) throws IOException {
        for (var d = dir; d != null && d.startsWith(top); d = d.getParent()) {
            Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
