package io.github.acmecertificate.core;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.github.acmecertificate.core.challenge.Http01StandaloneSolver;
import io.github.acmecertificate.core.challenge.Http01WebrootSolver;
import io.github.acmecertificate.core.exception.InvalidInputException;
import io.github.acmecertificate.core.key.KeyType;
import io.github.acmecertificate.core.name.SubjectName;
import io.github.acmecertificate.core.store.FileStore;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.shredzone.acme4j.util.CSRBuilder;

public class CertificateRequestTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private static CertificateRequest.Builder valid() throws InvalidInputException {
        return CertificateRequest.builder()
                .server("letsencrypt-staging")
                .acceptTermsOfService(true)
                .domains("example.com, www.example.com")
                .challenge(new Http01StandaloneSolver(null, 80));
    }

    private static InvalidInputException invalid(CertificateRequest.Builder builder) {
        return assertThrows(InvalidInputException.class, builder::build);
    }

    @Test
    public void buildsWithDefaults() throws Exception {
        var request = valid().build();
        assertEquals("example.com", request.name());
        assertEquals(KeyType.EC_P256, request.keyType());
        assertEquals("https://acme-staging-v02.api.letsencrypt.org/directory", request.ca().directoryUrl().toString());
        assertEquals(List.of("example.com", "www.example.com"), request.names().stream().map(SubjectName::value).toList());
        assertEquals(CertificateRequest.DEFAULT_TIMEOUT, request.timeout());
        assertFalse(request.renewal().forced());
    }

    @Test
    public void wildcardAndBaseNameDefaultToTwoNames() throws Exception {
        var wildcard = CertificateRequest.builder().server("letsencrypt").acceptTermsOfService(true)
                .domains("*.example.com,example.com").challenge(new NoopDnsSolver()).build();
        var base = CertificateRequest.builder().server("letsencrypt").acceptTermsOfService(true)
                .domains("example.com,*.example.com").challenge(new NoopDnsSolver()).build();
        assertEquals("example.com_wildcard", wildcard.name());
        assertEquals("where earlier versions stored it", java.util.Optional.of("example.com"),
                wildcard.previousDefaultName());
        assertEquals("example.com", base.name());
        assertEquals(java.util.Optional.empty(), base.previousDefaultName());
        var named = CertificateRequest.builder().server("letsencrypt").acceptTermsOfService(true)
                .domains("*.example.com").name("mine").challenge(new NoopDnsSolver()).build();
        assertEquals("a given name is never looked up elsewhere", java.util.Optional.empty(),
                named.previousDefaultName());
    }

    @Test
    public void missingDomainsNamesTheField() {
        var ex = assertThrows(InvalidInputException.class, () -> CertificateRequest.builder()
                .server("letsencrypt").challenge(new Http01StandaloneSolver(null, 80)).build());
        assertEquals("domains", ex.field());
        assertTrue(ex.getMessage(), ex.getMessage().contains("e.g. example.com"));
    }

    @Test
    public void malformedDomainNamesTheField() throws Exception {
        var ex = invalid(valid().domains("bad..name"));
        assertEquals("domains", ex.field());
        assertTrue(ex.getMessage(), ex.getMessage().contains("bad..name"));
    }

    @Test
    public void wildcardWithHttp01IsRefusedBeforeAnyNetworkCall() throws Exception {
        var ex = invalid(valid().domains("*.example.com"));
        assertEquals("challenge", ex.field());
        assertTrue(ex.getMessage(), ex.getMessage().contains("dns-01"));
    }

    @Test
    public void unknownKeyTypeListsTheChoices() throws Exception {
        var ex = invalid(valid().keyType("dsa-1024"));
        assertEquals("keyType", ex.field());
        assertTrue(ex.getMessage(), ex.getMessage().contains("ec-p256, ec-p384, rsa-2048, rsa-3072, rsa-4096"));
    }

    @Test
    public void unknownCaAliasListsTheAliases() throws Exception {
        var ex = invalid(valid().server("letsencrypt-prod"));
        assertEquals("server", ex.field());
        assertTrue(ex.getMessage(), ex.getMessage().contains("letsencrypt-staging"));
    }

    @Test
    public void plainHttpServerIsRefused() throws Exception {
        var ex = invalid(valid().server("http://ca.example/dir"));
        assertEquals("server", ex.field());
        assertTrue(ex.getMessage(), ex.getMessage().contains("https"));
    }

    @Test
    public void portOutOfRangeNamesTheField() {
        var ex = assertThrows(InvalidInputException.class, () -> new Http01StandaloneSolver(null, 70000));
        assertEquals("http.port", ex.field());
    }

    @Test
    public void unreadableTrustFileNamesTheField() throws Exception {
        var ex = invalid(valid().server("https://ca.example/dir").serverTrust(temp.getRoot().toPath().resolve("none.pem")));
        assertEquals("serverTrust", ex.field());
        var notPem = temp.newFile("x.pem").toPath();
        Files.writeString(notPem, "hello");
        ex = invalid(valid().server("https://ca.example/dir").serverTrust(notPem));
        assertEquals("serverTrust", ex.field());
    }

    @Test
    public void badRenewBeforeNamesTheField() throws Exception {
        assertEquals("renewBefore", invalid(valid().renewBefore("30 days")).field());
        assertEquals("renewBefore", invalid(valid().renewBefore("-P1D")).field());
        var request = valid().renewBefore("p30d").build();
        assertFalse(request.renewal().forced());
    }

    @Test
    public void badNameAndEmailAreReported() throws Exception {
        assertEquals("name", invalid(valid().name("../etc")).field());
        assertEquals("email", invalid(valid().email("not-an-address")).field());
        assertEquals("admin@example.com", valid().email("mailto:admin@example.com").build().account().email().get());
    }

    @Test
    public void incompleteExternalAccountBindingIsReported() throws Exception {
        var ex = invalid(valid().externalAccountBinding("kid-1", null));
        assertEquals("eab", ex.field());
        assertTrue(ex.getMessage(), ex.getMessage().contains("no HMAC key"));
    }

    @Test
    public void externalAccountBindingProblemsNeverShowTheHmacKey() throws Exception {
        var hmac = "c2VjcmV0LWhtYWMta2V5LWZvci10ZXN0cw";
        var ex = invalid(valid().externalAccountBinding(" ", hmac));
        assertEquals("eab", ex.field());
        assertTrue(ex.getMessage(), ex.getMessage().contains("no key id"));
        assertFalse("the HMAC key never shows: " + ex.getMessage(), ex.getMessage().contains(hmac));
        var malformed = "secret hmac!";
        ex = invalid(valid().externalAccountBinding("kid-1", malformed));
        assertTrue(ex.getMessage(), ex.getMessage().contains("not base64url"));
        assertFalse("the HMAC key never shows: " + ex.getMessage(), ex.getMessage().contains(malformed));
    }

    @Test
    public void everyProblemIsListedAtOnce() throws Exception {
        var ex = invalid(CertificateRequest.builder().server("nope").keyType("x").renewBefore("y")
                .challenge(new Http01StandaloneSolver(null, 80)));
        var fields = ex.problems().stream().map(InvalidInputException.Problem::field).toList();
        assertTrue(fields.toString(), fields.containsAll(List.of("server", "domains", "keyType", "renewBefore")));
    }

    @Test
    public void missingChallengeIsReported() throws Exception {
        var ex = invalid(CertificateRequest.builder().server("letsencrypt").domains("example.com"));
        assertEquals("challenge", ex.field());
    }

    @Test
    public void webrootMustExist() {
        var ex = assertThrows(InvalidInputException.class,
                () -> new Http01WebrootSolver(temp.getRoot().toPath().resolve("missing")));
        assertEquals("webroot", ex.field());
    }

    @Test
    public void csrSuppliesTheNamesAndExcludesKeyOptions() throws Exception {
        var csrFile = csr("csr.example", "www.csr.example");
        var request = CertificateRequest.builder().server("letsencrypt").acceptTermsOfService(true)
                .csr(csrFile).challenge(new Http01StandaloneSolver(null, 80)).build();
        assertEquals(List.of("csr.example", "www.csr.example"),
                request.names().stream().map(SubjectName::value).toList());
        assertTrue(request.csr().isPresent());

        var ex = invalid(CertificateRequest.builder().server("letsencrypt").csr(csrFile).keyType("rsa-2048")
                .challenge(new Http01StandaloneSolver(null, 80)));
        assertEquals("keyType", ex.field());
        ex = invalid(CertificateRequest.builder().server("letsencrypt").csr(csrFile).domains("other.example")
                .challenge(new Http01StandaloneSolver(null, 80)));
        assertEquals("domains", ex.field());
    }

    @Test
    public void unreadableCsrNamesTheField() throws Exception {
        var file = temp.newFile("bad.csr").toPath();
        Files.writeString(file, "-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----\n");
        var ex = invalid(CertificateRequest.builder().server("letsencrypt").csr(file)
                .challenge(new Http01StandaloneSolver(null, 80)));
        assertEquals("csr", ex.field());
    }

    @Test
    public void validationWritesNothing() throws Exception {
        var root = temp.getRoot().toPath().resolve("store");
        // Terms not accepted: refused by the provisioner before any lock, file or request.
        var request = valid().acceptTermsOfService(false).build();
        var ex = assertThrows(InvalidInputException.class,
                () -> new CertificateProvisioner(new FileStore(root)).provision(request, e -> { }));
        assertEquals("acceptTermsOfService", ex.field());
        assertFalse(Files.exists(root));
    }

    private Path csr(String... names) throws Exception {
        var builder = new CSRBuilder();
        builder.addDomains(names);
        builder.sign(KeyType.EC_P256.generate());
        var file = temp.newFile().toPath();
        try (var writer = Files.newBufferedWriter(file)) {
            builder.write(writer);
        }
        return file;
    }
}
