package hudson.security;

import edu.umd.cs.findbugs.annotations.NonNull;
import org.springframework.security.core.Authentication;

/** Compile-only stub of hudson.security.ACL, as declared in jenkinsci/jenkins core/src/main/java (tag jenkins-2.555.3). No behaviour. */
public abstract class ACL {
    public static final Authentication SYSTEM2 = io.github.acmecertificate.jenkins.stubs.StubValues.value();

    @NonNull
    public static ACLContext as2(@NonNull Authentication auth) {
        throw new UnsupportedOperationException("compile-only stub");
    }
}
