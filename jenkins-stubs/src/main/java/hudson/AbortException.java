package hudson;

import java.io.IOException;

/** Compile-only stub of hudson.AbortException, as declared in jenkinsci/jenkins core/src/main/java (tag jenkins-2.555.3). No behaviour. */
public class AbortException extends IOException {
    private static final long serialVersionUID = 1L;

    public AbortException() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public AbortException(String message) {
        throw new UnsupportedOperationException("compile-only stub");
    }
}
