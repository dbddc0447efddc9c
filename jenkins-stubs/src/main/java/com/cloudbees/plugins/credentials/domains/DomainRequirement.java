package com.cloudbees.plugins.credentials.domains;

import hudson.ExtensionPoint;
import java.io.Serializable;

/** Compile-only stub of com.cloudbees.plugins.credentials.domains.DomainRequirement, as declared in jenkinsci/credentials-plugin src/main/java. No behaviour. */
public class DomainRequirement implements ExtensionPoint, Serializable {
    private static final long serialVersionUID = 1L;
}
