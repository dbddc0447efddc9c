package org.kohsuke.stapler;

import jakarta.servlet.ServletException;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Compile-only stub of org.kohsuke.stapler.AncestorInPath, as declared in jenkinsci/stapler core/src/main/java. No behaviour. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
@Documented
@InjectedParameter(AncestorInPath.HandlerImpl.class)
public @interface AncestorInPath {
    class HandlerImpl extends AnnotationHandler<AncestorInPath> {
        @Override
        public Object parse(StaplerRequest2 request, AncestorInPath a, Class type, String parameterName)
                throws ServletException {
            throw new UnsupportedOperationException("compile-only stub");
        }
    }
}
