package hudson.model;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.ExtensionPoint;
import hudson.security.Permission;

/** Compile-only stub of hudson.model.ManagementLink, as declared in jenkinsci/jenkins core/src/main/java (tag jenkins-2.555.3). No behaviour. */
public abstract class ManagementLink implements ExtensionPoint, Action {
    @Override
    public abstract @CheckForNull String getIconFileName();

    public String getDescription() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    @Override
    public abstract @CheckForNull String getUrlName();

    public @NonNull Permission getRequiredPermission() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public boolean getRequiresPOST() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public @NonNull Category getCategory() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public enum Category {
        CONFIGURATION,
        SECURITY,
        STATUS,
        TROUBLESHOOTING,
        TOOLS,
        MISC,
        UNCATEGORIZED;

        public @NonNull String getLabel() {
            throw new UnsupportedOperationException("compile-only stub");
        }
    }
}
