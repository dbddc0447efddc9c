package com.cloudbees.plugins.credentials;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import edu.umd.cs.findbugs.annotations.Nullable;
import hudson.ExtensionPoint;
import hudson.model.Describable;
import hudson.model.Descriptor;
import com.cloudbees.plugins.credentials.common.IdCredentials;
import com.cloudbees.plugins.credentials.domains.DomainRequirement;
import hudson.model.Item;
import hudson.model.ItemGroup;
import hudson.model.ModelObject;
import hudson.model.Run;
import hudson.security.Permission;
import java.util.List;
import org.springframework.security.core.Authentication;

/** Compile-only stub of com.cloudbees.plugins.credentials.CredentialsProvider, as declared in jenkinsci/credentials-plugin src/main/java. No behaviour. */
public abstract class CredentialsProvider extends Descriptor<CredentialsProvider>
        implements ExtensionPoint, Describable<CredentialsProvider> {
    public static final Permission CREATE = io.github.acmecertificate.jenkins.stubs.StubValues.value();
    public static final Permission UPDATE = io.github.acmecertificate.jenkins.stubs.StubValues.value();
    public static final Permission VIEW = io.github.acmecertificate.jenkins.stubs.StubValues.value();
    public static final Permission DELETE = io.github.acmecertificate.jenkins.stubs.StubValues.value();
    public static final Permission USE_ITEM = io.github.acmecertificate.jenkins.stubs.StubValues.value();

    protected CredentialsProvider() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public static Iterable<CredentialsStore> lookupStores(final ModelObject context) {
        throw new UnsupportedOperationException("compile-only stub");
    }

    @NonNull
    public static <C extends Credentials> List<C> lookupCredentialsInItemGroup(@NonNull Class<C> type,
            @Nullable ItemGroup itemGroup, @Nullable Authentication authentication) {
        throw new UnsupportedOperationException("compile-only stub");
    }

    @CheckForNull
    public static <C extends IdCredentials> C findCredentialById(@NonNull String id, @NonNull Class<C> type,
            @NonNull Run<?, ?> run) {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public static <C extends IdCredentials> C findCredentialById(@NonNull String id, @NonNull Class<C> type,
            @NonNull Run<?, ?> run, DomainRequirement... domainRequirements) {
        throw new UnsupportedOperationException("compile-only stub");
    }

    @CheckForNull
    public static <C extends IdCredentials> C findCredentialById(@NonNull String id, @NonNull Class<C> type,
            @NonNull Run<?, ?> run, @Nullable List<DomainRequirement> domainRequirements) {
        throw new UnsupportedOperationException("compile-only stub");
    }

    @CheckForNull
    public static <C extends IdCredentials> C findCredentialByIdInItem(@NonNull String id, @NonNull Class<C> type,
            @Nullable Item item, @Nullable Authentication authentication,
            @Nullable List<DomainRequirement> domainRequirements) {
        throw new UnsupportedOperationException("compile-only stub");
    }

    @CheckForNull
    public static <C extends IdCredentials> C findCredentialByIdInItemGroup(@NonNull String id,
            @NonNull Class<C> type, @Nullable ItemGroup<?> itemGroup, @Nullable Authentication authentication,
            @Nullable List<DomainRequirement> domainRequirements) {
        throw new UnsupportedOperationException("compile-only stub");
    }

    @CheckForNull
    public static <C extends Credentials> C track(@NonNull Run build, @CheckForNull C credentials) {
        throw new UnsupportedOperationException("compile-only stub");
    }

    @CheckForNull
    public static <C extends Credentials> C track(@NonNull Item item, @CheckForNull C credentials) {
        throw new UnsupportedOperationException("compile-only stub");
    }
}
