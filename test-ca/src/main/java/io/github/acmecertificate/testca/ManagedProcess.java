package io.github.acmecertificate.testca;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A child process whose combined output goes to a log file.
 *
 * <p>Output goes to a file rather than a pipe: nobody has to drain it, a chatty child can never
 * block on a full pipe, and the log survives for a test to read or a person to inspect.
 */
final class ManagedProcess {

    private static final long STOP_GRACE_MILLIS = 3000;

    private final String name;
    private final Process process;
    private final Path log;

    private ManagedProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /**
     * Starts {@code command} in {@code directory} with {@code environment} added to an environment
     * from which every inherited {@code PEBBLE_*} variable was removed, so that the caller's
     * settings alone decide Pebble's behaviour.
     */
    static ManagedProcess start(String name, List<String> command, Map<String, String> environment,
            Path directory, Path log) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(key -> key.startsWith("PEBBLE_"));
        builder.environment().putAll(environment);
        Process process = builder.start();
        // The children never read standard input; closing it spares them a dangling pipe.
        process.getOutputStream().close();
        return new ManagedProcess(name, process, log);
    }

    String name() {
        return name;
    }

    Path log() {
        return log;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** The exit code, or -1 while the process runs. */
    int exitCode() {
        return process.isAlive() ? -1 : process.exitValue();
    }

    /** Returns the whole log; empty if it does not exist (any more). */
    String output() {
        try {
            return new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return "";
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }

    /** Returns the last {@code lines} lines of the log, for error messages. */
    String tail(int lines) {
        List<String> all = output().lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    /**
     * Asks the process to stop, waits, then kills it. Safe to call repeatedly. If the calling
     * thread is interrupted, the process is killed at once and the interrupt is kept.
     */
    void stop() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_GRACE_MILLIS, TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(STOP_GRACE_MILLIS, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
