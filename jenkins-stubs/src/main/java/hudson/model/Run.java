package hudson.model;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.ExtensionPoint;
import hudson.security.ACL;
import hudson.security.AccessControlled;
import java.io.File;

/** Compile-only stub of hudson.model.Run, as declared in jenkinsci/jenkins core/src/main/java (tag jenkins-2.555.3). No behaviour. */
public abstract class Run<JobT extends Job<JobT, RunT>, RunT extends Run<JobT, RunT>>
        implements ExtensionPoint, Comparable<RunT>, AccessControlled {
    public @NonNull JobT getParent() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public String getFullDisplayName() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public String getDisplayName() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public @NonNull File getRootDir() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public @NonNull String getExternalizableId() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    @Override
    public int compareTo(@NonNull RunT that) {
        throw new UnsupportedOperationException("compile-only stub");
    }

    @Override
    public @NonNull ACL getACL() {
        throw new UnsupportedOperationException("compile-only stub");
    }
}
