package io.github.acmecertificate.core.challenge.dns.exec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.acmecertificate.core.challenge.dns.DnsProvider;
import io.github.acmecertificate.core.challenge.dns.TxtRecord;
import io.github.acmecertificate.core.event.ProgressListener;
import io.github.acmecertificate.core.exception.AcmeCertificateException;

/**
 * Runs the user's program once per record: {@code command present <name> <value>} to add,
 * {@code command cleanup <name> <value>} to remove, the way lego's {@code exec} provider
 * does. The name is fully qualified with a trailing dot and already follows any
 * {@code _acme-challenge} CNAME.
 *
 * <p>The program inherits the build's environment, plus {@code ACME_DNS_SECRET} (the
 * {@code secret} option, when set), {@code ACME_DNS_ZONE} (the zone found in DNS, when
 * known), {@code ACME_DNS_CHALLENGE_NAME} (the name the CA asks), and
 * {@code ACME_DNS_NAME} and {@code ACME_DNS_VALUE} (the record, as in the arguments: a
 * value may start with {@code -}, which option parsers misread). A non-zero exit status
 * fails the step; its last lines of output go into the message, with the secret removed.
 *
 * @since 0.1.0
 */
public final class ExecProvider implements DnsProvider {

    /** The environment variable that carries the {@code secret} option. */
    public static final String SECRET_VARIABLE = "ACME_DNS_SECRET";
    /** The environment variable that carries the zone, when known. */
    public static final String ZONE_VARIABLE = "ACME_DNS_ZONE";
    /** The environment variable that carries the name the CA asks. */
    public static final String CHALLENGE_NAME_VARIABLE = "ACME_DNS_CHALLENGE_NAME";
    /**
     * The environment variable that carries the record's name, as the second argument does.
     *
     * @since 0.1.0
     */
    public static final String NAME_VARIABLE = "ACME_DNS_NAME";
    /**
     * The environment variable that carries the TXT value, as the third argument does. About
     * one value in 64 starts with {@code -}, which a program that parses options with getopt
     * or argparse takes for an option; reading the value here avoids that.
     *
     * @since 0.1.0
     */
    public static final String VALUE_VARIABLE = "ACME_DNS_VALUE";

    private static final int OUTPUT_LIMIT = 64 * 1024;
    private static final int TAIL_LINES = 10;

    private final Path command;
    private final String secret;
    private final Duration timeout;
    private final List<String> secrets;

    ExecProvider(Path command, String secret, Duration timeout, List<String> secrets) {
        this.command = command;
        this.secret = secret;
        this.timeout = timeout;
        this.secrets = List.copyOf(secrets);
    }

    @Override
    public String describe() {
        return ExecProviderFactory.NAME + " (" + command + ")";
    }

    @Override
    public void addTxtRecord(TxtRecord record, ProgressListener listener) throws AcmeCertificateException {
        run("present", record);
    }

    @Override
    public void removeTxtRecord(TxtRecord record, ProgressListener listener) throws AcmeCertificateException {
        run("cleanup", record);
    }

    private void run(String action, TxtRecord record) throws AcmeCertificateException {
        var builder = new ProcessBuilder(command.toString(), action, record.name(), record.value());
        builder.redirectErrorStream(true);
        var environment = builder.environment();
        environment.remove(SECRET_VARIABLE);
        environment.remove(ZONE_VARIABLE);
        if (secret != null) {
            environment.put(SECRET_VARIABLE, secret);
        }
        record.zone().ifPresent(zone -> environment.put(ZONE_VARIABLE, zone));
        environment.put(CHALLENGE_NAME_VARIABLE, record.challengeName());
        environment.put(NAME_VARIABLE, record.name());
        environment.put(VALUE_VARIABLE, record.value());
        var call = command + " " + action + " " + record.name();
        Process process;
        try {
            process = builder.start();
        } catch (IOException ex) {
            throw new AcmeCertificateException("Cannot run " + call + ": " + redact(ex.getMessage())
                    + ". Set dns.command to the path of an executable program");
        }
        var output = new ByteArrayOutputStream();
        var reader = new Thread(() -> drain(process.getInputStream(), output), "acme-dns-exec-output");
        reader.setDaemon(true);
        reader.start();
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new AcmeCertificateException("Stopped " + call + " after " + timeout.toSeconds() + " s without "
                        + "an exit (dns.timeout)" + tail(output, reader));
            }
            int status = process.exitValue();
            if (status != 0) {
                throw new AcmeCertificateException(call + " failed with exit status " + status + tail(output, reader));
            }
            reader.join(1000);
        } catch (InterruptedException ex) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new AcmeCertificateException("Interrupted while running " + call);
        }
    }

    private static void drain(InputStream in, ByteArrayOutputStream out) {
        var buffer = new byte[4096];
        try (in) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                synchronized (out) {
                    if (out.size() < OUTPUT_LIMIT) {
                        out.write(buffer, 0, Math.min(n, OUTPUT_LIMIT - out.size()));
                    }
                }
            }
        } catch (IOException ex) {
            // The program closed its output: nothing more to read.
        }
    }

    private String tail(ByteArrayOutputStream output, Thread reader) throws InterruptedException {
        reader.join(1000);
        String text;
        synchronized (output) {
            text = output.toString(StandardCharsets.UTF_8);
        }
        var lines = text.strip().lines().toList();
        if (lines.isEmpty()) {
            return " and no output";
        }
        var last = lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size());
        return ". Its last output:\n" + redact(String.join("\n", last));
    }

    private String redact(String text) {
        var result = String.valueOf(text);
        for (var value : secrets) {
            if (value != null && !value.isEmpty()) {
                result = result.replace(value, "****");
            }
        }
        return result;
    }
}
