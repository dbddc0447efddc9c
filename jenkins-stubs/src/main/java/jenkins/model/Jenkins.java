package jenkins.model;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.model.Item;
import hudson.model.ItemGroup;
import hudson.model.TopLevelItem;
import hudson.security.ACL;
import hudson.security.AccessControlled;
import hudson.security.Permission;
import java.io.File;
import java.util.List;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;

/** Compile-only stub of jenkins.model.Jenkins, as declared in jenkinsci/jenkins core/src/main/java (tag jenkins-2.555.3). No behaviour. */
public class Jenkins implements ItemGroup<TopLevelItem>, AccessControlled {
    public static final Permission ADMINISTER = io.github.acmecertificate.jenkins.stubs.StubValues.value();
    public static final Permission MANAGE = io.github.acmecertificate.jenkins.stubs.StubValues.value();

    protected Jenkins() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    @NonNull
    public static Jenkins get() throws IllegalStateException {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public static @NonNull Authentication getAuthentication2() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public File getRootDir() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public @CheckForNull <T extends Item> T getItemByFullName(@NonNull String fullName, Class<T> type)
            throws AccessDeniedException {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public @CheckForNull Item getItemByFullName(String fullName) {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public Descriptor getDescriptorOrDie(Class<? extends Describable> type) {
        throw new UnsupportedOperationException("compile-only stub");
    }

    @Override
    public List<TopLevelItem> getItems() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    @Override
    public String getFullName() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    @Override
    public String getFullDisplayName() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    @Override
    public String getDisplayName() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    @Override
    public @NonNull ACL getACL() {
        throw new UnsupportedOperationException("compile-only stub");
    }
}
