package com.cloudbees.plugins.credentials.common;

import com.cloudbees.plugins.credentials.Credentials;
import edu.umd.cs.findbugs.annotations.NonNull;
import java.security.KeyStore;

/** Compile-only stub of com.cloudbees.plugins.credentials.common.CertificateCredentials, as declared in jenkinsci/credentials-plugin src/main/java. No behaviour. */
public interface CertificateCredentials extends Credentials, PasswordCredentials {
    @NonNull
    KeyStore getKeyStore();
}
