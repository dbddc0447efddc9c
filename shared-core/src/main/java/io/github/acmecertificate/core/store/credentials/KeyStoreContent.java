package io.github.acmecertificate.core.store.credentials;

import java.security.KeyStore;
import java.util.Objects;

/**
 * What a certificate credential holds: the forms Jenkins' {@code CertificateCredentialsImpl}
 * takes from its key store sources, and the loaded key store it hands back.
 *
 * @since 0.1.0
 */
public sealed interface KeyStoreContent {

    /**
     * A PKCS#12 key store (Jenkins' {@code UploadedKeyStoreSource}), the normal form.
     *
     * @param bytes the PKCS#12 bytes, protected by the credential's password
     */
    record Pkcs12(byte[] bytes) implements KeyStoreContent {
        /**
         * Creates the content.
         *
         * @param bytes the PKCS#12 bytes
         */
        public Pkcs12 {
            Objects.requireNonNull(bytes, "bytes");
        }

        @Override
        public String toString() {
            return "Pkcs12[" + bytes.length + " bytes]";
        }
    }

    /**
     * A PEM certificate chain and private key (Jenkins' {@code PEMEntryKeyStoreSource}), the
     * form Jenkins accepts in FIPS-140 mode, where uploaded PKCS#12 files are refused.
     *
     * @param certificateChain the certificate, then its issuers, as PEM blocks
     * @param privateKey       the PKCS#8 private key in PEM
     */
    record PemEntry(String certificateChain, String privateKey) implements KeyStoreContent {
        /**
         * Creates the content.
         *
         * @param certificateChain the chain in PEM
         * @param privateKey       the key in PEM
         */
        public PemEntry {
            Objects.requireNonNull(certificateChain, "certificateChain");
            Objects.requireNonNull(privateKey, "privateKey");
        }

        @Override
        public String toString() {
            return "PemEntry[****]";
        }
    }

    /**
     * A key store as a credential hands it out when read ({@code getKeyStore()}), whatever its
     * source.
     *
     * @param keyStore the loaded key store, its key protected by the credential's password
     */
    record Loaded(KeyStore keyStore) implements KeyStoreContent {
        /**
         * Creates the content.
         *
         * @param keyStore the key store
         */
        public Loaded {
            Objects.requireNonNull(keyStore, "keyStore");
        }

        @Override
        public String toString() {
            return "Loaded[" + keyStore.getType() + "]";
        }
    }
}
