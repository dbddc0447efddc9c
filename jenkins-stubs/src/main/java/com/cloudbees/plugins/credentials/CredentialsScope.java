package com.cloudbees.plugins.credentials;

import java.io.Serializable;

/** Compile-only stub of com.cloudbees.plugins.credentials.CredentialsScope, as declared in jenkinsci/credentials-plugin src/main/java. No behaviour. */
public enum CredentialsScope implements Serializable {
    SYSTEM,
    GLOBAL,
    USER;

    public String getDisplayName() {
        throw new UnsupportedOperationException("compile-only stub");
    }
}
