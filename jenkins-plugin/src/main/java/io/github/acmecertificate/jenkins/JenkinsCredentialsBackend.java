package io.github.acmecertificate.jenkins;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.cloudbees.plugins.credentials.Credentials;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.CredentialsStore;
import com.cloudbees.plugins.credentials.SecretBytes;
import com.cloudbees.plugins.credentials.common.IdCredentials;
import com.cloudbees.plugins.credentials.common.StandardCertificateCredentials;
import com.cloudbees.plugins.credentials.domains.Domain;
import com.cloudbees.plugins.credentials.impl.CertificateCredentialsImpl;
import hudson.model.Item;
import hudson.model.ItemGroup;
import hudson.model.ModelObject;
import hudson.model.Run;
import hudson.security.ACL;
import hudson.security.ACLContext;
import hudson.security.Permission;
import hudson.util.Secret;
import io.github.acmecertificate.core.exception.StoreException;
import io.github.acmecertificate.jenkins.credentials.CredentialLookup;
import io.github.acmecertificate.jenkins.credentials.UserCredential;
import io.github.acmecertificate.core.store.credentials.CertificateEntry;
import io.github.acmecertificate.core.store.credentials.CredentialEntry;
import io.github.acmecertificate.core.store.credentials.CredentialsBackend;
import io.github.acmecertificate.core.store.credentials.KeyStoreContent;
import io.github.acmecertificate.core.store.credentials.OtherEntry;
import io.github.acmecertificate.core.store.credentials.SecretTextEntry;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.springframework.security.core.Authentication;

/**
 * The credentials of a job's folders and of the global store, as the plugin's stores use them.
 *
 * <p>Only the stores of the job's folders (nearest first) and the global store are used, never
 * a user's own store. A credential is found in the nearest store that holds its id, and may be
 * used only where the given identity (the build's, or the job's for the scheduled renewal) holds
 * Credentials/Update; a new one goes to the nearest store where it holds Credentials/Create.
 * Whether the identity could use an existing credential itself ({@link #usable}) is asked of
 * Jenkins' own lookup, which never returns SYSTEM-scoped credentials; the plugin's rules on top
 * (read only what the build could use, replace only what the plugin wrote) are
 * {@code GuardedCredentials}'. Having checked that, the write itself is done as the system,
 * because the stores check the permissions of whoever calls them and a build's thread may run
 * as an identity the store does not know.
 *
 * @since 0.1.0
 */
final class JenkinsCredentialsBackend implements CredentialsBackend {

    private final List<CredentialsStore> stores;
    private final Authentication authentication;
    private final Run<?, ?> build;
    private final Item job;

    private JenkinsCredentialsBackend(List<CredentialsStore> stores, Authentication authentication, Run<?, ?> build,
            Item job) {
        this.stores = stores;
        this.authentication = authentication;
        this.build = build;
        this.job = job;
    }

    /**
     * The credentials a build may provision into.
     *
     * @param build          the build
     * @param authentication the build's identity
     * @return the backend
     */
    static JenkinsCredentialsBackend forBuild(Run<?, ?> build, Authentication authentication) {
        return new JenkinsCredentialsBackend(storesOf(build.getParent()), authentication, build, build.getParent());
    }

    /**
     * The credentials of a job's folders and the global store, as the job's authentication may
     * use them: what the scheduled renewal renews into.
     *
     * @param job            the job that last ran the step
     * @param authentication the job's authentication ({@code Tasks.getAuthenticationOf2})
     * @return the backend
     */
    static JenkinsCredentialsBackend forJob(Item job, Authentication authentication) {
        return new JenkinsCredentialsBackend(storesOf(job), authentication, null, job);
    }

    /**
     * The global credentials store, as an administrator uses it from Manage Jenkins (the
     * account key administration): no job, no folder.
     *
     * @param authentication the administrator's identity
     * @return the backend
     */
    static JenkinsCredentialsBackend forAdministrator(Authentication authentication) {
        return new JenkinsCredentialsBackend(storesOf(Jenkins.get()), authentication, null, null);
    }

    private static List<CredentialsStore> storesOf(ModelObject context) {
        var result = new ArrayList<CredentialsStore>();
        try (ACLContext ignored = ACL.as2(ACL.SYSTEM2)) {
            for (CredentialsStore store : CredentialsProvider.lookupStores(context)) {
                // Folders and the global store (Jenkins is an ItemGroup); never a user's store.
                if (store.getContext() instanceof ItemGroup && !result.contains(store)) {
                    result.add(store);
                }
            }
        }
        return result;
    }

    /**
     * Reads secret texts from the global store, as the system: where an administrator keeps the
     * EAB HMAC keys named in the global configuration.
     *
     * @return the lookup
     */
    static CredentialLookup globalSecrets() {
        return id -> {
            try (ACLContext ignored = ACL.as2(ACL.SYSTEM2)) {
                return CredentialsProvider.lookupCredentialsInItemGroup(StringCredentials.class, Jenkins.get(),
                                ACL.SYSTEM2).stream()
                        .filter(c -> c.getId().equals(id))
                        .findFirst()
                        .map(c -> new UserCredential.SecretText(id, c.getSecret().getPlainText()));
            }
        };
    }

    /** Where a credential is: its store, domain and object. */
    private record Located(CredentialsStore store, Domain domain, Credentials credentials) {
    }

    private Optional<Located> locate(String id) {
        try (ACLContext ignored = ACL.as2(ACL.SYSTEM2)) {
            for (var store : stores) {
                for (var domain : store.getDomains()) {
                    for (var credentials : store.getCredentials(domain)) {
                        if (credentials instanceof IdCredentials idCredentials && idCredentials.getId().equals(id)) {
                            return Optional.of(new Located(store, domain, credentials));
                        }
                    }
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public Optional<CredentialEntry> find(String id) throws StoreException {
        var located = locate(id);
        if (located.isEmpty()) {
            return Optional.empty();
        }
        requirePermission(located.get().store(), CredentialsProvider.UPDATE, "update", id);
        var credentials = located.get().credentials();
        track(credentials);
        var description = credentials instanceof com.cloudbees.plugins.credentials.common.StandardCredentials s
                ? s.getDescription() : "";
        if (credentials instanceof StandardCertificateCredentials certificate) {
            return Optional.of(new CertificateEntry(id, description, certificate.getPassword().getPlainText(),
                    content(certificate)));
        }
        if (credentials instanceof StringCredentials secret) {
            return Optional.of(new SecretTextEntry(id, description, secret.getSecret().getPlainText()));
        }
        return Optional.of(new OtherEntry(id, description, credentials.getDescriptor().getDisplayName()));
    }

    /**
     * An uploaded PKCS#12 goes to the core as its bytes, which the core reads whatever the order
     * of the security providers; Jenkins' {@code getKeyStore()} reads it with the JDK's key store,
     * which cannot decrypt a standard PKCS#12 file where Bouncy Castle is the first provider.
     * Other sources (PEM entries in FIPS mode, other credential types) as Jenkins loads them.
     */
    private static KeyStoreContent content(StandardCertificateCredentials certificate) {
        if (certificate instanceof CertificateCredentialsImpl impl
                && impl.getKeyStoreSource() instanceof CertificateCredentialsImpl.UploadedKeyStoreSource uploaded
                && uploaded.getUploadedKeystore() != null) {
            return new KeyStoreContent.Pkcs12(uploaded.getUploadedKeystore().getPlainData());
        }
        return new KeyStoreContent.Loaded(certificate.getKeyStore());
    }

    /**
     * Looks the credential up as its user, the way {@code withCredentials} does: with the
     * build's authentication ({@code findCredentialById} for the build), or for the scheduled
     * renewal with the job's; SYSTEM-scoped credentials are never found this way.
     */
    @Override
    public boolean usable(String id) {
        if (build != null) {
            return CredentialsProvider.findCredentialById(id, IdCredentials.class, build) != null;
        }
        if (CredentialsProvider.findCredentialByIdInItem(id, IdCredentials.class, job, authentication,
                List.of()) != null) {
            return true;
        }
        // As findCredentialById does: a user who may use the item's credentials also gets those.
        return !JenkinsAuthorization.isSystem(authentication) && job != null
                && job.hasPermission2(authentication, CredentialsProvider.USE_ITEM)
                && CredentialsProvider.findCredentialByIdInItem(id, IdCredentials.class, job, ACL.SYSTEM2,
                        List.of()) != null;
    }

    @Override
    public boolean add(CredentialEntry entry) throws StoreException {
        if (locate(entry.id()).isPresent()) {
            return false;
        }
        var store = creationStore(entry.id());
        var credentials = toCredentials(entry, scopeFor(entry, store));
        try (ACLContext ignored = ACL.as2(ACL.SYSTEM2)) {
            var added = store.addCredentials(Domain.global(), credentials);
            if (added) {
                track(credentials);
            }
            return added;
        } catch (IOException | RuntimeException ex) {
            throw new StoreException("Could not add " + describe(entry.id()) + ": " + ex.getMessage(), ex);
        }
    }

    @Override
    public boolean update(CredentialEntry replacement) throws StoreException {
        var located = locate(replacement.id());
        if (located.isEmpty()) {
            return false;
        }
        var current = located.get();
        requirePermission(current.store(), CredentialsProvider.UPDATE, "update", replacement.id());
        var credentials = toCredentials(replacement, scopeFor(replacement, current.store()));
        try (ACLContext ignored = ACL.as2(ACL.SYSTEM2)) {
            var updated = current.store().updateCredentials(current.domain(), current.credentials(), credentials);
            if (updated) {
                track(credentials);
            }
            return updated;
        } catch (IOException | RuntimeException ex) {
            throw new StoreException("Could not update " + describe(replacement.id()) + ": " + ex.getMessage(), ex);
        }
    }

    /**
     * Certificates are GLOBAL, for pipelines to bind; the account key is the plugin's own and
     * SYSTEM-scoped, so that no pipeline can bind it, where the store has that scope (the global
     * store does; a folder's has only GLOBAL).
     */
    private static CredentialsScope scopeFor(CredentialEntry entry, CredentialsStore store) {
        var scopes = store.getScopes();
        return entry instanceof SecretTextEntry && scopes != null && scopes.contains(CredentialsScope.SYSTEM)
                ? CredentialsScope.SYSTEM : CredentialsScope.GLOBAL;
    }

    private static Credentials toCredentials(CredentialEntry entry, CredentialsScope scope) throws StoreException {
        try {
            if (entry instanceof CertificateEntry certificate) {
                CertificateCredentialsImpl.KeyStoreSource source;
                if (certificate.content() instanceof KeyStoreContent.Pkcs12 p12) {
                    source = new CertificateCredentialsImpl.UploadedKeyStoreSource(null,
                            SecretBytes.fromRawBytes(p12.bytes()));
                } else if (certificate.content() instanceof KeyStoreContent.PemEntry pem) {
                    source = new CertificateCredentialsImpl.PEMEntryKeyStoreSource(pem.certificateChain(),
                            pem.privateKey());
                } else {
                    throw new StoreException("A loaded key store cannot be written back as a credential", null);
                }
                return new CertificateCredentialsImpl(scope, certificate.id(), certificate.description(),
                        certificate.password(), source);
            }
            if (entry instanceof SecretTextEntry secret) {
                return new StringCredentialsImpl(scope, secret.id(), secret.description(),
                        Secret.fromString(secret.secret()));
            }
        } catch (IllegalArgumentException ex) {
            // The credentials' constructors check the key store and, in FIPS mode, the password.
            throw new StoreException("Jenkins refused the credential '" + entry.id() + "': " + ex.getMessage(), ex);
        }
        throw new StoreException("The credential '" + entry.id() + "' is of a kind this plugin does not write", null);
    }

    private CredentialsStore creationStore(String id) throws StoreException {
        for (var store : stores) {
            if (store.hasPermission2(authentication, CredentialsProvider.CREATE)) {
                return store;
            }
        }
        throw new StoreException(authentication.getName() + " may not create the credential '" + id + "' in "
                + (stores.isEmpty() ? "any credentials store" : "the credentials of "
                + String.join(" nor of ", stores.stream().map(JenkinsCredentialsBackend::name).toList()))
                + ". Grant it Credentials/Create there, or run the job as a user who may", null);
    }

    private void requirePermission(CredentialsStore store, Permission permission, String verb, String id)
            throws StoreException {
        if (!store.hasPermission2(authentication, permission)) {
            throw new StoreException("The credential '" + id + "' is in the credentials of " + name(store) + ", where "
                    + authentication.getName() + " may not " + verb + " credentials. Grant Credentials/"
                    + Character.toUpperCase(verb.charAt(0)) + verb.substring(1) + " there, or choose another id", null);
        }
    }

    private void track(Credentials credentials) {
        if (build != null) {
            CredentialsProvider.track(build, credentials);
        }
    }

    @Override
    public String contextOf(String id) throws StoreException {
        var store = locate(id).map(Located::store).orElse(null);
        return key(store != null ? store : creationStore(id));
    }

    @Override
    public String describe(String id) {
        var located = locate(id);
        if (located.isPresent()) {
            return "credential '" + id + "' in the credentials of " + name(located.get().store());
        }
        try {
            return "credential '" + id + "' (new) in the credentials of " + name(creationStore(id));
        } catch (StoreException ex) {
            return "credential '" + id + "'";
        }
    }

    private static String key(CredentialsStore store) {
        var context = store.getContext();
        return context instanceof Jenkins || !(context instanceof ItemGroup<?> group) ? "" : group.getFullName();
    }

    private static String name(CredentialsStore store) {
        var key = key(store);
        return key.isEmpty() ? "Jenkins (global)" : "folder " + key;
    }
}
