package org.kohsuke.stapler.interceptor;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Compile-only stub of org.kohsuke.stapler.interceptor.InterceptorAnnotation, as declared in jenkinsci/stapler core/src/main/java. No behaviour. */
@Target(ElementType.ANNOTATION_TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface InterceptorAnnotation {
    Class<? extends Interceptor> value();

    Stage stage() default Stage.PREINVOKE;
}
