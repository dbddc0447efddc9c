package com.cloudbees.plugins.credentials.domains;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import java.io.Serializable;
import java.util.List;

/** Compile-only stub of com.cloudbees.plugins.credentials.domains.Domain, as declared in jenkinsci/credentials-plugin src/main/java. No behaviour. */
public class Domain implements Serializable {
    private static final long serialVersionUID = 1L;

    public Domain(String name, String description, List<DomainSpecification> specifications) {
        throw new UnsupportedOperationException("compile-only stub");
    }

    @NonNull
    public static Domain global() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    @CheckForNull
    public String getName() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public boolean isGlobal() {
        throw new UnsupportedOperationException("compile-only stub");
    }
}
