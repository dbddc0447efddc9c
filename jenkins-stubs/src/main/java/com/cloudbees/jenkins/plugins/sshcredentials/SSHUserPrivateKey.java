package com.cloudbees.jenkins.plugins.sshcredentials;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.util.Secret;
import java.util.List;

/** Compile-only stub of com.cloudbees.jenkins.plugins.sshcredentials.SSHUserPrivateKey, as declared in jenkinsci/ssh-credentials-plugin src/main/java. No behaviour. */
public interface SSHUserPrivateKey extends SSHUser {
    @Deprecated
    @NonNull
    default String getPrivateKey() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    @CheckForNull
    Secret getPassphrase();

    @NonNull
    List<String> getPrivateKeys();
}
