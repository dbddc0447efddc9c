package org.kohsuke.stapler.verb;

import jakarta.servlet.ServletException;
import java.lang.reflect.InvocationTargetException;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.StaplerResponse2;
import org.kohsuke.stapler.interceptor.Interceptor;

/** Compile-only stub of org.kohsuke.stapler.verb.HttpVerbInterceptor, as declared in jenkinsci/stapler core/src/main/java. No behaviour. */
public class HttpVerbInterceptor extends Interceptor {
    public HttpVerbInterceptor() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    @Override
    public Object invoke(StaplerRequest2 request, StaplerResponse2 response, Object instance, Object[] arguments)
            throws IllegalAccessException, InvocationTargetException, ServletException {
        throw new UnsupportedOperationException("compile-only stub");
    }
}
