package hudson.security;

/** Compile-only stub of hudson.security.Permission, as declared in jenkinsci/jenkins core/src/main/java (tag jenkins-2.555.3). No behaviour. */
public final class Permission {
    private Permission() {
        throw new UnsupportedOperationException("compile-only stub");
    }
}
