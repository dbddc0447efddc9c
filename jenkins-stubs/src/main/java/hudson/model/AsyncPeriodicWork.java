package hudson.model;

import java.io.IOException;

/** Compile-only stub of hudson.model.AsyncPeriodicWork, as declared in jenkinsci/jenkins core/src/main/java (tag jenkins-2.555.3). No behaviour. */
public abstract class AsyncPeriodicWork extends PeriodicWork {
    public final String name = io.github.acmecertificate.jenkins.stubs.StubValues.value();

    protected AsyncPeriodicWork(String name) {
        throw new UnsupportedOperationException("compile-only stub");
    }

    protected abstract void execute(TaskListener listener) throws IOException, InterruptedException;
}
