package org.kohsuke.stapler.interceptor;

/** Compile-only stub of org.kohsuke.stapler.interceptor.Stage, as declared in jenkinsci/stapler core/src/main/java. No behaviour. */
public enum Stage {
    SELECTION,
    PREINVOKE
}
