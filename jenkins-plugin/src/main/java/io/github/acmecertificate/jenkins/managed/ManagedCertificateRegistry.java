package io.github.acmecertificate.jenkins.managed;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.function.UnaryOperator;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

import io.github.acmecertificate.core.exception.StoreException;
import io.github.acmecertificate.core.store.SecureFiles;

/**
 * Keeps the managed-certificate records in a folder (in Jenkins
 * {@code $JENKINS_HOME/acme-certificate/managed/}), one properties file per credential, each
 * replaced atomically.
 *
 * @since 0.1.0
 */
public final class ManagedCertificateRegistry {

    private static final Logger LOGGER = Logger.getLogger(ManagedCertificateRegistry.class.getName());
    private static final Object WRITE_LOCK = new Object();

    private final Path folder;

    /**
     * Creates a registry over a folder, created when the first record is written.
     *
     * @param folder the folder
     */
    public ManagedCertificateRegistry(Path folder) {
        this.folder = folder;
    }

    /**
     * Returns the folder.
     *
     * @return the folder
     */
    public Path folder() {
        return folder;
    }

    /**
     * Finds the record of a credential.
     *
     * @param context       the store: empty for the global store, a folder's full name otherwise
     * @param credentialsId the credential's id
     * @return the record, or empty if none is kept (or it cannot be read)
     */
    public Optional<ManagedCertificate> find(String context, String credentialsId) {
        var file = file(context, credentialsId);
        return Files.isRegularFile(file) ? read(file) : Optional.empty();
    }

    /**
     * Lists every readable record, soonest expiry first.
     *
     * @return the records
     */
    public List<ManagedCertificate> all() {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        var records = new ArrayList<ManagedCertificate>();
        try (Stream<Path> files = Files.list(folder)) {
            files.filter(f -> f.getFileName().toString().endsWith(".properties"))
                    .forEach(f -> read(f).ifPresent(records::add));
        } catch (IOException ex) {
            throw new UncheckedIOException("Cannot list " + folder, ex);
        }
        records.sort(Comparator.comparing(r -> r.metadata().notAfter()));
        return records;
    }

    /**
     * Writes a record, replacing the one for the same credential.
     *
     * @param record the record
     * @throws StoreException if it cannot be written
     */
    public void save(ManagedCertificate record) throws StoreException {
        synchronized (WRITE_LOCK) {
            write(record);
        }
    }

    /**
     * Changes the record of a credential, if there is one.
     *
     * @param context       the store
     * @param credentialsId the credential's id
     * @param change        the change
     * @return true if a record was changed
     * @throws StoreException if it cannot be written
     */
    public boolean update(String context, String credentialsId, UnaryOperator<ManagedCertificate> change)
            throws StoreException {
        synchronized (WRITE_LOCK) {
            var existing = find(context, credentialsId);
            if (existing.isEmpty()) {
                return false;
            }
            write(change.apply(existing.get()));
            return true;
        }
    }

    /**
     * Records a failed attempt on a managed certificate; does nothing for an unmanaged one.
     *
     * @param context       the store
     * @param credentialsId the credential's id
     * @param by            who ran it
     * @param message       the error
     * @param at            when
     * @return true if a record was changed
     * @throws StoreException if it cannot be written
     */
    public boolean recordFailure(String context, String credentialsId, String by, String message, Instant at)
            throws StoreException {
        return update(context, credentialsId, r -> r.withLastRun(new LastRun(at, by, true, message)));
    }

    /**
     * Forgets a credential (for instance after it was deleted).
     *
     * @param context       the store
     * @param credentialsId the credential's id
     * @throws StoreException if the record cannot be removed
     */
    public void remove(String context, String credentialsId) throws StoreException {
        synchronized (WRITE_LOCK) {
            try {
                Files.deleteIfExists(file(context, credentialsId));
            } catch (IOException ex) {
                throw new StoreException("Cannot remove the record of " + credentialsId + ": " + ex.getMessage(), ex);
            }
        }
    }

    private void write(ManagedCertificate record) throws StoreException {
        var file = file(record.context(), record.credentialsId());
        try {
            Files.createDirectories(folder);
            var out = new ByteArrayOutputStream();
            record.toProperties().store(out, "ACME certificate managed by the acmeCertificate step");
            SecureFiles.write(file, out.toByteArray(), SecureFiles.SECRET);
        } catch (IOException ex) {
            throw new StoreException("Cannot write the record of " + record.credentialsId() + " in " + folder + ": "
                    + ex.getMessage(), ex);
        }
    }

    private static Optional<ManagedCertificate> read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            var p = new Properties();
            p.load(in);
            return Optional.of(ManagedCertificate.fromProperties(p));
        } catch (IOException | IllegalArgumentException ex) {
            LOGGER.log(Level.WARNING, "Ignoring the unreadable managed-certificate record {0}: {1}",
                    new Object[] {file, ex.getMessage()});
            return Optional.empty();
        }
    }

    private Path file(String context, String credentialsId) {
        var key = (context == null ? "" : context) + "\n" + credentialsId;
        try {
            var digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            var safeId = credentialsId.replaceAll("[^A-Za-z0-9._-]", "_");
            return folder.resolve(safeId + "-" + HexFormat.of().formatHex(digest, 0, 8) + ".properties");
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", ex);
        }
    }
}
