package org.kohsuke.stapler;

/** Compile-only stub of org.kohsuke.stapler.HttpResponse, as declared in jenkinsci/stapler core/src/main/java. No behaviour. */
public interface HttpResponse {
}
