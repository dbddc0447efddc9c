package com.cloudbees.plugins.credentials;

import hudson.model.ModelObject;
import java.io.Serializable;

/** Compile-only stub of com.cloudbees.plugins.credentials.CredentialsScope, as declared in jenkinsci/credentials-plugin src/main/java. No behaviour. */
public enum CredentialsScope implements Serializable {
    SYSTEM {
        @Override
        public String getDisplayName() {
            throw new UnsupportedOperationException("compile-only stub");
        }

        @Override
        public boolean isVisible(ModelObject context) {
            throw new UnsupportedOperationException("compile-only stub");
        }
    },
    GLOBAL {
        @Override
        public String getDisplayName() {
            throw new UnsupportedOperationException("compile-only stub");
        }

        @Override
        public boolean isVisible(ModelObject context) {
            throw new UnsupportedOperationException("compile-only stub");
        }
    },
    USER {
        @Override
        public String getDisplayName() {
            throw new UnsupportedOperationException("compile-only stub");
        }

        @Override
        public boolean isVisible(ModelObject context) {
            throw new UnsupportedOperationException("compile-only stub");
        }
    };

    public abstract String getDisplayName();

    public abstract boolean isVisible(ModelObject context);
}
