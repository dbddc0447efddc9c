package com.cloudbees.plugins.credentials.domains;

/** Compile-only stub of com.cloudbees.plugins.credentials.domains.DomainSpecification, as declared in jenkinsci/credentials-plugin src/main/java. No behaviour. */
public abstract class DomainSpecification {
}
