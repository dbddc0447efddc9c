package hudson.model;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.security.ACL;

/** Compile-only stub of hudson.model.AbstractItem, as declared in jenkinsci/jenkins core/src/main/java (tag jenkins-2.555.3). No behaviour. */
public abstract class AbstractItem implements Item {
    @Override
    public @NonNull ItemGroup getParent() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    @Override
    public final String getFullName() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    @Override
    public final String getFullDisplayName() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    @Override
    public String getDisplayName() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    @Override
    public @NonNull ACL getACL() {
        throw new UnsupportedOperationException("compile-only stub");
    }
}
