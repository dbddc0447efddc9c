package org.kohsuke.stapler;

import jakarta.servlet.ServletException;
import java.lang.annotation.Annotation;

/** Compile-only stub of org.kohsuke.stapler.AnnotationHandler, as declared in jenkinsci/stapler core/src/main/java. No behaviour. */
public abstract class AnnotationHandler<T extends Annotation> {
    public AnnotationHandler() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public Object parse(StaplerRequest2 request, T a, Class type, String parameterName) throws ServletException {
        throw new UnsupportedOperationException("compile-only stub");
    }
}
