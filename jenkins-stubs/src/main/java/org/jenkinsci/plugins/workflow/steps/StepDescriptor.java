package org.jenkinsci.plugins.workflow.steps;

import hudson.model.Descriptor;
import java.util.Set;

/** Compile-only stub of org.jenkinsci.plugins.workflow.steps.StepDescriptor, as declared in jenkinsci/workflow-step-api-plugin src/main/java. No behaviour. */
public abstract class StepDescriptor extends Descriptor<Step> {
    public abstract Set<? extends Class<?>> getRequiredContext();

    public Set<? extends Class<?>> getProvidedContext() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public abstract String getFunctionName();

    public boolean takesImplicitBlockArgument() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public boolean isAdvanced() {
        throw new UnsupportedOperationException("compile-only stub");
    }
}
