package org.jenkinsci.plugins.structs.describable;

import java.util.Map;

import edu.umd.cs.findbugs.annotations.NonNull;

/** Compile-only stub of org.jenkinsci.plugins.structs.describable.CustomDescribableModel, as declared in jenkinsci/structs-plugin src/main/java. No behaviour. */
public interface CustomDescribableModel {
    default @NonNull Map<String, Object> customInstantiate(@NonNull Map<String, Object> arguments) {
        throw new UnsupportedOperationException("compile-only stub");
    }
}
