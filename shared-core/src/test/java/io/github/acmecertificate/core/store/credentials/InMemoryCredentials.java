package io.github.acmecertificate.core.store.credentials;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.github.acmecertificate.core.exception.StoreException;
import io.github.acmecertificate.core.key.Pem;

/**
 * The credentials layer of a Jenkins controller, in memory, with the rules the real one keeps:
 * {@code addCredentials} returns false when the id exists, {@code updateCredentials} keeps the
 * id, the build's permissions are checked before a write, and a certificate credential is
 * validated on creation the way {@code CertificateCredentialsImpl} validates it (its key store
 * must open with its password; in FIPS-140 mode uploaded PKCS#12 is refused and passwords
 * need 14 characters). Reading a certificate credential gives the loaded key store, as
 * {@code getKeyStore()} does, whatever its source.
 */
public final class InMemoryCredentials implements CredentialsBackend {

    /** What the store keeps for one credential: the entry as written. */
    private final Map<String, CredentialEntry> credentials = new LinkedHashMap<>();
    private final String context;
    private final boolean fipsMode;
    private boolean mayCreate = true;
    private boolean mayUpdate = true;
    private int adds;
    private int updates;
    private final List<String> log = new ArrayList<>();
    private final java.util.Set<String> hidden = new java.util.HashSet<>();

    public InMemoryCredentials() {
        this("", false);
    }

    public InMemoryCredentials(String context, boolean fipsMode) {
        this.context = context;
        this.fipsMode = fipsMode;
    }

    public synchronized InMemoryCredentials permissions(boolean create, boolean update) {
        this.mayCreate = create;
        this.mayUpdate = update;
        return this;
    }

    /** Puts a credential directly, as an administrator would through the UI. */
    public synchronized void preset(CredentialEntry entry) {
        credentials.put(entry.id(), entry);
    }

    /**
     * Makes a credential one the build may not use (SYSTEM-scoped, or outside what the job may
     * use), as Jenkins' lookup with the build's authentication would report it.
     */
    public synchronized InMemoryCredentials hide(String id) {
        hidden.add(id);
        return this;
    }

    @Override
    public synchronized boolean usable(String id) {
        return !hidden.contains(id);
    }

    public synchronized int adds() {
        return adds;
    }

    public synchronized int updates() {
        return updates;
    }

    public synchronized List<String> ids() {
        return List.copyOf(credentials.keySet());
    }

    /** The entry as written, for assertions on the stored form (PKCS#12 or PEM). */
    public synchronized Optional<CredentialEntry> raw(String id) {
        return Optional.ofNullable(credentials.get(id));
    }

    public synchronized List<String> log() {
        return List.copyOf(log);
    }

    @Override
    public synchronized Optional<CredentialEntry> find(String id) throws StoreException {
        var entry = credentials.get(id);
        if (entry instanceof CertificateEntry certificate) {
            if (certificate.content() instanceof KeyStoreContent.Pkcs12) {
                // As the Jenkins backend hands over an uploaded key store: its bytes.
                return Optional.of(certificate);
            }
            try {
                return Optional.of(new CertificateEntry(id, certificate.description(), certificate.password(),
                        new KeyStoreContent.Loaded(toKeyStore(certificate))));
            } catch (GeneralSecurityException | IOException ex) {
                throw new StoreException("Could not load keystore of " + id, ex);
            }
        }
        return Optional.ofNullable(entry);
    }

    @Override
    public synchronized boolean add(CredentialEntry entry) throws StoreException {
        if (!mayCreate) {
            throw new StoreException("anonymous is missing the Credentials/Create permission", null);
        }
        validate(entry);
        if (credentials.containsKey(entry.id())) {
            return false;
        }
        credentials.put(entry.id(), entry);
        adds++;
        log.add("add " + entry.id());
        return true;
    }

    @Override
    public synchronized boolean update(CredentialEntry replacement) throws StoreException {
        if (!mayUpdate) {
            throw new StoreException("anonymous is missing the Credentials/Update permission", null);
        }
        validate(replacement);
        if (!credentials.containsKey(replacement.id())) {
            return false;
        }
        credentials.put(replacement.id(), replacement);
        updates++;
        log.add("update " + replacement.id());
        return true;
    }

    @Override
    public String contextOf(String id) {
        return context;
    }

    @Override
    public String describe(String id) {
        return "credential '" + id + "' in the " + (context.isEmpty() ? "global credentials" : "folder " + context);
    }

    /** What the constructors of CertificateCredentialsImpl and its key store sources check. */
    private void validate(CredentialEntry entry) throws StoreException {
        if (!(entry instanceof CertificateEntry certificate)) {
            return;
        }
        try {
            if (fipsMode && certificate.content() instanceof KeyStoreContent.Pkcs12) {
                throw new IllegalArgumentException("UploadedKeyStoreSource is not allowed when running in FIPS "
                        + "compliance mode");
            }
            if (fipsMode && certificate.password().length() < 14) {
                throw new IllegalArgumentException("Password is too short (< 14 characters)");
            }
            try {
                toKeyStore(certificate);
            } catch (GeneralSecurityException | IOException ex) {
                throw new IllegalArgumentException("KeyStore is not valid.", ex);
            }
        } catch (IllegalArgumentException ex) {
            throw new StoreException("Jenkins refused the certificate credential '" + entry.id() + "': "
                    + ex.getMessage(), ex);
        }
    }

    private static KeyStore toKeyStore(CertificateEntry entry) throws GeneralSecurityException, IOException {
        var password = entry.password().toCharArray();
        var content = entry.content();
        if (content instanceof KeyStoreContent.Pkcs12 p12) {
            var store = KeyStore.getInstance("PKCS12");
            store.load(new ByteArrayInputStream(p12.bytes()), password);
            return store;
        }
        if (content instanceof KeyStoreContent.PemEntry pem) {
            var store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, password);
            var certificates = Pem.readCertificates(pem.certificateChain());
            store.setKeyEntry("keychain", Pem.readPrivateKey(pem.privateKey()), password,
                    certificates.toArray(new Certificate[0]));
            return store;
        }
        return ((KeyStoreContent.Loaded) content).keyStore();
    }
}
