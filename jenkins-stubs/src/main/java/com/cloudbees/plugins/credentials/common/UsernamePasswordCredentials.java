package com.cloudbees.plugins.credentials.common;

/** Compile-only stub of com.cloudbees.plugins.credentials.common.UsernamePasswordCredentials, as declared in jenkinsci/credentials-plugin src/main/java. No behaviour. */
public interface UsernamePasswordCredentials extends UsernameCredentials, PasswordCredentials {
}
