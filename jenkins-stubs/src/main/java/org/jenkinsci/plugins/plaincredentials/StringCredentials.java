package org.jenkinsci.plugins.plaincredentials;

import com.cloudbees.plugins.credentials.common.StandardCredentials;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.util.Secret;

/** Compile-only stub of org.jenkinsci.plugins.plaincredentials.StringCredentials, as declared in jenkinsci/plain-credentials-plugin src/main/java. No behaviour. */
public interface StringCredentials extends StandardCredentials {
    @NonNull
    Secret getSecret();
}
