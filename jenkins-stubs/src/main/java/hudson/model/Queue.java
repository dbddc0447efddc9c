package hudson.model;

import edu.umd.cs.findbugs.annotations.NonNull;
import org.springframework.security.core.Authentication;

/** Compile-only stub of hudson.model.Queue, as declared in jenkinsci/jenkins core/src/main/java (tag jenkins-2.555.3). No behaviour. */
public class Queue {
    private Queue() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    /** Compile-only stub of hudson.model.Queue.Task; its supertypes are left out. */
    public interface Task {
        @NonNull
        default Authentication getDefaultAuthentication2() {
            throw new UnsupportedOperationException("compile-only stub");
        }
    }
}
