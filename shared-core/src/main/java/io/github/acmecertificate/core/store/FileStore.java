package io.github.acmecertificate.core.store;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.github.acmecertificate.core.event.ProgressEvent.Stage;
import io.github.acmecertificate.core.event.ProgressListener;
import io.github.acmecertificate.core.exception.StoreException;
import io.github.acmecertificate.core.key.Pem;
import io.github.acmecertificate.core.key.PemCertificates;

/**
 * Keeps accounts and certificates in a folder (by default {@code ~/.acme}):
 *
 * <pre>
 * accounts/&lt;ca&gt;/account.pem              the account's location at the CA and its key (0600)
 * certificates/&lt;name&gt;/privkey.pem         the certificate's private key (0600)
 * certificates/&lt;name&gt;/cert.pem            the certificate
 * certificates/&lt;name&gt;/chain.pem           its issuers
 * certificates/&lt;name&gt;/fullchain.pem       the certificate, then its issuers
 * certificates/&lt;name&gt;/keystore.p12        key and chain as PKCS#12 (0600)
 * certificates/&lt;name&gt;/keystore.pass       the generated PKCS#12 password (0600)
 * certificates/&lt;name&gt;/metadata.properties names, CA, account, order, dates
 * state/&lt;name&gt;.properties               renewal information, failures, last result
 * </pre>
 *
 * <p>A certificate's files are written as a set into a new folder beside the live one,
 * which is then swapped in by two renames. A run killed at any moment leaves either the
 * old set or the new one: the next run that locks the name finishes or rolls back an
 * interrupted swap. Locks are per name (and per CA for accounts) and hold across threads
 * and processes. A store whose folders other users can write to is refused.
 *
 * @since 0.1.0
 */
public final class FileStore implements CertificateStore, AccountStore {

    /** The file names in a certificate folder. */
    public static final String PRIVKEY = "privkey.pem";
    /** The certificate alone. */
    public static final String CERT = "cert.pem";
    /** The issuers. */
    public static final String CHAIN = "chain.pem";
    /** The certificate and its issuers. */
    public static final String FULLCHAIN = "fullchain.pem";
    /** PKCS#12 key store. */
    public static final String KEYSTORE = "keystore.p12";
    /** The generated PKCS#12 password. */
    public static final String KEYSTORE_PASS = "keystore.pass";
    /** The metadata. */
    public static final String METADATA = "metadata.properties";
    /** An account's location and key, in one file (0600) under {@code accounts/<ca>/}. */
    public static final String ACCOUNT = "account.pem";

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,199}");
    private static final String PASSWORD_CHARS = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private static final Map<String, Semaphore> IN_PROCESS_LOCKS = new ConcurrentHashMap<>();
    private static final Duration LOCK_POLL = Duration.ofMillis(50);

    private final Path root;
    private final char[] keystorePassword;

    /**
     * Creates a store in a folder, generating a PKCS#12 password per certificate.
     *
     * @param root the store's folder; created (owner-only) when first written
     */
    public FileStore(Path root) {
        this(root, null);
    }

    /**
     * Creates a store in a folder with a fixed PKCS#12 password.
     *
     * @param root             the store's folder
     * @param keystorePassword the PKCS#12 password, or {@code null} to generate one per
     *                         certificate (kept in {@code keystore.pass}, 0600)
     */
    public FileStore(Path root, char[] keystorePassword) {
        this.root = root.toAbsolutePath().normalize();
        this.keystorePassword = keystorePassword == null ? null : keystorePassword.clone();
    }

    /**
     * Returns the default store folder, {@code ~/.acme}.
     *
     * @return the folder
     */
    public static Path defaultRoot() {
        return Path.of(System.getProperty("user.home"), ".acme");
    }

    /**
     * Tells whether a certificate name can be used as a folder name here.
     *
     * @param name a name
     * @return true if it is 1 to 200 letters, digits, dots, hyphens or underscores, not starting with a dot
     */
    public static boolean isValidName(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    /**
     * Returns the store's folder.
     *
     * @return the root folder
     */
    public Path root() {
        return root;
    }

    /**
     * Returns the folder of one certificate.
     *
     * @param name the certificate's name
     * @return the folder (which may not exist)
     */
    public Path certificateDirectory(String name) {
        checkName(name);
        return certificates().resolve(name);
    }

    private Path certificates() {
        return root.resolve("certificates");
    }

    private Path accountDirectory(String caKey) {
        checkName(caKey);
        return root.resolve("accounts").resolve(caKey);
    }

    private static void checkName(String name) {
        if (!isValidName(name)) {
            throw new IllegalArgumentException("not a valid store name: " + name);
        }
    }

    @Override
    public String location(String name) {
        return certificateDirectory(name).toString();
    }

    // ---- certificates -------------------------------------------------------------------

    @Override
    public Optional<CertificateBundle> load(String name) throws StoreException {
        var live = certificateDirectory(name);
        var dir = live;
        if (!Files.isDirectory(live)) {
            // A swap was interrupted after the old set moved aside: that set is still current.
            dir = oldDirectory(name);
            if (!Files.isDirectory(dir)) {
                return Optional.empty();
            }
        }
        try {
            var metadata = readMetadata(dir.resolve(METADATA));
            var chain = new ArrayList<>(PemCertificates.read(Files.readString(dir.resolve(CERT))));
            chain.addAll(PemCertificates.read(Files.readString(dir.resolve(CHAIN))));
            if (chain.isEmpty()) {
                throw new IOException(CERT + " holds no certificate");
            }
            var keyFile = dir.resolve(PRIVKEY);
            var key = Files.exists(keyFile) ? Pem.readPrivateKey(Files.readString(keyFile)) : null;
            return Optional.of(new CertificateBundle(chain, key, metadata));
        } catch (IOException | RuntimeException ex) {
            throw new StoreException("Cannot read the certificate stored in " + dir + ": " + ex.getMessage()
                    + ". Repair or remove that folder, or run with force to order a new certificate", ex);
        }
    }

    /**
     * Reads only {@code metadata.properties}: no PEM is parsed, so deciding which of
     * thousands of certificates are due stays fast.
     */
    @Override
    public Optional<CertificateMetadata> metadata(String name) throws StoreException {
        var dir = certificateDirectory(name);
        try {
            // The usual case costs one read; the folder checks only run when that read fails.
            try {
                return Optional.of(parseMetadata(Files.readString(dir.resolve(METADATA))));
            } catch (NoSuchFileException ex) {
                if (Files.isDirectory(dir)) {
                    throw new IOException(METADATA + " is missing", ex);
                }
            }
            dir = oldDirectory(name);
            if (!Files.isDirectory(dir)) {
                return Optional.empty();
            }
            return Optional.of(readMetadata(dir.resolve(METADATA)));
        } catch (IOException | RuntimeException ex) {
            throw new StoreException("Cannot read the metadata of the certificate stored in " + dir + ": "
                    + ex.getMessage() + ". Repair or remove that folder, or run with force to order a new certificate",
                    ex);
        }
    }

    /**
     * Reads {@code metadata.properties} alone, as {@link #metadata(String)} does, with the ARI
     * identifier kept there since this version; a folder written earlier (no identifier), or
     * one in the middle of a swap, gives empty, and the caller then loads the whole certificate.
     */
    @Override
    public Optional<StoredCertificate> stored(String name) throws StoreException {
        var file = certificateDirectory(name).resolve(METADATA);
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException ex) {
            return Optional.empty();
        } catch (IOException ex) {
            throw new StoreException("Cannot read " + file + ": " + ex.getMessage()
                    + ". Repair or remove that folder, or run with force to order a new certificate", ex);
        }
        try {
            var metadata = parseMetadata(text);
            return metadata.ariCertificateId().map(id -> new StoredCertificate(metadata, id));
        } catch (IOException | RuntimeException ex) {
            throw new StoreException("Cannot read the metadata of the certificate stored in " + file.getParent()
                    + ": " + ex.getMessage() + ". Repair or remove that folder, or run with force to order a new "
                    + "certificate", ex);
        }
    }

    /**
     * Lists the names of the certificates in this store, in order; folders that are not
     * certificates (a swap in progress, a lock) are left out.
     *
     * @return the names, empty when the store holds none
     * @throws StoreException if the store folder cannot be listed
     * @since 0.1.0
     */
    public List<String> names() throws StoreException {
        var folder = certificates();
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        var names = new ArrayList<String>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
            for (var entry : entries) {
                var name = entry.getFileName().toString();
                // Locks and swaps in progress start with a dot, which no valid name does.
                if (isValidName(name)) {
                    names.add(name);
                }
            }
        } catch (IOException ex) {
            throw new StoreException("Cannot list the certificates in " + folder + ": " + ex.getMessage(), ex);
        }
        names.sort(null);
        return names;
    }

    @Override
    public void save(CertificateBundle bundle) throws StoreException {
        var name = bundle.metadata().name();
        var live = certificateDirectory(name);
        var old = oldDirectory(name);
        Path staging = null;
        try {
            SecureFiles.createDirectories(certificates(), SecureFiles.PRIVATE_DIR);
            staging = certificates().resolve("." + name + ".new-" + SecureFiles.randomSuffix());
            Files.createDirectory(staging);
            writeSet(staging, bundle, live);
            SecureFiles.syncDirectory(staging);
            deleteTree(old);
            boolean hadLive = Files.isDirectory(live);
            if (hadLive) {
                Files.move(live, old, StandardCopyOption.ATOMIC_MOVE);
            }
            try {
                Files.move(staging, live, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException ex) {
                if (hadLive) {
                    Files.move(old, live, StandardCopyOption.ATOMIC_MOVE);
                }
                throw ex;
            }
            staging = null;
            SecureFiles.syncDirectory(certificates());
            deleteTree(old);
        } catch (IOException | GeneralSecurityException ex) {
            throw new StoreException("Cannot write the certificate to " + live + ": " + ex.getMessage()
                    + ". The previous certificate, if any, is unchanged", ex);
        } finally {
            if (staging != null) {
                try {
                    deleteTree(staging);
                } catch (IOException ex) {
                    // A leftover staging folder is removed by the next run that locks this name.
                }
            }
        }
    }

    private void writeSet(Path dir, CertificateBundle bundle, Path live) throws IOException, GeneralSecurityException {
        var leaf = Pem.certificates(List.of(bundle.certificate()));
        var issuers = Pem.certificates(bundle.issuers());
        SecureFiles.write(dir.resolve(CERT), ascii(leaf), SecureFiles.PUBLIC);
        SecureFiles.write(dir.resolve(CHAIN), ascii(issuers), SecureFiles.PUBLIC);
        SecureFiles.write(dir.resolve(FULLCHAIN), ascii(leaf + issuers), SecureFiles.PUBLIC);
        if (bundle.privateKey().isPresent()) {
            var key = bundle.privateKey().get();
            SecureFiles.write(dir.resolve(PRIVKEY), ascii(Pem.privateKey(key)), SecureFiles.SECRET);
            char[] password = keystorePassword;
            if (password == null) {
                password = previousOrNewPassword(live);
                SecureFiles.write(dir.resolve(KEYSTORE_PASS), new String(password).getBytes(StandardCharsets.UTF_8),
                        SecureFiles.SECRET);
            }
            // A generated password needs no key stretching; a configured one keeps the JDK's.
            var p12 = keystorePassword == null
                    ? Pkcs12.encodeForGeneratedPassword(bundle.metadata().name(), key, bundle.chain(), password)
                    : Pkcs12.encode(bundle.metadata().name(), key, bundle.chain(), password);
            SecureFiles.write(dir.resolve(KEYSTORE), p12, SecureFiles.SECRET);
            if (keystorePassword == null) {
                // Only a generated (or re-read) password is ours to wipe.
                Arrays.fill(password, '\0');
            }
        }
        SecureFiles.write(dir.resolve(METADATA), ascii(formatMetadata(bundle.metadata())), SecureFiles.PUBLIC);
    }

    /** Keeps a generated password across renewals, so that whatever reads the key store keeps working. */
    private static char[] previousOrNewPassword(Path live) throws IOException {
        var file = live.resolve(KEYSTORE_PASS);
        if (Files.isRegularFile(file)) {
            var previous = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (!previous.isEmpty()) {
                return previous.toCharArray();
            }
        }
        var random = new SecureRandom();
        var password = new char[24];
        for (int i = 0; i < password.length; i++) {
            password[i] = PASSWORD_CHARS.charAt(random.nextInt(PASSWORD_CHARS.length()));
        }
        return password;
    }

    /**
     * Reads the PKCS#12 password of a stored certificate: the configured one, or the one
     * generated for it.
     *
     * @param name the certificate's name
     * @return the password, or empty if none is configured and none was generated
     * @throws StoreException if the password file cannot be read
     */
    public Optional<char[]> keystorePassword(String name) throws StoreException {
        if (keystorePassword != null) {
            return Optional.of(keystorePassword.clone());
        }
        var file = certificateDirectory(name).resolve(KEYSTORE_PASS);
        try {
            return Files.isRegularFile(file)
                    ? Optional.of(Files.readString(file, StandardCharsets.UTF_8).strip().toCharArray())
                    : Optional.empty();
        } catch (IOException ex) {
            throw new StoreException("Cannot read " + file + ": " + ex.getMessage(), ex);
        }
    }

    private Path oldDirectory(String name) {
        return certificates().resolve("." + name + ".old");
    }

    /**
     * Finishes or rolls back a swap that a killed run interrupted, and removes its leftovers.
     * Called with the name's lock held.
     */
    void recover(String name) throws IOException {
        var live = certificateDirectory(name);
        var old = oldDirectory(name);
        if (Files.isDirectory(old)) {
            if (Files.isDirectory(live)) {
                deleteTree(old);
            } else {
                Files.move(old, live, StandardCopyOption.ATOMIC_MOVE);
            }
        }
        if (Files.isDirectory(certificates())) {
            // Exactly this name's staging folders: a glob such as ".web.new-*" would also
            // match ".web.new-site.old", the previous set of a certificate named web.new-site.
            var staging = Pattern.compile(Pattern.quote("." + name + ".new-") + "[0-9a-f]{8}");
            try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(certificates(),
                    p -> staging.matcher(p.getFileName().toString()).matches())) {
                for (var leftover : leftovers) {
                    deleteTree(leftover);
                }
            }
        }
    }

    @Override
    public Lock lock(String name, Duration timeout, ProgressListener listener)
            throws StoreException, InterruptedException {
        checkName(name);
        return lockFile(certificates(), "." + name + ".lock", name, "renewing " + name, timeout, listener,
                () -> recover(name));
    }

    /**
     * Takes the lock of one CA's account, across threads and processes, so that two first
     * runs for a CA do not register two accounts and keep the key of one with the location
     * of the other.
     *
     * @param caKey    the CA's store key
     * @param timeout  how long to wait for another run
     * @param listener told once when the wait begins
     * @return the held lock
     * @throws StoreException       if the lock cannot be taken in time
     * @throws InterruptedException if interrupted while waiting
     */
    @Override
    public Lock lockAccount(String caKey, Duration timeout, ProgressListener listener)
            throws StoreException, InterruptedException {
        var dir = accountDirectory(caKey);
        return lockFile(dir.getParent(), "." + caKey + ".lock", "the account for " + caKey,
                "registering the account for " + caKey, timeout, listener, () -> { });
    }

    /** Work done once the lock is held, before it is handed out. */
    private interface WhenLocked {
        void run() throws IOException;
    }

    private Lock lockFile(Path dir, String fileName, String name, String doing, Duration timeout,
            ProgressListener listener, WhenLocked whenLocked) throws StoreException, InterruptedException {
        var lockFile = dir.resolve(fileName);
        var semaphore = IN_PROCESS_LOCKS.computeIfAbsent(lockFile.toString(), key -> new Semaphore(1));
        var deadline = System.nanoTime() + timeout.toNanos();
        if (!semaphore.tryAcquire()) {
            listener.report(Stage.LOCK_WAIT, "Waiting for another run that is " + doing);
            if (!semaphore.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                throw lockTimeout(dir, name, timeout, null);
            }
        }
        FileChannel channel = null;
        try {
            checkFolders();
            SecureFiles.createDirectories(dir, SecureFiles.PRIVATE_DIR);
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock fileLock = channel.tryLock();
            boolean told = false;
            while (fileLock == null) {
                if (!told) {
                    listener.report(Stage.LOCK_WAIT, "Waiting for another process that is " + doing);
                    told = true;
                }
                if (System.nanoTime() > deadline) {
                    throw lockTimeout(dir, name, timeout, null);
                }
                Thread.sleep(LOCK_POLL.toMillis());
                fileLock = channel.tryLock();
            }
            whenLocked.run();
            var held = fileLock;
            var heldChannel = channel;
            channel = null;
            return () -> {
                try {
                    held.release();
                    heldChannel.close();
                } catch (IOException ex) {
                    // Closing the channel releases the lock in any case.
                } finally {
                    semaphore.release();
                }
            };
        } catch (IOException | OverlappingFileLockException ex) {
            throw lockTimeout(dir, name, timeout, ex);
        } finally {
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException ex) {
                    // Nothing more to release.
                }
                semaphore.release();
            }
        }
    }

    /**
     * Refuses a store whose folders other users can write to: they could swap a key or a
     * certificate this tool then deploys.
     */
    private void checkFolders() throws IOException {
        var fix = "Make the store folder this user's own and writable by it only";
        SecureFiles.checkPrivateFolder(root, "The store folder", fix);
        SecureFiles.checkPrivateFolder(certificates(), "The store folder", fix);
        SecureFiles.checkPrivateFolder(root.resolve("accounts"), "The store folder", fix);
    }

    private StoreException lockTimeout(Path dir, String name, Duration timeout, Exception cause) {
        if (cause != null) {
            return new StoreException("Cannot lock " + name + " in " + dir + ": " + cause.getMessage()
                    + ". Check that the store folder is writable", cause);
        }
        return new StoreException("Another run kept " + name + " locked for more than " + timeout
                + ". Wait for it to finish, or check for a hung build", null);
    }

    // ---- accounts -----------------------------------------------------------------------

    @Override
    public Optional<AccountRecord> loadAccount(String caKey) throws StoreException {
        var dir = accountDirectory(caKey);
        var file = dir.resolve(ACCOUNT);
        try {
            if (Files.exists(file)) {
                // One file: the key and its location were written together, never apart.
                var text = Files.readString(file, StandardCharsets.US_ASCII);
                int pem = text.indexOf("-----BEGIN");
                if (pem < 0) {
                    throw new IOException(ACCOUNT + " holds no key");
                }
                var props = new Properties();
                props.load(new StringReader(text.substring(0, pem)));
                return Optional.of(new AccountRecord(Pem.readKeyPair(text.substring(pem)), url(props)));
            }
            // Written by an earlier version as two files.
            var keyFile = dir.resolve("account-key.pem");
            if (!Files.exists(keyFile)) {
                return Optional.empty();
            }
            var keyPair = Pem.readKeyPair(Files.readString(keyFile));
            var props = new Properties();
            var propsFile = dir.resolve("account.properties");
            if (Files.exists(propsFile)) {
                props.load(new StringReader(Files.readString(propsFile)));
            }
            return Optional.of(new AccountRecord(keyPair, url(props)));
        } catch (IOException | RuntimeException ex) {
            throw new StoreException("Cannot read the account in " + dir + ": " + ex.getMessage()
                    + ". Repair or remove that folder (a new account is then registered)", ex);
        }
    }

    private static java.net.URL url(Properties props) throws IOException {
        var location = props.getProperty("location");
        return location == null ? null : URI.create(location).toURL();
    }

    @Override
    public void saveAccount(String caKey, AccountRecord account) throws StoreException {
        var dir = accountDirectory(caKey);
        try {
            checkFolders();
            SecureFiles.createDirectories(dir, SecureFiles.PRIVATE_DIR);
            var props = new Properties();
            account.location().ifPresent(url -> props.setProperty("location", url.toString()));
            var text = new StringWriter();
            props.store(text, "ACME account: its location at the CA, then its key");
            SecureFiles.write(dir.resolve(ACCOUNT), ascii(text + Pem.keyPair(account.keyPair())), SecureFiles.SECRET);
            // The two files of earlier versions would be read no more; remove them so that
            // nobody mistakes them for the account.
            Files.deleteIfExists(dir.resolve("account-key.pem"));
            Files.deleteIfExists(dir.resolve("account.properties"));
        } catch (IOException ex) {
            throw new StoreException("Cannot write the account to " + dir + ": " + ex.getMessage(), ex);
        }
    }

    @Override
    public void deleteAccount(String caKey) throws StoreException {
        var dir = accountDirectory(caKey);
        try {
            deleteTree(dir);
        } catch (IOException ex) {
            throw new StoreException("Cannot remove the account in " + dir + ": " + ex.getMessage(), ex);
        }
    }

    // ---- metadata -----------------------------------------------------------------------

    private static String formatMetadata(CertificateMetadata m) throws IOException {
        var props = new Properties();
        props.setProperty("name", m.name());
        props.setProperty("names", String.join(",", m.names()));
        props.setProperty("ca", m.ca());
        m.keyType().ifPresent(v -> props.setProperty("keyType", v));
        m.accountUrl().ifPresent(v -> props.setProperty("accountUrl", v));
        m.orderUrl().ifPresent(v -> props.setProperty("orderUrl", v));
        m.certificateUrl().ifPresent(v -> props.setProperty("certificateUrl", v));
        props.setProperty("issuedAt", m.issuedAt().toString());
        props.setProperty("notBefore", m.notBefore().toString());
        props.setProperty("notAfter", m.notAfter().toString());
        m.profile().ifPresent(v -> props.setProperty("profile", v));
        m.ariCertificateId().ifPresent(v -> props.setProperty("ariCertificateId", v));
        var text = new StringWriter();
        props.store(text, "Written by acme-certificate; edits are replaced at the next renewal");
        // Keys in order, so that the file reads the same way after every renewal. Stored
        // entries are one line each: Properties escapes line breaks.
        var lines = text.toString().lines().toList();
        var comments = lines.stream().filter(l -> l.startsWith("#"));
        var entries = lines.stream().filter(l -> !l.startsWith("#")).sorted();
        return Stream.concat(comments, entries).collect(Collectors.joining("\n", "", "\n"));
    }

    private static CertificateMetadata readMetadata(Path file) throws IOException {
        try {
            return parseMetadata(Files.readString(file));
        } catch (NoSuchFileException ex) {
            throw new IOException(METADATA + " is missing", ex);
        }
    }

    private static CertificateMetadata parseMetadata(String text) throws IOException {
        var props = new Properties();
        props.load(new StringReader(text));
        return new CertificateMetadata(
                required(props, "name"),
                List.of(required(props, "names").split(",")),
                required(props, "ca"),
                Optional.ofNullable(props.getProperty("keyType")),
                Optional.ofNullable(props.getProperty("accountUrl")),
                Optional.ofNullable(props.getProperty("orderUrl")),
                Optional.ofNullable(props.getProperty("certificateUrl")),
                Instant.parse(required(props, "issuedAt")),
                Instant.parse(required(props, "notBefore")),
                Instant.parse(required(props, "notAfter")),
                Optional.ofNullable(props.getProperty("profile")).map(String::strip),
                Optional.ofNullable(props.getProperty("ariCertificateId")).filter(v -> !v.isBlank()));
    }

    private static String required(Properties props, String key) throws IOException {
        var value = props.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new IOException(METADATA + " has no " + key);
        }
        return value;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                if (exc != null) {
                    throw exc;
                }
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    // ---- renewal state ------------------------------------------------------------------

    /**
     * Returns the file that keeps a certificate's renewal state, {@code state/<name>.properties}.
     *
     * @param name the certificate's name
     * @return the file (which may not exist)
     */
    public Path stateFile(String name) {
        checkName(name);
        return stateFiles().file(name);
    }

    @Override
    public boolean keepsState() {
        return true;
    }

    @Override
    public Optional<RenewalState> loadState(String name) throws StoreException {
        checkName(name);
        return stateFiles().load(name);
    }

    @Override
    public void saveState(String name, RenewalState state) throws StoreException {
        checkName(name);
        stateFiles().save(name, state);
    }

    private StateFiles stateFiles() {
        return new StateFiles(root.resolve("state"));
    }
}
