package io.github.acmecertificate.maven;

import java.io.File;

import io.github.acmecertificate.core.event.ProgressListener;
import io.github.acmecertificate.core.exception.AcmeCertificateException;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * What every goal shares: the store, the skip switch, settings.xml secrets, the log and
 * the mapping of errors. Goals only turn their parameters into a core call.
 */
abstract class AbstractAcmeMojo extends AbstractMojo {

    /** Skips the goal. */
    @Parameter(property = "acme.skip", defaultValue = "false")
    protected boolean skip;

    /**
     * The folder that keeps accounts and certificates. Certificates are under
     * {@code certificates/<name>/}.
     */
    @Parameter(property = "acme.store", defaultValue = "${user.home}/.acme")
    protected File store;

    /**
     * The id of a settings.xml {@code <server>} whose password protects {@code keystore.p12}.
     * Without it a password is generated per certificate and kept in {@code keystore.pass} (0600).
     */
    @Parameter(property = "acme.keystore.serverId")
    protected String keystoreServerId;

    @Parameter(defaultValue = "${settings}", readonly = true)
    protected Settings settings;

    @Parameter(defaultValue = "${project}", readonly = true, required = false)
    protected MavenProject project;

    @Component
    protected SettingsDecrypter settingsDecrypter;

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Skipping: acme.skip is set");
            return;
        }
        try {
            run(new MavenProgressListener(getLog()));
        } catch (AcmeCertificateException ex) {
            throw MojoErrors.failure(ex);
        } catch (InterruptedException ex) {
            throw MojoErrors.interrupted(ex);
        }
    }

    /**
     * Does the goal's work.
     *
     * @param listener the progress listener writing to Maven's log
     * @throws AcmeCertificateException for anything the user should act on
     * @throws MojoFailureException     for plugin-level configuration problems
     * @throws InterruptedException     if interrupted
     */
    protected abstract void run(ProgressListener listener)
            throws AcmeCertificateException, MojoFailureException, InterruptedException;

    /**
     * Returns the secrets reader over the current settings.
     *
     * @return the reader
     */
    protected SettingsSecrets secrets() {
        return new SettingsSecrets(settings, settingsDecrypter);
    }

    /**
     * Returns the configured PKCS#12 password, if a settings server provides one.
     *
     * @return the password, or {@code null} to generate one per certificate
     * @throws MojoFailureException if the server is named but missing or has no password
     */
    protected char[] keystorePassword() throws MojoFailureException {
        var server = secrets().server(keystoreServerId, "acme.keystore.serverId");
        if (server.isEmpty()) {
            return null;
        }
        var password = server.get().getPassword();
        if (password == null || password.isEmpty()) {
            throw new MojoFailureException("Invalid acme.keystore.serverId: the settings.xml server '"
                    + keystoreServerId.strip() + "' has no <password>. Put the PKCS#12 password there");
        }
        return password.toCharArray();
    }

    /**
     * Publishes a value as a project property, so later plugins in the build can use it.
     *
     * @param key   the property name
     * @param value the value
     */
    protected void exportProperty(String key, String value) {
        if (project != null && project.getFile() != null) {
            project.getProperties().setProperty(key, value);
        }
    }
}
