package org.kohsuke.stapler;

import jakarta.servlet.ServletException;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Compile-only stub of org.kohsuke.stapler.QueryParameter, as declared in jenkinsci/stapler core/src/main/java. No behaviour. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
@Documented
@InjectedParameter(QueryParameter.HandlerImpl.class)
public @interface QueryParameter {
    String value() default "";

    boolean required() default false;

    boolean fixEmpty() default false;

    class HandlerImpl extends AnnotationHandler<QueryParameter> {
        @Override
        public Object parse(StaplerRequest2 request, QueryParameter a, Class type, String parameterName)
                throws ServletException {
            throw new UnsupportedOperationException("compile-only stub");
        }
    }
}
