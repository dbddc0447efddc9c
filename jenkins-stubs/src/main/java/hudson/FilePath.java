package hudson;

import hudson.remoting.VirtualChannel;

/** Compile-only stub of hudson.FilePath, as declared in jenkinsci/jenkins core/src/main/java (tag jenkins-2.555.3). No behaviour. */
public final class FilePath {
    private FilePath() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public VirtualChannel getChannel() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public boolean isRemote() {
        throw new UnsupportedOperationException("compile-only stub");
    }
}
