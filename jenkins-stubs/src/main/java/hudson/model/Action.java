package hudson.model;

import edu.umd.cs.findbugs.annotations.CheckForNull;

/** Compile-only stub of hudson.model.Action, as declared in jenkinsci/jenkins core/src/main/java (tag jenkins-2.555.3). No behaviour. */
public interface Action extends ModelObject {
    @CheckForNull String getIconFileName();

    @Override
    @CheckForNull String getDisplayName();

    @CheckForNull default String getUrlName() {
        throw new UnsupportedOperationException("compile-only stub");
    }
}
