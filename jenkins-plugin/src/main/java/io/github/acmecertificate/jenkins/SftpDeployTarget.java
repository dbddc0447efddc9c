package io.github.acmecertificate.jenkins;

import java.util.ArrayList;
import java.util.List;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.util.FormValidation;
import io.github.acmecertificate.core.deploy.DeployTargets;
import io.github.acmecertificate.core.deploy.TargetDescription;
import io.github.acmecertificate.jenkins.run.FormChecks;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;

/**
 * {@code sftp(name: 'web1', host: 'web1.example.com', credentialsId: 'web-deploy-ssh', hostKeyFingerprint: 'SHA256:...',
 * directory: '/etc/nginx/tls', files: [targetFile(source: 'fullchain.pem'), targetFile(source: 'privkey.pem')],
 * reloadCommand: 'sudo systemctl reload nginx', verifyTls: 'web1.example.com:443')}: a server the
 * certificate is deployed to over SFTP from the controller, each file written atomically, then
 * reloaded and checked.
 *
 * @since 0.1.0
 */
public class SftpDeployTarget extends SftpServer implements AcmeDeployTarget {

    private String name;
    private String directory;
    private List<DeployTargetFile> files = new ArrayList<>();
    private String reloadCommand;
    private String verifyTls;
    private String tlsServerName;

    /**
     * Creates the target.
     *
     * @param host          the SSH server
     * @param credentialsId an SSH Username with private key (or Username with password) credential
     */
    @DataBoundConstructor
    public SftpDeployTarget(String host, String credentialsId) {
        super(host, credentialsId);
    }

    /**
     * Returns the name.
     *
     * @return the name, or {@code null} for {@code user@host:port}
     */
    public String getName() {
        return name;
    }

    /**
     * Names the target in the log, in errors and in the step's result.
     *
     * @param name a short name, distinct among the targets
     */
    @DataBoundSetter
    public void setName(String name) {
        this.name = Forms.trim(name);
    }

    /**
     * Returns the folder relative paths are in.
     *
     * @return an absolute path on the server, or {@code null}
     */
    public String getDirectory() {
        return directory;
    }

    /**
     * Sets the folder that relative file paths are in.
     *
     * @param directory an absolute path on the server; it must exist
     */
    @DataBoundSetter
    public void setDirectory(String directory) {
        this.directory = Forms.trim(directory);
    }

    /**
     * Returns the files.
     *
     * @return the files, possibly none
     */
    public List<DeployTargetFile> getFiles() {
        return files == null ? List.of() : List.copyOf(files);
    }

    /**
     * Sets what goes where. Without files, {@code fullchain.pem} and {@code privkey.pem} go
     * into the directory.
     *
     * @param files the files
     */
    @DataBoundSetter
    public void setFiles(List<DeployTargetFile> files) {
        this.files = files == null ? new ArrayList<>() : new ArrayList<>(files);
    }

    /**
     * Returns the reload command.
     *
     * @return the command, or {@code null}
     */
    public String getReloadCommand() {
        return reloadCommand;
    }

    /**
     * Sets the command run over SSH once the files are in place; a non-zero exit puts the
     * previous files back.
     *
     * @param reloadCommand e.g. {@code sudo nginx -t && sudo systemctl reload nginx}
     */
    @DataBoundSetter
    public void setReloadCommand(String reloadCommand) {
        this.reloadCommand = Forms.trim(reloadCommand);
    }

    /**
     * Returns where the TLS check connects.
     *
     * @return {@code host:port}, a port, or {@code null}
     */
    public String getVerifyTls() {
        return verifyTls;
    }

    /**
     * Checks, after deploying, that this address serves the new certificate.
     *
     * @param verifyTls {@code host:port}, or a port alone for the SSH host
     */
    @DataBoundSetter
    public void setVerifyTls(String verifyTls) {
        this.verifyTls = Forms.trim(verifyTls);
    }

    /**
     * Returns the name the TLS check sends.
     *
     * @return a DNS name, or {@code null} for the certificate's first name
     */
    public String getTlsServerName() {
        return tlsServerName;
    }

    /**
     * Sets the server name (SNI) the TLS check sends.
     *
     * @param tlsServerName a DNS name
     */
    @DataBoundSetter
    public void setTlsServerName(String tlsServerName) {
        this.tlsServerName = Forms.trim(tlsServerName);
    }

    @Override
    public TargetDescription toDescription() {
        var declared = new ArrayList<>(DeployTargets.COMMON_OPTIONS);
        declared.addAll(DeployTargets.SSH_OPTIONS);
        return new TargetDescription("sftp", Forms.options(this, declared),
                getFiles().stream().map(DeployTargetFile::toEntry).toList());
    }

    /** Its descriptor, with the symbol {@code sftp}. */
    @Extension
    @Symbol("sftp")
    public static class DescriptorImpl extends SftpServerDescriptor<AcmeDeployTarget> {

        @NonNull
        @Override
        public String getDisplayName() {
            return "A server reached over SSH (SFTP)";
        }

        /**
         * Checks the directory.
         *
         * @param value the directory
         * @return the check
         */
        public FormValidation doCheckDirectory(@QueryParameter String value) {
            return Forms.validation(FormChecks.absolutePath(value, false, ""));
        }

        /**
         * Checks the TLS address.
         *
         * @param value {@code host:port} or a port
         * @param host  the SSH host, for a bare port
         * @return the check
         */
        public FormValidation doCheckVerifyTls(@QueryParameter String value, @QueryParameter String host) {
            return Forms.validation(FormChecks.verifyTls(value, host));
        }
    }
}
