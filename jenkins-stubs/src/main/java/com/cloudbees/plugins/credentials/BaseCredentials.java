package com.cloudbees.plugins.credentials;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;

/** Compile-only stub of com.cloudbees.plugins.credentials.BaseCredentials, as declared in jenkinsci/credentials-plugin src/main/java. No behaviour. */
public class BaseCredentials implements Credentials {
    private static final long serialVersionUID = 1L;

    protected BaseCredentials() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public BaseCredentials(@CheckForNull CredentialsScope scope) {
        throw new UnsupportedOperationException("compile-only stub");
    }

    @CheckForNull
    @Override
    public CredentialsScope getScope() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    @NonNull
    @Override
    public CredentialsDescriptor getDescriptor() {
        throw new UnsupportedOperationException("compile-only stub");
    }
}
