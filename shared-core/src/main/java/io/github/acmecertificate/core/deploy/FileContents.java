package io.github.acmecertificate.core.deploy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.acmecertificate.core.key.Pem;
import io.github.acmecertificate.core.store.CertificateBundle;
import io.github.acmecertificate.core.store.Pkcs12;

/**
 * The bytes of every file a run deploys, made once from the bundle and shared by all
 * targets, and the test of whether a file on a target already holds them.
 */
final class FileContents {

    private final CertificateBundle bundle;
    private final Map<CertificateFile, byte[]> contents;
    private final char[] keystorePassword;

    private FileContents(CertificateBundle bundle, Map<CertificateFile, byte[]> contents, char[] keystorePassword) {
        this.bundle = bundle;
        this.contents = contents;
        this.keystorePassword = keystorePassword;
    }

    /**
     * Renders the files that the targets need. The caller has checked that the bundle has a
     * key when a secret file is needed, and that a key store password is given for
     * {@code keystore.p12}.
     */
    static FileContents render(CertificateBundle bundle, Set<CertificateFile> needed, char[] keystorePassword)
            throws GeneralSecurityException {
        var leaf = Pem.certificates(List.of(bundle.certificate()));
        var issuers = Pem.certificates(bundle.issuers());
        var contents = new EnumMap<CertificateFile, byte[]>(CertificateFile.class);
        for (var file : needed) {
            contents.put(file, switch (file) {
                case FULLCHAIN -> ascii(leaf + issuers);
                case CERT -> ascii(leaf);
                case CHAIN -> ascii(issuers);
                case PRIVKEY -> ascii(Pem.privateKey(bundle.privateKey().orElseThrow()));
                case COMBINED -> ascii(Pem.privateKey(bundle.privateKey().orElseThrow()) + leaf + issuers);
                // A password the user configured for the target: the count for a chosen password.
                case KEYSTORE -> Pkcs12.encode(bundle.metadata().name(), bundle.privateKey().orElseThrow(),
                        bundle.chain(), keystorePassword, Pkcs12.ITERATIONS);
            });
        }
        return new FileContents(bundle, Collections.unmodifiableMap(contents), keystorePassword);
    }

    /** The bytes to upload. */
    byte[] bytes(CertificateFile file) {
        return contents.get(file);
    }

    /** The certificate being deployed. */
    CertificateBundle bundle() {
        return bundle;
    }

    /**
     * Tells whether what a target holds is the file this run would write. PEM files are
     * compared byte for byte (their encoding is deterministic); a PKCS#12 file differs at
     * every encoding (random salts), so it is opened with the password and its certificate
     * compared instead.
     */
    boolean holds(CertificateFile file, byte[] existing) {
        if (file != CertificateFile.KEYSTORE) {
            return Arrays.equals(contents.get(file), existing);
        }
        try {
            var entry = Pkcs12.read(existing, keystorePassword).key(bundle.metadata().name());
            return entry.isPresent() && !entry.get().chain().isEmpty()
                    && entry.get().chain().get(0).equals(bundle.certificate());
        } catch (GeneralSecurityException | RuntimeException ex) {
            // Another password, another format, a truncated file: not ours, so deploy again.
            return false;
        }
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
