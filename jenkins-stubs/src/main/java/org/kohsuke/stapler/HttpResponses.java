package org.kohsuke.stapler;

/** Compile-only stub of org.kohsuke.stapler.HttpResponses, as declared in jenkinsci/stapler core/src/main/java. No behaviour. */
public class HttpResponses {
    public HttpResponses() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public abstract static class HttpResponseException extends RuntimeException implements HttpResponse {
        public HttpResponseException() {
            throw new UnsupportedOperationException("compile-only stub");
        }
    }

    public static HttpResponseException redirectViaContextPath(String relative) {
        throw new UnsupportedOperationException("compile-only stub");
    }
}
