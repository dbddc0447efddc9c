package io.github.acmecertificate.maven;

import java.io.File;
import java.time.Duration;
import java.util.Locale;

import io.github.acmecertificate.core.account.AccountAdministration;
import io.github.acmecertificate.core.ca.CertificateAuthority;
import io.github.acmecertificate.core.event.ProgressListener;
import io.github.acmecertificate.core.exception.AcmeCertificateException;
import io.github.acmecertificate.core.exception.InvalidInputException;
import io.github.acmecertificate.core.store.FileStore;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Looks after the stored ACME account of a CA: {@code rollover} replaces its key (the stored
 * key is replaced only once the CA accepted the new one), {@code deactivate} ends the account
 * for good (the next {@code acme:issue} registers a new one).
 */
@Mojo(name = "account", requiresProject = false, threadSafe = true)
public class AccountMojo extends AbstractAcmeMojo {

    /** What to do: {@code rollover} or {@code deactivate}. */
    @Parameter(property = "acme.account.action")
    private String action;

    /** The CA whose account it is: an alias such as {@code letsencrypt}, or a directory URL. */
    @Parameter(property = "acme.server")
    private String server;

    /** A PEM file of root certificates trusted for the CA's HTTPS endpoint (private CAs). */
    @Parameter(property = "acme.serverTrust")
    private File serverTrust;

    @Override
    protected void run(ProgressListener listener)
            throws AcmeCertificateException, MojoFailureException, InterruptedException {
        var what = action == null ? "" : action.strip().toLowerCase(Locale.ROOT);
        if (!what.equals("rollover") && !what.equals("deactivate")) {
            throw new InvalidInputException("account.action", (what.isEmpty() ? "no action was given" : "'" + action
                    + "' is not an account action") + ". Use rollover (a new account key) or deactivate (end the "
                    + "account for good)");
        }
        var ca = CertificateAuthority.of(server, serverTrust == null ? null : serverTrust.toPath());
        var administration = new AccountAdministration(new FileStore(store.toPath()), Duration.ofSeconds(30));
        if (what.equals("rollover")) {
            var location = administration.rollOver(ca, listener);
            getLog().info("Account " + location + " now uses a new key");
        } else {
            var location = administration.deactivate(ca, listener);
            getLog().info("Account " + location + " is deactivated");
        }
    }
}
