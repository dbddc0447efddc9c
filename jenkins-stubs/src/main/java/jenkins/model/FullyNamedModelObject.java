package jenkins.model;

import hudson.model.ModelObject;

/** Compile-only stub of jenkins.model.FullyNamedModelObject, as declared in jenkinsci/jenkins core/src/main/java (tag jenkins-2.555.3). No behaviour. */
public interface FullyNamedModelObject extends ModelObject {
    String getFullDisplayName();
}
