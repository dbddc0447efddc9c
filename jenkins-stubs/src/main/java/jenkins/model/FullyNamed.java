package jenkins.model;

import edu.umd.cs.findbugs.annotations.NonNull;

/** Compile-only stub of jenkins.model.FullyNamed, as declared in jenkinsci/jenkins core/src/main/java (tag jenkins-2.555.3). No behaviour. */
public interface FullyNamed {
    @NonNull
    String getFullName();
}
