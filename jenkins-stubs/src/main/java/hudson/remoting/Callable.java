package hudson.remoting;

import java.io.Serializable;

/** Compile-only stub of hudson.remoting.Callable, as declared in jenkinsci/remoting src/main/java. No behaviour. */
public interface Callable<V, T extends Throwable> extends Serializable {
    V call() throws T;
}
