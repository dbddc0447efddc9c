package com.cloudbees.plugins.credentials;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.io.Serializable;

/** Compile-only stub of com.cloudbees.plugins.credentials.SecretBytes, as declared in jenkinsci/credentials-plugin src/main/java. No behaviour. */
public class SecretBytes implements Serializable {
    private static final long serialVersionUID = 1L;

    private SecretBytes() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    @NonNull
    public byte[] getPlainData() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public static SecretBytes fromRawBytes(byte[] data) {
        throw new UnsupportedOperationException("compile-only stub");
    }

    @Deprecated
    public static SecretBytes fromBytes(byte[] data) {
        throw new UnsupportedOperationException("compile-only stub");
    }
}
