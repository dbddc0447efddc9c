package org.jvnet.hudson.annotation_indexer;

import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.element.Element;

/** Compile-only stub of org.jvnet.hudson.annotation_indexer.Validator, as declared in jenkinsci/lib-annotation-indexer src/main/java. No behaviour. */
public interface Validator {
    void check(Element use, RoundEnvironment e, ProcessingEnvironment env);
}
