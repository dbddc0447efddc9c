package hudson.model;

/** Compile-only stub of hudson.model.ModelObject, as declared in jenkinsci/jenkins core/src/main/java (tag jenkins-2.555.3). No behaviour. */
public interface ModelObject {
    String getDisplayName();
}
