package io.github.acmecertificate.core.store.credentials;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import io.github.acmecertificate.core.event.ProgressListener;
import io.github.acmecertificate.core.exception.StoreException;
import io.github.acmecertificate.core.key.KeyType;
import io.github.acmecertificate.core.name.SubjectName;
import io.github.acmecertificate.core.store.CertificateBundle;
import io.github.acmecertificate.core.store.CertificateMetadata;
import io.github.acmecertificate.core.store.CertificateStore;
import io.github.acmecertificate.core.store.NameLocks;

/**
 * Keeps certificates as certificate credentials, one per name: the certificate's name in the
 * core is the credential's id. Saving replaces the credential's content in place, so every
 * pipeline that binds the id gets the new certificate.
 *
 * <p>A credential holds the certificate, its chain and key, and the password that opens it,
 * which a renewal keeps; what the core also wants to know
 * (the CA it came from, the names it was ordered for) comes from the record this plugin keeps
 * for each managed certificate. For a credential without such a record the names are read
 * from the certificate and the CA is unknown, so the next run replaces the certificate.
 *
 * @since 0.1.0
 */
public final class CredentialsCertificateStore implements CertificateStore {

    /** The CA recorded for a certificate this plugin did not issue. */
    public static final String UNKNOWN_CA = "an unknown CA (the credential was not issued through ACME Certificate)";

    private final CredentialsBackend backend;
    private final CertificateCredentialMapper mapper;
    private final Function<String, Optional<CertificateMetadata>> recorded;
    private final Map<String, String> passwords = new ConcurrentHashMap<>();

    /**
     * Creates a store.
     *
     * @param backend  the credentials
     * @param mapper   turns certificates into credential content and back
     * @param recorded the metadata recorded at the last issuance into a credential id, if any
     */
    public CredentialsCertificateStore(CredentialsBackend backend, CertificateCredentialMapper mapper,
            Function<String, Optional<CertificateMetadata>> recorded) {
        this.backend = backend;
        this.mapper = mapper;
        this.recorded = recorded;
    }

    @Override
    public Optional<CertificateBundle> load(String name) throws StoreException {
        var found = backend.find(name);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        if (!(found.get() instanceof CertificateEntry entry)) {
            throw new StoreException("The credential '" + name + "' exists but is not a certificate credential ("
                    + kind(found.get()) + "). Choose another credentialsId, or delete that credential", null);
        }
        var material = mapper.read(entry);
        passwords.put(name, entry.password());
        var certificate = material.chain().get(0);
        var known = recorded.apply(name);
        var metadata = known.filter(m -> sameValidity(m, certificate))
                .orElseGet(() -> derived(name, certificate, material.chain(), known.map(CertificateMetadata::ca)));
        return Optional.of(new CertificateBundle(material.chain(), material.privateKey(), metadata));
    }

    private static boolean sameValidity(CertificateMetadata metadata, X509Certificate certificate) {
        return metadata.notAfter().equals(certificate.getNotAfter().toInstant())
                && metadata.notBefore().equals(certificate.getNotBefore().toInstant());
    }

    private static CertificateMetadata derived(String name, X509Certificate certificate, List<X509Certificate> chain,
            Optional<String> ca) {
        return new CertificateMetadata(name, namesOf(certificate), ca.orElse(UNKNOWN_CA),
                KeyType.of(certificate.getPublicKey()).map(KeyType::id), Optional.empty(), Optional.empty(),
                Optional.empty(), certificate.getNotBefore().toInstant(), certificate.getNotBefore().toInstant(),
                certificate.getNotAfter().toInstant());
    }

    /**
     * Reads the DNS and IP names of a certificate, normalized as the core normalizes requested names.
     *
     * @param certificate the certificate
     * @return its subject alternative names
     */
    public static List<String> namesOf(X509Certificate certificate) {
        var names = new ArrayList<String>();
        try {
            var sans = certificate.getSubjectAlternativeNames();
            if (sans != null) {
                for (var san : sans) {
                    var type = (Integer) san.get(0);
                    if (type == 2 || type == 7) {
                        try {
                            names.add(SubjectName.parse(String.valueOf(san.get(1))).value());
                        } catch (IllegalArgumentException ex) {
                            names.add(String.valueOf(san.get(1)));
                        }
                    }
                }
            }
        } catch (CertificateParsingException ex) {
            // No readable names: the names are then "changed" and the certificate is renewed.
        }
        return names;
    }

    private static String kind(CredentialEntry entry) {
        if (entry instanceof SecretTextEntry) {
            return "a secret text";
        }
        return entry instanceof OtherEntry other ? other.kind() : entry.getClass().getSimpleName();
    }

    @Override
    public void save(CertificateBundle bundle) throws StoreException {
        var name = bundle.metadata().name();
        var existing = backend.find(name);
        if (existing.isPresent() && !(existing.get() instanceof CertificateEntry)) {
            throw new StoreException("The credential '" + name + "' exists but is not a certificate credential ("
                    + kind(existing.get()) + "). Choose another credentialsId, or delete that credential", null);
        }
        // Keep the password: servers configured with it (keystore.p12) keep working after renewal.
        var previous = existing.map(e -> ((CertificateEntry) e).password()).orElse(null);
        var entry = mapper.toEntry(name, bundle, previous);
        backend.put(entry);
        passwords.put(name, entry.password());
    }

    /**
     * Returns the password of a certificate credential this store loaded or saved, which
     * protects the {@code keystore.p12} files deployed from it, without reading the credential
     * again.
     *
     * @param name the credential's id
     * @return the password, or empty if this store has not seen the credential
     */
    public Optional<String> password(String name) {
        return Optional.ofNullable(passwords.get(name));
    }

    /** The certificate credential's own password protects its deployed key stores too. */
    @Override
    public Optional<char[]> keystorePassword(String name) {
        return password(name).map(String::toCharArray);
    }

    @Override
    public Lock lock(String name, Duration timeout, ProgressListener listener)
            throws StoreException, InterruptedException {
        return NameLocks.lock("certificate:" + backend.contextOf(name) + "/" + name, backend.describe(name), timeout,
                listener);
    }

    @Override
    public String location(String name) {
        return backend.describe(name);
    }
}
