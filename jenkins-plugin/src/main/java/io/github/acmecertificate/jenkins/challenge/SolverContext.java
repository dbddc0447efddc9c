package io.github.acmecertificate.jenkins.challenge;

import java.util.Objects;

import io.github.acmecertificate.jenkins.credentials.CredentialLookup;
import io.github.acmecertificate.jenkins.ssh.KnownHostsFiles;

/**
 * What a challenge needs from the run to build its solver: the credentials the build may use
 * (a DNS provider's token, an SSH key), a place for known_hosts lines, and the class loader
 * that sees the DNS providers (the plugin's own, which holds the provider artifacts it bundles).
 *
 * @param credentials the credentials, looked up as the build would
 * @param knownHosts  temporary known_hosts files for the run
 * @param providers   the class loader searched for DNS providers
 * @since 0.1.0
 */
public record SolverContext(CredentialLookup credentials, KnownHostsFiles knownHosts, ClassLoader providers) {

    /**
     * Creates a context.
     *
     * @param credentials the credentials
     * @param knownHosts  the known_hosts files
     * @param providers   the class loader for DNS providers
     */
    public SolverContext {
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(knownHosts, "knownHosts");
        Objects.requireNonNull(providers, "providers");
    }

    /**
     * Creates a context that finds the DNS providers this plugin bundles.
     *
     * @param credentials the credentials
     * @param knownHosts  the known_hosts files
     * @return the context
     */
    public static SolverContext of(CredentialLookup credentials, KnownHostsFiles knownHosts) {
        return new SolverContext(credentials, knownHosts, SolverContext.class.getClassLoader());
    }
}
