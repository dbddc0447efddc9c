package com.cloudbees.plugins.credentials;

import hudson.model.Descriptor;

/** Compile-only stub of com.cloudbees.plugins.credentials.CredentialsDescriptor, as declared in jenkinsci/credentials-plugin src/main/java. No behaviour. */
public abstract class CredentialsDescriptor extends Descriptor<Credentials> {
    protected CredentialsDescriptor() {
        throw new UnsupportedOperationException("compile-only stub");
    }
}
