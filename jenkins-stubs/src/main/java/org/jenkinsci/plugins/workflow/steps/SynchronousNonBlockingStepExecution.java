package org.jenkinsci.plugins.workflow.steps;

import edu.umd.cs.findbugs.annotations.NonNull;

/** Compile-only stub of org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution, as declared in jenkinsci/workflow-step-api-plugin src/main/java. No behaviour. */
public abstract class SynchronousNonBlockingStepExecution<T> extends StepExecution {
    private static final long serialVersionUID = 1L;

    protected SynchronousNonBlockingStepExecution(@NonNull StepContext context) {
        throw new UnsupportedOperationException("compile-only stub");
    }

    protected abstract T run() throws Exception;

    @Override
    public final boolean start() throws Exception {
        throw new UnsupportedOperationException("compile-only stub");
    }
}
