package io.github.acmecertificate.core.deploy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.github.acmecertificate.core.ProvisionResult;
import io.github.acmecertificate.core.config.Durations;
import io.github.acmecertificate.core.event.ProgressEvent.Stage;
import io.github.acmecertificate.core.event.ProgressListener;
import io.github.acmecertificate.core.exception.AcmeCertificateException;
import io.github.acmecertificate.core.exception.InvalidInputException;
import io.github.acmecertificate.core.host.CommandResult;
import io.github.acmecertificate.core.host.OutputTail;

/**
 * A command of the user's, run with {@code /bin/sh -c} on this machine after a new certificate
 * was stored, as certbot's {@code --deploy-hook}: to reload a server, or copy the files where a
 * container reads them. It runs only when the certificate changed, never for a run that was not
 * due. It learns what changed from the environment:
 *
 * <pre>
 * ACME_CERTIFICATE_NAME        the certificate's name, e.g. example.com
 * ACME_CERTIFICATE_DIRECTORY   the folder of fullchain.pem, privkey.pem, keystore.p12, ...
 * ACME_CERTIFICATE_DOMAINS     the names it covers, comma-separated
 * ACME_CERTIFICATE_NOT_AFTER   its expiry (ISO-8601)
 * ACME_CERTIFICATE_SERIAL      its serial number in hex
 * </pre>
 *
 * <p>Its output goes to the progress listener line by line; a non-zero exit or a run longer than
 * the time limit is a failure, reported with the last lines of output. No secret is passed.
 *
 * @since 0.1.0
 */
public final class DeployHook {

    private static final Path SHELL = Path.of("/bin/sh");

    private final String command;
    private final Duration timeout;

    private DeployHook(String command, Duration timeout) {
        this.command = command;
        this.timeout = timeout;
    }

    /**
     * Checks and creates a hook.
     *
     * @param field   the name of the setting that gave the command, for messages
     * @param command the shell command, or blank for none
     * @param timeout how long it may run
     * @return the hook, or empty when no command was given
     * @throws InvalidInputException naming {@code field} when it cannot run here
     */
    public static Optional<DeployHook> of(String field, String command, Duration timeout)
            throws InvalidInputException {
        if (command == null || command.isBlank()) {
            return Optional.empty();
        }
        if (!Files.isExecutable(SHELL)) {
            throw new InvalidInputException(field, "runs with " + SHELL + ", which this machine does not have. "
                    + "Use a deploy target instead");
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new InvalidInputException(field, "needs a positive time limit");
        }
        return Optional.of(new DeployHook(command.strip(), timeout));
    }

    /**
     * Returns the command.
     *
     * @return the shell command
     */
    public String command() {
        return command;
    }

    /**
     * Runs the hook for a provisioning result, if a new certificate was stored.
     *
     * @param result    what the run did
     * @param directory the folder that holds the stored certificate's files
     * @param listener  receives the command's output, line by line
     * @return true when it ran (and succeeded), false when the certificate did not change
     * @throws AcmeCertificateException when the command fails, runs too long or cannot start
     * @throws InterruptedException     if interrupted while it runs (it is then stopped)
     */
    public boolean runAfter(ProvisionResult result, Path directory, ProgressListener listener)
            throws AcmeCertificateException, InterruptedException {
        if (!result.changed()) {
            return false;
        }
        var metadata = result.bundle().metadata();
        listener.report(Stage.DEPLOY, "Running the deploy hook: " + command);
        var builder = new ProcessBuilder(SHELL.toString(), "-c", command).redirectErrorStream(true);
        var environment = builder.environment();
        environment.put("ACME_CERTIFICATE_NAME", metadata.name());
        environment.put("ACME_CERTIFICATE_DIRECTORY", directory.toString());
        environment.put("ACME_CERTIFICATE_DOMAINS", String.join(",", metadata.names()));
        environment.put("ACME_CERTIFICATE_NOT_AFTER", metadata.notAfter().toString());
        environment.put("ACME_CERTIFICATE_SERIAL", result.bundle().serialNumber());
        Process process;
        try {
            process = builder.start();
        } catch (IOException ex) {
            throw new AcmeCertificateException("The deploy hook `" + command + "` could not start: " + ex.getMessage()
                    + ". The new certificate is stored in " + directory, ex);
        }
        var tail = new OutputTail();
        var reader = new Thread(() -> copyOutput(process, tail, listener), "acme-deploy-hook-output");
        reader.setDaemon(true);
        reader.start();
        try {
            process.getOutputStream().close();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AcmeCertificateException("The deploy hook `" + command + "` did not end within "
                        + Durations.format(timeout) + " and was stopped. The new certificate is stored in " + directory
                        + "; run the command by hand once it works, since the next run will not be due");
            }
            reader.join(1000);
        } catch (IOException ex) {
            process.destroyForcibly();
            throw new AcmeCertificateException("The deploy hook `" + command + "` failed: " + ex.getMessage(), ex);
        } catch (InterruptedException ex) {
            process.destroyForcibly();
            throw ex;
        }
        int exit = process.exitValue();
        if (exit != 0) {
            throw new AcmeCertificateException("The deploy hook `" + command + "` exited with status " + exit
                    + "; its last output: " + new CommandResult(exit, tail.text()).tail(5) + ". The new certificate "
                    + "is stored in " + directory + "; fix the command and run it by hand, since the next run will "
                    + "not be due");
        }
        listener.report(Stage.DEPLOY, "The deploy hook succeeded");
        return true;
    }

    private static void copyOutput(Process process, OutputTail tail, ProgressListener listener) {
        try (var lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                tail.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                listener.report(Stage.INFO, "[deploy hook] " + line);
            }
        } catch (IOException ex) {
            // The process was stopped; what was read is in the tail.
        }
    }
}
