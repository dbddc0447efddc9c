package com.cloudbees.plugins.credentials.impl;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SecretBytes;
import com.cloudbees.plugins.credentials.common.StandardCertificateCredentials;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import edu.umd.cs.findbugs.annotations.Nullable;
import hudson.model.AbstractDescribableImpl;
import hudson.util.Secret;
import java.io.IOException;
import java.io.Serializable;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.NoSuchAlgorithmException;
import java.security.UnrecoverableKeyException;
import java.security.cert.CertificateException;
import org.apache.commons.fileupload.FileItem;
import org.kohsuke.stapler.DataBoundConstructor;

/** Compile-only stub of com.cloudbees.plugins.credentials.impl.CertificateCredentialsImpl, as declared in jenkinsci/credentials-plugin src/main/java. No behaviour. */
public class CertificateCredentialsImpl extends BaseStandardCredentials implements StandardCertificateCredentials {
    private static final long serialVersionUID = 1L;

    @DataBoundConstructor
    public CertificateCredentialsImpl(@CheckForNull CredentialsScope scope, @CheckForNull String id,
            @CheckForNull String description, @CheckForNull String password,
            @NonNull KeyStoreSource keyStoreSource) {
        super(scope, id, description);
        throw new UnsupportedOperationException("compile-only stub");
    }

    @Override
    @NonNull
    public synchronized KeyStore getKeyStore() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    @Override
    @NonNull
    public Secret getPassword() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public KeyStoreSource getKeyStoreSource() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public abstract static class KeyStoreSource extends AbstractDescribableImpl<KeyStoreSource> {
        public abstract long getKeyStoreLastModified();

        public abstract KeyStore toKeyStore(@Nullable char[] password) throws GeneralSecurityException, IOException;
    }

    public static class UploadedKeyStoreSource extends KeyStoreSource implements Serializable {
        private static final long serialVersionUID = 1L;

        @Deprecated
        public UploadedKeyStoreSource(@CheckForNull SecretBytes uploadedKeystore) {
            throw new UnsupportedOperationException("compile-only stub");
        }

        @DataBoundConstructor
        public UploadedKeyStoreSource(FileItem uploadedCertFile, @CheckForNull SecretBytes uploadedKeystore) {
            throw new UnsupportedOperationException("compile-only stub");
        }

        public SecretBytes getUploadedKeystore() {
            throw new UnsupportedOperationException("compile-only stub");
        }

        @Override
        public long getKeyStoreLastModified() {
            throw new UnsupportedOperationException("compile-only stub");
        }

        @Override
        public KeyStore toKeyStore(char[] password) throws NoSuchAlgorithmException, CertificateException,
                KeyStoreException, IOException {
            throw new UnsupportedOperationException("compile-only stub");
        }
    }

    public static class PEMEntryKeyStoreSource extends KeyStoreSource implements Serializable {
        private static final long serialVersionUID = 1L;

        @DataBoundConstructor
        public PEMEntryKeyStoreSource(String certChain, String privateKey) {
            throw new UnsupportedOperationException("compile-only stub");
        }

        @Override
        public long getKeyStoreLastModified() {
            throw new UnsupportedOperationException("compile-only stub");
        }

        @Override
        public KeyStore toKeyStore(char[] password) throws NoSuchAlgorithmException, CertificateException,
                KeyStoreException, UnrecoverableKeyException, IOException {
            throw new UnsupportedOperationException("compile-only stub");
        }
    }
}
