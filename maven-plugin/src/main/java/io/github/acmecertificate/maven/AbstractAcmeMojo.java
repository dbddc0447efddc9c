package io.github.acmecertificate.maven;

import java.io.File;
import java.util.List;

import io.github.acmecertificate.core.CertificateDescription;
import io.github.acmecertificate.core.config.Values;
import io.github.acmecertificate.core.event.ProgressListener;
import io.github.acmecertificate.core.exception.AcmeCertificateException;
import org.apache.maven.execution.MavenSession;
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

    /** Skips the goal ({@code true} or {@code false}). */
    @Parameter(property = "acme.skip", defaultValue = "false")
    protected String skip;

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

    /**
     * The servers (or local folders) the certificate is deployed to:
     * {@code <targets><target><type>sftp</type><host>...</host>...</target></targets>}.
     */
    @Parameter
    protected List<Target> targets;

    /** How many targets are deployed at once (1 to 32). */
    @Parameter(property = "acme.deploy.parallelism", defaultValue = "4")
    protected String deployParallelism;

    /** Writes every target, even those that already hold the certificate ({@code true} or {@code false}). */
    @Parameter(property = "acme.deploy.force", defaultValue = "false")
    protected String deployForce;

    /** How long a target's reload command may run: {@code PT2M}, {@code 2m} or {@code 120} (seconds). */
    @Parameter(property = "acme.deploy.commandTimeout", defaultValue = "PT2M")
    protected String deployCommandTimeout;

    /** How long the TLS check waits for a server to serve the new certificate: {@code PT30S}, {@code 30s} or {@code 30}. */
    @Parameter(property = "acme.deploy.verifyTimeout", defaultValue = "PT30S")
    protected String deployVerifyTimeout;

    @Parameter(defaultValue = "${settings}", readonly = true)
    protected Settings settings;

    @Parameter(defaultValue = "${project}", readonly = true, required = false)
    protected MavenProject project;

    @Parameter(defaultValue = "${session}", readonly = true, required = false)
    protected MavenSession session;

    @Component
    protected SettingsDecrypter settingsDecrypter;

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        try {
            if (Values.bool("skip", skip, false)) {
                getLog().info("Skipping: acme.skip is set");
                return;
            }
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
     * Describes the configured deploy targets and options as the core does; nothing is read
     * or checked yet.
     *
     * @return a description holding the targets and the deploy options
     */
    protected CertificateDescription.Builder deployment() {
        return CertificateDescription.builder().targets(Deployments.describe(targets))
                .deployParallelism(deployParallelism).deployForce(deployForce)
                .deployCommandTimeout(deployCommandTimeout).deployVerifyTimeout(deployVerifyTimeout);
    }

    /**
     * Reads a user property the way Maven reads parameters: the command line's {@code -D}, then
     * system properties, then the project's {@code <properties>}. Options that the core declares
     * (the dns-01 options) are read this way, so the plugin does not declare them a second time.
     *
     * @param name the property, e.g. {@code acme.dns.propagationTimeout}
     * @return the value, or {@code null}
     */
    protected String userProperty(String name) {
        if (session != null && session.getUserProperties().getProperty(name) != null) {
            return session.getUserProperties().getProperty(name);
        }
        if (System.getProperty(name) != null) {
            return System.getProperty(name);
        }
        return project == null ? null : project.getProperties().getProperty(name);
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
