package com.cloudbees.plugins.credentials.domains;

import hudson.ExtensionPoint;

/** Compile-only stub of com.cloudbees.plugins.credentials.domains.DomainSpecification, as declared in jenkinsci/credentials-plugin src/main/java. No behaviour. */
public abstract class DomainSpecification implements ExtensionPoint {
    public DomainSpecification() {
        throw new UnsupportedOperationException("compile-only stub");
    }
}
