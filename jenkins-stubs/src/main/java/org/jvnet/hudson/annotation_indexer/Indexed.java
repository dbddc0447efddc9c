package org.jvnet.hudson.annotation_indexer;

import static java.lang.annotation.ElementType.ANNOTATION_TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * Compile-only stub of org.jvnet.hudson.annotation_indexer.Indexed, as declared in
 * jenkinsci/lib-annotation-indexer src/main/java (not on Maven Central). No behaviour, and no
 * annotation processor: the offline build writes no index of {@code @Symbol}.
 */
@Documented
@Retention(RUNTIME)
@Target(ANNOTATION_TYPE)
public @interface Indexed {
    Class<? extends Validator>[] validators() default {};
}
