package com.cloudbees.plugins.credentials.common;

import com.cloudbees.plugins.credentials.Credentials;
import edu.umd.cs.findbugs.annotations.NonNull;

/** Compile-only stub of com.cloudbees.plugins.credentials.common.UsernameCredentials, as declared in jenkinsci/credentials-plugin src/main/java. No behaviour. */
public interface UsernameCredentials extends Credentials {
    @NonNull
    String getUsername();

    default boolean isUsernameSecret() {
        throw new UnsupportedOperationException("compile-only stub");
    }
}
