package hudson.model;

import hudson.ExtensionPoint;

/** Compile-only stub of hudson.model.AdministrativeMonitor, as declared in jenkinsci/jenkins core/src/main/java (tag jenkins-2.555.3). No behaviour. */
public abstract class AdministrativeMonitor implements ExtensionPoint {
    public final String id = io.github.acmecertificate.jenkins.stubs.StubValues.value();

    protected AdministrativeMonitor(String id) {
        throw new UnsupportedOperationException("compile-only stub");
    }

    protected AdministrativeMonitor() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public String getDisplayName() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public boolean isEnabled() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public abstract boolean isActivated();
}
