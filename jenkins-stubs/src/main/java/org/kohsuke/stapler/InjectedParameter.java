package org.kohsuke.stapler;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Compile-only stub of org.kohsuke.stapler.InjectedParameter, as declared in jenkinsci/stapler core/src/main/java. No behaviour. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.ANNOTATION_TYPE)
@Documented
public @interface InjectedParameter {
    Class<? extends AnnotationHandler> value();
}
