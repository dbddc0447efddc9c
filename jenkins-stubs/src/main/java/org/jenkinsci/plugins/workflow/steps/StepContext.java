package org.jenkinsci.plugins.workflow.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.io.IOException;
import java.io.Serializable;

/** Compile-only stub of org.jenkinsci.plugins.workflow.steps.StepContext, as declared in jenkinsci/workflow-step-api-plugin src/main/java. No behaviour. */
public abstract class StepContext implements Serializable {
    private static final long serialVersionUID = 1L;

    @CheckForNull
    public abstract <T> T get(Class<T> key) throws IOException, InterruptedException;

    public abstract void onSuccess(@CheckForNull Object result);

    public abstract void onFailure(Throwable t);
}
