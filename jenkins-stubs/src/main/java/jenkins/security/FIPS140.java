package jenkins.security;

/** Compile-only stub of jenkins.security.FIPS140, as declared in jenkinsci/jenkins core/src/main/java (tag jenkins-2.555.3). No behaviour. */
public class FIPS140 {
    public static boolean useCompliantAlgorithms() {
        throw new UnsupportedOperationException("compile-only stub");
    }
}
