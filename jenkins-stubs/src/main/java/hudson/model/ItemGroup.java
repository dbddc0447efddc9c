package hudson.model;

import java.util.Collection;
import jenkins.model.FullyNamed;
import jenkins.model.FullyNamedModelObject;

/** Compile-only stub of hudson.model.ItemGroup, as declared in jenkinsci/jenkins core/src/main/java (tag jenkins-2.555.3). No behaviour. */
public interface ItemGroup<T extends Item> extends FullyNamed, FullyNamedModelObject {
    Collection<T> getItems();
}
