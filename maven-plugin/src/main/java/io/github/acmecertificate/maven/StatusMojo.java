package io.github.acmecertificate.maven;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import io.github.acmecertificate.core.config.Values;
import io.github.acmecertificate.core.event.ProgressListener;
import io.github.acmecertificate.core.exception.AcmeCertificateException;
import io.github.acmecertificate.core.exception.InvalidInputException;
import io.github.acmecertificate.core.renewal.StatusReport;
import io.github.acmecertificate.core.store.FileStore;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Lists the certificates in the store with their names, CA, expiry, next renewal time and last
 * result, without contacting any CA. Fails (a non-zero exit for cron or a monitoring check)
 * when one is past its renewal time, expires within the threshold, was revoked, or its last
 * renewal failed.
 */
@Mojo(name = "status", requiresProject = false, threadSafe = true)
public class StatusMojo extends AbstractAcmeMojo {

    /**
     * Flags a certificate that expires within this ({@code P14D}, {@code 14d}, {@code 336h}); by
     * default a third of its lifetime.
     */
    @Parameter(property = "acme.status.threshold")
    private String threshold;

    @Override
    protected void run(ProgressListener listener) throws AcmeCertificateException, MojoFailureException {
        var limit = parseThreshold();
        var report = StatusReport.of(new FileStore(store.toPath()), Clock.systemUTC().instant(), limit);
        if (report.certificates().isEmpty()) {
            getLog().info("No certificates are stored in " + store);
            return;
        }
        for (var certificate : report.certificates()) {
            if (certificate.healthy()) {
                getLog().info(certificate.line());
            } else {
                getLog().warn(certificate.line());
            }
        }
        if (!report.healthy()) {
            throw new MojoFailureException(report.problems().size() + " of " + report.certificates().size()
                    + " certificates in " + store + " need attention: "
                    + String.join(", ", report.problems().stream().map(c -> c.name()).toList())
                    + ". Run acme:issue for them, or see its log for why renewal failed");
        }
        getLog().info("All " + report.certificates().size() + " certificates in " + store + " are fine");
    }

    private Optional<Duration> parseThreshold() throws InvalidInputException {
        return Optional.ofNullable(Values.duration("status.threshold", threshold));
    }
}
