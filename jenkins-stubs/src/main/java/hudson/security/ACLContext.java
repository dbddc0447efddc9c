package hudson.security;

/** Compile-only stub of hudson.security.ACLContext, as declared in jenkinsci/jenkins core/src/main/java (tag jenkins-2.555.3). No behaviour. */
public class ACLContext implements AutoCloseable {
    ACLContext() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    @Override
    public void close() {
        throw new UnsupportedOperationException("compile-only stub");
    }
}
