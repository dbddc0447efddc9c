package hudson;

/** Compile-only stub of hudson.ExtensionPoint, as declared in jenkinsci/jenkins core/src/main/java (tag jenkins-2.555.3). No behaviour. */
public interface ExtensionPoint {
}
