package org.kohsuke.stapler.interceptor;

import jakarta.servlet.ServletException;
import java.lang.reflect.InvocationTargetException;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.StaplerResponse2;

/** Compile-only stub of org.kohsuke.stapler.interceptor.Interceptor, as declared in jenkinsci/stapler core/src/main/java. No behaviour. */
public abstract class Interceptor {
    public Interceptor() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public Object invoke(StaplerRequest2 request, StaplerResponse2 response, Object instance, Object[] arguments)
            throws IllegalAccessException, InvocationTargetException, ServletException {
        throw new UnsupportedOperationException("compile-only stub");
    }
}
