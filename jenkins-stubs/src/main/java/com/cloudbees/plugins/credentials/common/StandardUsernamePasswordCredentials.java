package com.cloudbees.plugins.credentials.common;

/** Compile-only stub of com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials, as declared in jenkinsci/credentials-plugin src/main/java. No behaviour. */
public interface StandardUsernamePasswordCredentials extends StandardUsernameCredentials, UsernamePasswordCredentials {
}
