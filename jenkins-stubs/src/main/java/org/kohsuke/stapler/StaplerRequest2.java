package org.kohsuke.stapler;

import net.sf.json.JSONObject;

/** Compile-only stub of org.kohsuke.stapler.StaplerRequest2, as declared in jenkinsci/stapler core/src/main/java. No behaviour. */
public interface StaplerRequest2 {
    <T> T bindJSON(Class<T> type, JSONObject src);

    void bindJSON(Object bean, JSONObject src);
}
