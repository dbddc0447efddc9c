package io.github.acmecertificate.maven;

import java.io.File;
import java.time.Clock;

import io.github.acmecertificate.core.ca.CertificateAuthority;
import io.github.acmecertificate.core.event.ProgressListener;
import io.github.acmecertificate.core.exception.AcmeCertificateException;
import io.github.acmecertificate.core.exception.InvalidInputException;
import io.github.acmecertificate.core.order.CertificateRevoker;
import io.github.acmecertificate.core.order.CertificateRevoker.SigningKey;
import io.github.acmecertificate.core.order.RevocationReason;
import io.github.acmecertificate.core.store.FileStore;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Revokes a stored certificate at the CA that issued it, signed with the account key or the
 * certificate's own key, and records the revocation in the store; the next {@code acme:issue}
 * then replaces it. Revocation cannot be undone.
 */
@Mojo(name = "revoke", requiresProject = false, threadSafe = true)
public class RevokeMojo extends AbstractAcmeMojo {

    /** The name of the stored certificate to revoke. */
    @Parameter(property = "acme.name")
    private String name;

    /**
     * Why: {@code unspecified}, {@code keyCompromise}, {@code affiliationChanged},
     * {@code superseded} or {@code cessationOfOperation} (or the RFC 5280 code).
     */
    @Parameter(property = "acme.revoke.reason", defaultValue = "unspecified")
    private String reason;

    /** Which key signs the request: {@code account}, or {@code certificate} when the account is lost. */
    @Parameter(property = "acme.revoke.with", defaultValue = "account")
    private String revokeWith;

    /** The CA that issued it; by default the one recorded with the certificate. */
    @Parameter(property = "acme.server")
    private String server;

    /** A PEM file of root certificates trusted for the CA's HTTPS endpoint (private CAs). */
    @Parameter(property = "acme.serverTrust")
    private File serverTrust;

    @Override
    protected void run(ProgressListener listener)
            throws AcmeCertificateException, MojoFailureException, InterruptedException {
        if (name == null || name.isBlank()) {
            throw new InvalidInputException("name", "say which stored certificate to revoke: set acme.name");
        }
        var why = RevocationReason.parse(reason);
        var key = SigningKey.parse(revokeWith);
        var fileStore = new FileStore(store.toPath());
        CertificateAuthority ca = null;
        if (server != null && !server.isBlank() || serverTrust != null) {
            var issuer = server != null && !server.isBlank() ? server
                    : fileStore.load(name.strip()).map(b -> b.metadata().ca()).orElse(null);
            ca = CertificateAuthority.of(issuer, serverTrust == null ? null : serverTrust.toPath());
        }
        new CertificateRevoker(fileStore, fileStore, Clock.systemUTC()).revoke(name.strip(), ca, why, key, listener);
        getLog().info("Certificate " + name.strip() + " is revoked (" + why.id() + "). Run acme:issue to replace it");
    }
}
