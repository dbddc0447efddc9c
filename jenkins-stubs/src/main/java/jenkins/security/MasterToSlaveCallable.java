package jenkins.security;

import hudson.remoting.Callable;

/** Compile-only stub of jenkins.security.MasterToSlaveCallable, as declared in jenkinsci/jenkins core/src/main/java (tag jenkins-2.555.3). No behaviour. */
public abstract class MasterToSlaveCallable<V, T extends Throwable> implements Callable<V, T> {
    private static final long serialVersionUID = 1L;

    public MasterToSlaveCallable() {
        throw new UnsupportedOperationException("compile-only stub");
    }
}
