package com.cloudbees.plugins.credentials;

import com.cloudbees.plugins.credentials.domains.Domain;
import edu.umd.cs.findbugs.annotations.NonNull;
import edu.umd.cs.findbugs.annotations.Nullable;
import hudson.model.ModelObject;
import hudson.security.ACL;
import hudson.security.AccessControlled;
import hudson.security.Permission;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import org.springframework.security.core.Authentication;

/** Compile-only stub of com.cloudbees.plugins.credentials.CredentialsStore, as declared in jenkinsci/credentials-plugin src/main/java. No behaviour. */
public abstract class CredentialsStore implements AccessControlled {
    public CredentialsStore(Class<? extends CredentialsProvider> providerClass) {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public CredentialsStore() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    @Nullable
    public final CredentialsProvider getProvider() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    @Nullable
    public final Set<CredentialsScope> getScopes() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    @NonNull
    public abstract ModelObject getContext();

    public boolean hasPermission2(@NonNull Authentication a, @NonNull Permission permission) {
        throw new UnsupportedOperationException("compile-only stub");
    }

    @NonNull
    public ACL getACL() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    @NonNull
    public List<Domain> getDomains() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    @NonNull
    public abstract List<Credentials> getCredentials(@NonNull Domain domain);

    public abstract boolean addCredentials(@NonNull Domain domain, @NonNull Credentials credentials)
            throws IOException;

    public abstract boolean removeCredentials(@NonNull Domain domain, @NonNull Credentials credentials)
            throws IOException;

    public abstract boolean updateCredentials(@NonNull Domain domain, @NonNull Credentials current,
            @NonNull Credentials replacement) throws IOException;

    public final String getContextDisplayName() {
        throw new UnsupportedOperationException("compile-only stub");
    }
}
