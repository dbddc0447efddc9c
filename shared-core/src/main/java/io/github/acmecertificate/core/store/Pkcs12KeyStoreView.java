package io.github.acmecertificate.core.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.Key;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.KeyStoreSpi;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.util.Collections;
import java.util.Date;
import java.util.Enumeration;
import java.util.Optional;

/** A key store over what {@link Pkcs12#read} decrypted: in memory, read-only ({@link Pkcs12#decode}). */
final class Pkcs12KeyStoreView extends KeyStore {

    Pkcs12KeyStoreView(Pkcs12.Contents contents) {
        super(new ReadOnlySpi(contents), null, "PKCS12");
    }

    private static final class ReadOnlySpi extends KeyStoreSpi {
        private final Pkcs12.Contents contents;

        ReadOnlySpi(Pkcs12.Contents contents) {
            this.contents = contents;
        }

        private Optional<Pkcs12.KeyEntry> entry(String alias) {
            return contents.key(alias);
        }

        @Override
        public Key engineGetKey(String alias, char[] password) throws UnrecoverableKeyException {
            return entry(alias).map(Pkcs12.KeyEntry::privateKey).orElse(null);
        }

        @Override
        public Certificate[] engineGetCertificateChain(String alias) {
            return entry(alias).filter(e -> !e.chain().isEmpty())
                    .map(e -> e.chain().toArray(new Certificate[0])).orElse(null);
        }

        @Override
        public Certificate engineGetCertificate(String alias) {
            return entry(alias).filter(e -> !e.chain().isEmpty()).map(e -> (Certificate) e.chain().get(0))
                    .orElse(null);
        }

        @Override
        public Date engineGetCreationDate(String alias) {
            return entry(alias).isPresent() ? new Date() : null;
        }

        @Override
        public void engineSetKeyEntry(String alias, Key key, char[] password, Certificate[] chain)
                throws KeyStoreException {
            throw new KeyStoreException("read-only");
        }

        @Override
        public void engineSetKeyEntry(String alias, byte[] key, Certificate[] chain) throws KeyStoreException {
            throw new KeyStoreException("read-only");
        }

        @Override
        public void engineSetCertificateEntry(String alias, Certificate cert) throws KeyStoreException {
            throw new KeyStoreException("read-only");
        }

        @Override
        public void engineDeleteEntry(String alias) throws KeyStoreException {
            throw new KeyStoreException("read-only");
        }

        @Override
        public Enumeration<String> engineAliases() {
            return Collections.enumeration(contents.keys().stream().map(Pkcs12.KeyEntry::alias).toList());
        }

        @Override
        public boolean engineContainsAlias(String alias) {
            return entry(alias).isPresent();
        }

        @Override
        public int engineSize() {
            return contents.keys().size();
        }

        @Override
        public boolean engineIsKeyEntry(String alias) {
            return entry(alias).isPresent();
        }

        @Override
        public boolean engineIsCertificateEntry(String alias) {
            return false;
        }

        @Override
        public String engineGetCertificateAlias(Certificate cert) {
            return contents.keys().stream().filter(e -> !e.chain().isEmpty() && e.chain().get(0).equals(cert))
                    .map(Pkcs12.KeyEntry::alias).findFirst().orElse(null);
        }

        @Override
        public void engineStore(OutputStream stream, char[] password) throws IOException {
            throw new IOException("read-only");
        }

        @Override
        public void engineLoad(InputStream stream, char[] password) {
            // Already loaded by Pkcs12.read.
        }
    }
}
