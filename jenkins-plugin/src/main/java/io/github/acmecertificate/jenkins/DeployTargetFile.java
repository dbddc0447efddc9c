package io.github.acmecertificate.jenkins;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.github.acmecertificate.core.deploy.CertificateFile;
import io.github.acmecertificate.core.deploy.TargetDescription.FileEntry;
import io.github.acmecertificate.jenkins.run.FormChecks;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;

/**
 * {@code targetFile(source: 'privkey.pem', path: 'example.com.key', mode: '0640', group: 'www-data')}:
 * one file a deploy target receives.
 *
 * @since 0.1.0
 */
public class DeployTargetFile implements Describable<DeployTargetFile> {

    private final String source;
    private String path;
    private String mode;
    private String owner;
    private String group;

    /**
     * Creates the file.
     *
     * @param source {@code fullchain.pem}, {@code privkey.pem}, {@code cert.pem}, {@code chain.pem},
     *               {@code keystore.p12} or {@code combined.pem}
     */
    @DataBoundConstructor
    public DeployTargetFile(String source) {
        this.source = Forms.trim(source);
    }

    /**
     * Returns which file this is.
     *
     * @return the source's name
     */
    public String getSource() {
        return source;
    }

    /**
     * Returns where it goes.
     *
     * @return the path, or {@code null} for the source's name in the directory
     */
    public String getPath() {
        return path;
    }

    /**
     * Sets where the file goes.
     *
     * @param path absolute, or relative to the target's directory
     */
    @DataBoundSetter
    public void setPath(String path) {
        this.path = Forms.trim(path);
    }

    /**
     * Returns the permissions.
     *
     * @return octal permissions, or {@code null} for the default
     */
    public String getMode() {
        return mode;
    }

    /**
     * Sets the permissions.
     *
     * @param mode octal, e.g. {@code 0640}; by default 0600 for files with the key, 0644 otherwise
     */
    @DataBoundSetter
    public void setMode(String mode) {
        this.mode = Forms.trim(mode);
    }

    /**
     * Returns the owner.
     *
     * @return a user name or id, or {@code null}
     */
    public String getOwner() {
        return owner;
    }

    /**
     * Sets the owner.
     *
     * @param owner a user name or numeric id (changing it takes root, usually)
     */
    @DataBoundSetter
    public void setOwner(String owner) {
        this.owner = Forms.trim(owner);
    }

    /**
     * Returns the group.
     *
     * @return a group name or id, or {@code null}
     */
    public String getGroup() {
        return group;
    }

    /**
     * Sets the group.
     *
     * @param group a group name or numeric id
     */
    @DataBoundSetter
    public void setGroup(String group) {
        this.group = Forms.trim(group);
    }

    /**
     * Returns the core's description of this file.
     *
     * @return the entry
     */
    public FileEntry toEntry() {
        return new FileEntry(source, path, mode, owner, group);
    }

    /** Its descriptor, with the symbol {@code targetFile}. */
    @Extension
    @Symbol("targetFile")
    public static class DescriptorImpl extends Descriptor<DeployTargetFile> {

        @NonNull
        @Override
        public String getDisplayName() {
            return "File";
        }

        /**
         * Lists the files a target can receive.
         *
         * @return every source
         */
        public ListBoxModel doFillSourceItems() {
            var model = new ListBoxModel();
            for (var file : CertificateFile.values()) {
                model.add(file.fileName());
            }
            return model;
        }

        /**
         * Checks the mode.
         *
         * @param value octal permissions
         * @return the check
         */
        public FormValidation doCheckMode(@QueryParameter String value) {
            return Forms.validation(FormChecks.mode(value));
        }
    }
}
