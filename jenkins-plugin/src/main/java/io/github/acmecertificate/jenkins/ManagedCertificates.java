package io.github.acmecertificate.jenkins;

import io.github.acmecertificate.jenkins.managed.ManagedCertificateRegistry;
import jenkins.model.Jenkins;

/** Where the managed-certificate records live: {@code $JENKINS_HOME/acme-certificate/managed/}. */
final class ManagedCertificates {

    private ManagedCertificates() {
    }

    static ManagedCertificateRegistry registry() {
        return new ManagedCertificateRegistry(Jenkins.get().getRootDir().toPath().resolve("acme-certificate")
                .resolve("managed"));
    }
}
