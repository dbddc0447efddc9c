package com.cloudbees.plugins.credentials.common;

import edu.umd.cs.findbugs.annotations.NonNull;

/** Compile-only stub of com.cloudbees.plugins.credentials.common.StandardListBoxModel, as declared in jenkinsci/credentials-plugin src/main/java. No behaviour. */
public class StandardListBoxModel extends AbstractIdCredentialsListBoxModel<StandardListBoxModel, StandardCredentials> {
    private static final long serialVersionUID = 1L;

    @NonNull
    @Override
    protected String describe(@NonNull StandardCredentials c) {
        throw new UnsupportedOperationException("compile-only stub");
    }
}
