package com.cloudbees.plugins.credentials.common;

import com.cloudbees.plugins.credentials.Credentials;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.util.Secret;

/** Compile-only stub of com.cloudbees.plugins.credentials.common.PasswordCredentials, as declared in jenkinsci/credentials-plugin src/main/java. No behaviour. */
public interface PasswordCredentials extends Credentials {
    @NonNull
    Secret getPassword();
}
