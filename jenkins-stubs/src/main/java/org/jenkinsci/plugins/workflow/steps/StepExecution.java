package org.jenkinsci.plugins.workflow.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import java.io.Serializable;

/** Compile-only stub of org.jenkinsci.plugins.workflow.steps.StepExecution, as declared in jenkinsci/workflow-step-api-plugin src/main/java. No behaviour. */
public abstract class StepExecution implements Serializable {
    private static final long serialVersionUID = 1L;

    protected StepExecution() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    protected StepExecution(@NonNull StepContext context) {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public @NonNull StepContext getContext() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public abstract boolean start() throws Exception;

    public void stop(@NonNull Throwable cause) throws Exception {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public void onResume() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public @CheckForNull String getStatus() {
        throw new UnsupportedOperationException("compile-only stub");
    }
}
