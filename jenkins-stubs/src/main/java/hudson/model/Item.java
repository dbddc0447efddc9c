package hudson.model;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.security.AccessControlled;
import hudson.security.Permission;
import jenkins.model.FullyNamed;
import jenkins.model.FullyNamedModelObject;

/** Compile-only stub of hudson.model.Item, as declared in jenkinsci/jenkins core/src/main/java (tag jenkins-2.555.3). No behaviour. */
public interface Item extends FullyNamedModelObject, FullyNamed, AccessControlled {
    ItemGroup<? extends Item> getParent();

    @NonNull
    @Override
    String getFullName();

    @Override
    String getDisplayName();

    @Override
    String getFullDisplayName();

    Permission CONFIGURE = io.github.acmecertificate.jenkins.stubs.StubValues.value();
    Permission EXTENDED_READ = io.github.acmecertificate.jenkins.stubs.StubValues.value();
}
