package io.github.acmecertificate.core.store.credentials;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;

import io.github.acmecertificate.core.exception.StoreException;
import io.github.acmecertificate.core.store.SecureFiles;

/**
 * Knows which credentials this plugin wrote: for each (store, id) the fingerprints of the
 * content it wrote last (the certificate, or the secret text), kept in
 * {@code $JENKINS_HOME/acme-certificate/owned/}. A credential is the plugin's only while its
 * content is one the plugin wrote: a credential someone else created with the same id, or
 * replaced since, is not, whatever its description says.
 *
 * <p>The fingerprint of the new content is added before the credential is written and the
 * previous one kept, so that a write interrupted between the two leaves the credential owned.
 * A fingerprint is a SHA-256 digest: of the leaf certificate's encoding for a certificate
 * credential, of the secret for a secret text; it reveals nothing of a key.
 *
 * @since 0.1.0
 */
public final class OwnedCredentials {

    private static final Object LOCK = new Object();
    private static final int KEPT = 2;

    private final Path folder;
    private final CertificateCredentialMapper reader = new CertificateCredentialMapper(false);

    /**
     * Creates the ledger over a folder, created with the first entry.
     *
     * @param folder the folder
     */
    public OwnedCredentials(Path folder) {
        this.folder = folder;
    }

    /**
     * Tells whether this plugin wrote the credential's current content.
     *
     * @param context the store: empty for the global store, a folder's full name otherwise
     * @param current the credential as read
     * @return true if owned
     * @throws StoreException if the credential's content or the ledger cannot be read
     */
    public boolean owns(String context, CredentialEntry current) throws StoreException {
        String fingerprint;
        try {
            fingerprint = fingerprint(current);
        } catch (StoreException ex) {
            return false; // Content this plugin cannot even read is not content it wrote.
        }
        return fingerprint != null && read(context, current.id()).contains(fingerprint);
    }

    /**
     * Records that the plugin is about to write this content into the credential.
     *
     * @param context the store
     * @param next    the content about to be written
     * @throws StoreException if the ledger cannot be written
     */
    public void claim(String context, CredentialEntry next) throws StoreException {
        var fingerprint = fingerprint(next);
        if (fingerprint == null) {
            throw new StoreException("The credential '" + next.id() + "' is of a kind ACME Certificate does not write", null);
        }
        synchronized (LOCK) {
            var fingerprints = new ArrayList<>(read(context, next.id()));
            fingerprints.remove(fingerprint);
            fingerprints.add(0, fingerprint);
            write(context, next.id(), fingerprints.subList(0, Math.min(KEPT, fingerprints.size())));
        }
    }

    /**
     * Follows a renamed or moved folder: the entries of its credentials store (and of the
     * folders inside it) move to its new name.
     *
     * @param oldName the folder's old full name
     * @param newName its new full name
     * @return how many entries moved
     * @throws StoreException if the ledger cannot be read or written
     */
    public int moved(String oldName, String newName) throws StoreException {
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        synchronized (LOCK) {
            int count = 0;
            try (var files = Files.list(folder)) {
                for (var file : files.filter(f -> f.getFileName().toString().endsWith(".properties")).toList()) {
                    var properties = load(file);
                    var context = properties.getProperty("context", "");
                    var id = properties.getProperty("id", "");
                    if (id.isEmpty() || !(context.equals(oldName) || context.startsWith(oldName + "/"))) {
                        continue;
                    }
                    var fingerprints = properties.getProperty("fingerprints", "").strip();
                    write(newName + context.substring(oldName.length()), id,
                            fingerprints.isEmpty() ? List.of() : List.of(fingerprints.split(",")));
                    Files.deleteIfExists(file);
                    count++;
                }
            } catch (IOException ex) {
                throw new StoreException("Cannot move the credentials of " + oldName + " in " + folder + ": "
                        + ex.getMessage(), ex);
            }
            return count;
        }
    }

    private static Properties load(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            var properties = new Properties();
            properties.load(in);
            return properties;
        }
    }

    private String fingerprint(CredentialEntry entry) throws StoreException {
        if (entry instanceof SecretTextEntry secret) {
            return digest(secret.secret().getBytes(StandardCharsets.UTF_8));
        }
        if (entry instanceof CertificateEntry certificate) {
            try {
                return digest(reader.read(certificate).chain().get(0).getEncoded());
            } catch (CertificateEncodingException ex) {
                throw new StoreException("Cannot read the certificate of the credential '" + entry.id() + "': "
                        + ex.getMessage(), ex);
            }
        }
        return null;
    }

    private static String digest(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", ex);
        }
    }

    private List<String> read(String context, String id) throws StoreException {
        var file = file(context, id);
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try {
            var properties = load(file);
            var value = properties.getProperty("fingerprints", "").strip();
            return value.isEmpty() ? List.of() : List.of(value.split(","));
        } catch (IOException ex) {
            throw new StoreException("Cannot read " + file + ": " + ex.getMessage(), ex);
        }
    }

    private void write(String context, String id, List<String> fingerprints) throws StoreException {
        var file = file(context, id);
        try {
            Files.createDirectories(folder);
            var properties = new Properties();
            properties.setProperty("context", context == null ? "" : context);
            properties.setProperty("id", id);
            properties.setProperty("fingerprints", String.join(",", fingerprints));
            var out = new ByteArrayOutputStream();
            properties.store(out, "Credentials written by ACME Certificate (SHA-256 of their content)");
            SecureFiles.write(file, out.toByteArray(), SecureFiles.SECRET);
        } catch (IOException ex) {
            throw new StoreException("Cannot record the credential " + id + " as written by ACME Certificate in " + folder
                    + ": " + ex.getMessage(), ex);
        }
    }

    private Path file(String context, String id) {
        var key = (context == null ? "" : context) + "\n" + id;
        var safeId = id.replaceAll("[^A-Za-z0-9._-]", "_");
        return folder.resolve(safeId + "-" + digest(key.getBytes(StandardCharsets.UTF_8)).substring(0, 16)
                + ".properties");
    }
}
