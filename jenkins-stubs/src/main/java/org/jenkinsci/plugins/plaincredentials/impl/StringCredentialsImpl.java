package org.jenkinsci.plugins.plaincredentials.impl;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.impl.BaseStandardCredentials;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.util.Secret;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.kohsuke.stapler.DataBoundConstructor;

/** Compile-only stub of org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl, as declared in jenkinsci/plain-credentials-plugin src/main/java. No behaviour. */
public final class StringCredentialsImpl extends BaseStandardCredentials implements StringCredentials {
    private static final long serialVersionUID = 1L;

    @DataBoundConstructor
    public StringCredentialsImpl(@CheckForNull CredentialsScope scope, @CheckForNull String id,
            @CheckForNull String description, @NonNull Secret secret) {
        super(scope, id, description);
        throw new UnsupportedOperationException("compile-only stub");
    }

    @Override
    public Secret getSecret() {
        throw new UnsupportedOperationException("compile-only stub");
    }
}
