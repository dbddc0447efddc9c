package com.cloudbees.plugins.credentials.impl;

import com.cloudbees.plugins.credentials.BaseCredentials;
import com.cloudbees.plugins.credentials.CredentialsDescriptor;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;

/** Compile-only stub of com.cloudbees.plugins.credentials.impl.BaseStandardCredentials, as declared in jenkinsci/credentials-plugin src/main/java. No behaviour. */
public abstract class BaseStandardCredentials extends BaseCredentials implements StandardCredentials {
    private static final long serialVersionUID = 1L;

    public BaseStandardCredentials(@CheckForNull String id, @CheckForNull String description) {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public BaseStandardCredentials(@CheckForNull CredentialsScope scope, @CheckForNull String id,
            @CheckForNull String description) {
        throw new UnsupportedOperationException("compile-only stub");
    }

    @NonNull
    @Override
    public String getDescription() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    @NonNull
    @Override
    public String getId() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    protected abstract static class BaseStandardCredentialsDescriptor extends CredentialsDescriptor {
    }
}
