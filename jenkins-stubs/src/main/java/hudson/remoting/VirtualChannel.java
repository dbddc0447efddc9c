package hudson.remoting;

import java.io.IOException;

/** Compile-only stub of hudson.remoting.VirtualChannel, as declared in jenkinsci/remoting src/main/java. No behaviour. */
public interface VirtualChannel {
    <V, T extends Throwable> V call(Callable<V, T> callable) throws IOException, T, InterruptedException;
}
