package org.kohsuke.stapler;

import jakarta.servlet.http.HttpServletResponse;

/** Compile-only stub of org.kohsuke.stapler.StaplerResponse2, as declared in jenkinsci/stapler core/src/main/java. No behaviour. */
public interface StaplerResponse2 extends HttpServletResponse {
}
