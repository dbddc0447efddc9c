package io.github.acmecertificate.jenkins.security;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

import io.github.acmecertificate.core.exception.StoreException;
import io.github.acmecertificate.core.key.KeyType;
import io.github.acmecertificate.core.store.AccountRecord;
import io.github.acmecertificate.jenkins.security.BuildAuthorization.Identity;
import io.github.acmecertificate.core.store.credentials.CertificateCredentialMapper;
import io.github.acmecertificate.core.store.credentials.CredentialsAccountStore;
import io.github.acmecertificate.core.store.credentials.CredentialsCertificateStore;
import io.github.acmecertificate.core.store.credentials.InMemoryCredentials;
import io.github.acmecertificate.core.store.credentials.OwnedCredentials;
import io.github.acmecertificate.core.store.credentials.SecretTextEntry;
import io.github.acmecertificate.core.store.credentials.TestCertificates;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The credentials through the guard, as a build uses them: a credential the build could not use
 * is neither read nor replaced, a credential the plugin did not write is never replaced (whatever
 * its description says), and the account key is used only when the plugin wrote it.
 */
public class GuardedCredentialsTest {

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private final InMemoryCredentials credentials = new InMemoryCredentials();
    private final CertificateCredentialMapper mapper = new CertificateCredentialMapper(false);

    private RunGuard guard() throws Exception {
        return new RunGuard(new BuildAuthorization(Identity.SYSTEM, "SYSTEM", Set.of()),
                new OwnedCredentials(folder.getRoot().toPath().resolve("owned")));
    }

    private CredentialsCertificateStore certificates(RunGuard guard) {
        return new CredentialsCertificateStore(guard.certificates(credentials), mapper, id -> Optional.empty());
    }

    @Test
    public void theStepReplacesWhatItWrote() throws Exception {
        var guard = guard();
        certificates(guard).save(TestCertificates.bundle("web-tls", "example.test"));
        var second = TestCertificates.bundle("web-tls", "example.test");
        certificates(guard).save(second);
        assertEquals(1, credentials.adds());
        assertEquals(1, credentials.updates());
        assertEquals(second.certificate(), certificates(guard).load("web-tls").orElseThrow().certificate());
    }

    @Test
    public void aForeignCertificateCredentialIsNotReplacedWhateverItsDescription() throws Exception {
        var theirs = mapper.toEntry("web-tls", TestCertificates.bundle("web-tls", "example.test"));
        credentials.preset(new io.github.acmecertificate.core.store.credentials.CertificateEntry("web-tls",
                "example.test (managed by the acmeCertificate step)", theirs.password(), theirs.content()));
        var store = certificates(guard());
        var ex = assertThrows(StoreException.class,
                () -> store.save(TestCertificates.bundle("web-tls", "example.test")));
        assertTrue(ex.getMessage(), ex.getMessage().contains("'web-tls' was not written by the acmeCertificate step"));
        assertEquals("nothing was written", 0, credentials.updates());
        assertEquals(theirs.content(), credentials.raw("web-tls").orElseThrow() instanceof
                io.github.acmecertificate.core.store.credentials.CertificateEntry c ? c.content() : null);
    }

    @Test
    public void aCredentialReplacedBySomeoneElseIsNoLongerTheStepsToReplace() throws Exception {
        var guard = guard();
        certificates(guard).save(TestCertificates.bundle("web-tls", "example.test"));
        // An administrator uploads another certificate under the same id.
        credentials.preset(mapper.toEntry("web-tls", TestCertificates.bundle("web-tls", "other.test")));
        var ex = assertThrows(StoreException.class,
                () -> certificates(guard).save(TestCertificates.bundle("web-tls", "example.test")));
        assertTrue(ex.getMessage(), ex.getMessage().contains("not written by the acmeCertificate step"));
        assertEquals(0, credentials.updates());
    }

    @Test
    public void aCredentialTheBuildMayNotUseIsNeitherReadNorReplaced() throws Exception {
        var guard = guard();
        certificates(guard).save(TestCertificates.bundle("web-tls", "example.test"));
        credentials.hide("web-tls"); // SYSTEM-scoped, say: no build can bind it.
        var read = assertThrows(StoreException.class, () -> certificates(guard).load("web-tls"));
        assertTrue(read.getMessage(), read.getMessage().contains("'web-tls' exists, but this build may not use it"));
        var write = assertThrows(StoreException.class,
                () -> certificates(guard).save(TestCertificates.bundle("web-tls", "example.test")));
        assertTrue(write.getMessage(), write.getMessage().contains("may not use it"));
        assertEquals(0, credentials.updates());
    }

    @Test
    public void theAccountKeyIsUsedOnlyWhenTheStepWroteIt() throws Exception {
        var guard = guard();
        var account = new AccountRecord(KeyType.EC_P256.generate(), URI.create("https://ca.test/acct/1").toURL());
        new CredentialsAccountStore(guard.accounts(credentials), "acme-account-x").saveAccount("ca", account);
        assertEquals(Optional.of(account.location()), new CredentialsAccountStore(guard.accounts(credentials),
                "acme-account-x").loadAccount("ca").map(AccountRecord::location));

        // Someone else's secret text, named as the account credential: never read.
        credentials.preset(new SecretTextEntry("team-secret", "", "a password of another team"));
        var ex = assertThrows(StoreException.class, () -> new CredentialsAccountStore(guard.accounts(credentials),
                "team-secret").loadAccount("ca"));
        assertTrue(ex.getMessage(), ex.getMessage().contains("uses only account key credentials it created itself"));
        assertTrue(ex.getMessage(), !ex.getMessage().contains("a password of another team"));
    }

    @Test
    public void theLedgerKeepsNoSecretAndFollowsAFolderRename() throws Exception {
        var ledger = new OwnedCredentials(folder.getRoot().toPath().resolve("owned"));
        var entry = new SecretTextEntry("acme-account-x", "", "-----BEGIN PRIVATE KEY----- secret");
        ledger.claim("team", entry);
        try (var files = Files.list(folder.getRoot().toPath().resolve("owned"))) {
            for (Path file : files.toList()) {
                assertTrue(!Files.readString(file).contains("secret"));
            }
        }
        assertTrue(ledger.owns("team", entry));
        assertEquals(false, ledger.owns("", entry));
        assertEquals(1, ledger.moved("team", "renamed-team"));
        assertTrue(ledger.owns("renamed-team", entry));
        assertEquals(false, ledger.owns("team", entry));
    }
}
