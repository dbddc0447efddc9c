package com.cloudbees.plugins.credentials.common;

import edu.umd.cs.findbugs.annotations.NonNull;

/** Compile-only stub of com.cloudbees.plugins.credentials.common.StandardCredentials, as declared in jenkinsci/credentials-plugin src/main/java. No behaviour. */
public interface StandardCredentials extends IdCredentials {
    @NonNull
    String getDescription();
}
