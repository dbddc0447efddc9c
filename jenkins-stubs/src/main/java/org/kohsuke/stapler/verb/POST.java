package org.kohsuke.stapler.verb;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.kohsuke.stapler.interceptor.InterceptorAnnotation;
import org.kohsuke.stapler.interceptor.Stage;

/** Compile-only stub of org.kohsuke.stapler.verb.POST, as declared in jenkinsci/stapler core/src/main/java. No behaviour. */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@InterceptorAnnotation(value = HttpVerbInterceptor.class, stage = Stage.SELECTION)
public @interface POST {
}
