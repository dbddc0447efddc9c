package hudson.model.queue;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.model.Queue.Task;
import org.springframework.security.core.Authentication;

/** Compile-only stub of hudson.model.queue.Tasks, as declared in jenkinsci/jenkins core/src/main/java (tag jenkins-2.555.3). No behaviour. */
public class Tasks {
    public Tasks() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public static @NonNull Authentication getAuthenticationOf2(@NonNull Task t) {
        throw new UnsupportedOperationException("compile-only stub");
    }
}
