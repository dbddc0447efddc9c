package io.github.acmecertificate.core.challenge.dns;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.acmecertificate.core.CertificateRequest;
import io.github.acmecertificate.core.exception.InvalidInputException;
import io.github.acmecertificate.core.name.SubjectName;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Provider discovery, option checks and settings: everything decided before any network call. */
public class DnsProvidersTest {

    private static final String SECRET = "c2VjcmV0LXRzaWcta2V5LW1hdGVyaWFsLTAxMjM0NTY3";
    private static final ClassLoader LOADER = DnsProvidersTest.class.getClassLoader();

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private static InvalidInputException invalid(Map<String, String> options, SecretSource secrets) {
        return assertThrows(InvalidInputException.class, () -> Dns01Solver.create("rfc2136", options, secrets,
                DnsSettings.defaults(), LOADER));
    }

    @Test
    public void providersSayWhenTheyUseTheMachineItself() throws Exception {
        var exec = DnsProviders.require("exec", LOADER);
        assertEquals(java.util.Optional.of("runs a program on this machine (the exec DNS provider)"),
                exec.hostAccess(java.util.Map.of("command", "/bin/true"), false));
        var rfc2136 = DnsProviders.require("rfc2136", LOADER);
        assertTrue(rfc2136.hostAccess(java.util.Map.of("nameserver", "ns1.example.test"), true).isEmpty());
        assertEquals(java.util.Optional.of("reads the file named by the option TSIG_SECRET_FILE on this machine"),
                rfc2136.hostAccess(java.util.Map.of("nameserver", "ns1", "TSIG_SECRET_FILE", "/etc/key"), false));
    }

    @Test
    public void builtInProvidersAreFoundThroughTheGivenClassLoader() {
        var names = DnsProviders.available(LOADER).stream().map(DnsProviderFactory::name).toList();
        assertTrue(names.toString(), names.containsAll(List.of("acme-dns", "exec", "rfc2136")));
        assertEquals("rfc2136", DnsProviders.find("RFC2136", LOADER).orElseThrow().name());
        // A class loader that does not see the core's service file finds nothing.
        var isolated = new URLClassLoader(new URL[0], ClassLoader.getPlatformClassLoader());
        assertEquals(List.of(), DnsProviders.available(isolated));
    }

    @Test
    public void unknownOrMissingProviderIsNamedWithTheChoices() {
        var unknown = assertThrows(InvalidInputException.class, () -> DnsProviders.require("bind", LOADER));
        assertEquals("dns.provider", unknown.field());
        assertTrue(unknown.getMessage(), unknown.getMessage().contains("acme-dns, exec, rfc2136"));
        var separate = assertThrows(InvalidInputException.class, () -> DnsProviders.require("route53", LOADER));
        assertTrue(separate.getMessage(), separate.getMessage().contains("io.github.acmecertificate:acme-dns-route53"));
        var none = assertThrows(InvalidInputException.class, () -> DnsProviders.require(" ", LOADER));
        assertTrue(none.getMessage(), none.getMessage().contains("no DNS provider was chosen"));
    }

    @Test
    public void theFormCheckNamesWhatIsWrongWithoutReadingAnyFile() throws Exception {
        var rfc2136 = DnsProviders.require("rfc2136", LOADER);
        assertTrue(DnsProviders.check(rfc2136, Map.of("nameserver", "ns1.example.test")).isEmpty());
        assertEquals(List.of("dns.nameserver"), fields(DnsProviders.check(rfc2136, Map.of())));
        assertEquals(List.of("dns.tsigSecret"), fields(DnsProviders.check(rfc2136,
                Map.of("nameserver", "ns1", "tsigSecret", "x"))));
        assertEquals(List.of("dns.zoneId"), fields(DnsProviders.check(rfc2136,
                Map.of("nameserver", "ns1", "zoneId", "x"))));
        // A file that does not exist is no problem here: the run reads it, the form does not.
        assertTrue(DnsProviders.check(rfc2136, Map.of("nameserver", "ns1", "tsigSecretFile", "/missing/key"))
                .isEmpty());
    }

    private static List<String> fields(List<InvalidInputException.Problem> problems) {
        return problems.stream().map(InvalidInputException.Problem::field).toList();
    }

    @Test
    public void missingRequiredOptionIsNamed() {
        var ex = invalid(Map.of(), SecretSource.NONE);
        assertEquals("dns.nameserver", ex.field());
        assertTrue(ex.getMessage(), ex.getMessage().contains("is required by the rfc2136 DNS provider"));
    }

    @Test
    public void secretInTheBuildConfigurationIsRefusedWithoutRepeatingIt() {
        var options = Map.of("nameserver", "ns1.example.com", "tsigKeyName", "acme", "tsigSecret", SECRET);
        var ex = invalid(options, SecretSource.NONE);
        assertEquals("dns.tsigSecret", ex.field());
        assertTrue(ex.getMessage(), ex.getMessage().contains("tsigSecretFile"));
        assertFalse(ex.getMessage(), ex.getMessage().contains(SECRET));
    }

    @Test
    public void everyProblemIsReportedAtOnce() {
        var options = Map.of("nameserver", "ns1.example.com:99999", "ttl", "soon", "tsig_algorithm", "rot13",
                "colour", "blue");
        var ex = invalid(options, SecretSource.NONE);
        var fields = ex.problems().stream().map(InvalidInputException.Problem::field).toList();
        assertEquals(List.of("dns.colour"), fields);
        // Unknown keys are reported before values are parsed; with them fixed, values are checked together.
        var values = invalid(Map.of("nameserver", "ns1.example.com:99999", "ttl", "soon", "tsig_algorithm", "rot13"),
                SecretSource.NONE);
        var valueFields = values.problems().stream().map(InvalidInputException.Problem::field).toList();
        assertEquals(List.of("dns.nameserver", "dns.tsigAlgorithm", "dns.ttl"), valueFields);
    }

    @Test
    public void keysMayBeWrittenInKebabOrSnakeCase() throws Exception {
        var options = Map.of("nameserver", "127.0.0.1:5353", "tsig-key-name", "acme-update", "TSIG_ALGORITHM",
                "hmac-sha512");
        try (var solver = Dns01Solver.create("rfc2136", options, SecretSource.of(Map.of("tsigSecret", SECRET)),
                DnsSettings.defaults(), LOADER)) {
            assertEquals("DNS-01 through rfc2136 (nameserver 127.0.0.1:5353, TSIG key acme-update. hmac-sha512)",
                    solver.describe());
        }
    }

    @Test
    public void secretFromAFileOrFromACredential() throws Exception {
        var file = temp.newFile("tsig.secret").toPath();
        Files.writeString(file, SECRET + "\n");
        var options = new HashMap<>(Map.of("nameserver", "127.0.0.1", "tsigKeyName", "acme",
                "tsigSecretFile", file.toString()));
        try (var solver = Dns01Solver.create("rfc2136", options, SecretSource.NONE, DnsSettings.defaults(), LOADER)) {
            assertTrue(solver.describe().contains("TSIG key acme."));
        }

        var rfc2136 = DnsProviders.require("rfc2136", LOADER);
        var credential = SecretSource.ofCredential(rfc2136, "from-credential", SECRET);
        try (var solver = Dns01Solver.create("rfc2136", Map.of("nameserver", "127.0.0.1"), credential,
                DnsSettings.defaults(), LOADER)) {
            assertTrue("the credential's username fills tsigKeyName", solver.describe()
                    .contains("TSIG key from-credential."));
        }
        try (var solver = Dns01Solver.create("rfc2136", Map.of("nameserver", "127.0.0.1", "tsigKeyName", "explicit"),
                credential, DnsSettings.defaults(), LOADER)) {
            assertTrue("an explicit option wins over the credential's username",
                    solver.describe().contains("TSIG key explicit."));
        }

        options.put("tsigSecretFile", temp.getRoot().toPath().resolve("missing").toString());
        var unreadable = invalid(options, SecretSource.NONE);
        assertEquals("dns.tsigSecretFile", unreadable.field());
        assertTrue(unreadable.getMessage(), unreadable.getMessage().contains("missing"));

        options.put("tsigSecretFile", file.toString());
        var both = invalid(options, credential);
        assertEquals("dns.tsigSecretFile", both.field());
        assertTrue(both.getMessage(), both.getMessage().contains("keep one of them"));
    }

    @Test
    public void malformedSecretIsReportedWithoutItsValue() {
        var ex = invalid(Map.of("nameserver", "127.0.0.1", "tsigKeyName", "acme"),
                SecretSource.of(Map.of("tsigSecret", "not base64 at all !!!")));
        assertEquals("dns.tsigSecret", ex.field());
        assertFalse(ex.getMessage(), ex.getMessage().contains("not base64 at all"));
    }

    @Test
    public void keyNameWithoutSecretIsNamed() {
        var ex = invalid(Map.of("nameserver", "127.0.0.1", "tsigKeyName", "acme"), SecretSource.NONE);
        assertEquals("dns.tsigSecret", ex.field());
    }

    @Test
    public void secretSourceIsAskedOnlyForSecretAndUsernameOptions() throws Exception {
        var asked = new AtomicInteger();
        SecretSource counting = key -> {
            asked.incrementAndGet();
            assertTrue(key, key.equals("tsigSecret") || key.equals("tsigKeyName"));
            return Optional.empty();
        };
        Dns01Solver.create("rfc2136", Map.of("nameserver", "127.0.0.1"), counting, DnsSettings.defaults(), LOADER)
                .close();
        assertEquals(2, asked.get());
    }

    @Test
    public void ipAddressesAreRefusedByTheRequestBeforeAnyNetworkCall() throws Exception {
        var solver = Dns01Solver.create("rfc2136", Map.of("nameserver", "192.0.2.1"), SecretSource.NONE,
                DnsSettings.defaults(), LOADER);
        var ex = assertThrows(InvalidInputException.class, () -> CertificateRequest.builder()
                .server("https://192.0.2.1/dir").acceptTermsOfService(true)
                .domains("example.com,192.0.2.7,2001:db8::1").challenge(solver).build());
        assertEquals("challenge", ex.field());
        assertTrue(ex.getMessage(), ex.getMessage().contains("(192.0.2.7, 2001:db8:"));
    }

    @Test
    public void acmeDnsServesAtMostTwoNames() throws Exception {
        var solver = Dns01Solver.create("acme-dns", Map.of("apiUrl", "https://auth.example.org", "subdomain",
                "d420c923-bbd7-4056-ab64-c3ca54c9b3cf", "username", "u"),
                SecretSource.of(Map.of("password", "p")), DnsSettings.defaults(), LOADER);
        solver.validate(List.of(SubjectName.parse("*.example.com"), SubjectName.parse("example.com")));
        var ex = assertThrows(InvalidInputException.class, () -> solver.validate(List.of(
                SubjectName.parse("a.example.com"), SubjectName.parse("b.example.com"),
                SubjectName.parse("c.example.com"))));
        assertEquals("dns.subdomain", ex.field());
        var badUrl = assertThrows(InvalidInputException.class, () -> Dns01Solver.create("acme-dns",
                Map.of("apiUrl", "ftp://auth", "subdomain", "x", "username", "u"),
                SecretSource.of(Map.of("password", "p")), DnsSettings.defaults(), LOADER));
        assertEquals("dns.apiUrl", badUrl.field());
    }

    @Test
    public void settingsAreCheckedAndNamed() throws Exception {
        var settings = DnsSettings.builder().propagationTimeout("PT3M").propagationInterval("5")
                .resolvers("1.1.1.1, [2606:4700:4700::1111]:53,ns.example.net:5353").nameserverPort(5353)
                .followCnames(false).skipPropagationCheck(true).build();
        assertEquals(Optional.of(Duration.ofMinutes(3)), settings.propagationTimeout());
        assertEquals(Optional.of(Duration.ofSeconds(5)), settings.propagationInterval());
        assertEquals(List.of(new DnsServer("1.1.1.1", 53), new DnsServer("2606:4700:4700::1111", 53),
                new DnsServer("ns.example.net", 5353)), settings.resolvers());
        assertEquals(5353, settings.nameserverPort());
        assertFalse(settings.followCnames());
        assertTrue(settings.skipPropagationCheck());

        var ex = assertThrows(InvalidInputException.class, () -> DnsSettings.builder().propagationTimeout("soon")
                .propagationInterval("-PT1S").resolvers("bad host!").nameserverPort(0).build());
        assertEquals(List.of("dns.propagationTimeout", "dns.propagationInterval", "dns.resolvers",
                "dns.nameserverPort"), ex.problems().stream().map(InvalidInputException.Problem::field).toList());
        var longer = assertThrows(InvalidInputException.class, () -> DnsSettings.builder()
                .propagationTimeout("PT10S").propagationInterval("PT1M").build());
        assertEquals("dns.propagationInterval", longer.field());
    }

    @Test
    public void everyOptionIsDescribedAndSecretsHaveNoDefault() {
        for (var factory : DnsProviders.available(LOADER)) {
            assertTrue(factory.name(), factory.name().matches("[a-z0-9-]+"));
            assertFalse(factory.name(), factory.description().isBlank());
            for (var option : factory.options()) {
                assertFalse(option.key(), option.description().isBlank());
                if (option.secret()) {
                    assertTrue(option.key(), option.defaultValue().isEmpty());
                    assertEquals(DnsProviderOption.Credential.SECRET, option.credential());
                }
            }
        }
    }

    @Test
    public void acmeDnsNeverSendsItsApiKeyOverPlainHttpExceptToLoopback() throws Exception {
        var settings = DnsSettings.builder().skipPropagationCheck(true).followCnames(false).build();
        var plain = assertThrows(InvalidInputException.class, () -> Dns01Solver.create("acme-dns",
                Map.of("apiUrl", "http://auth.example.com", "subdomain", "d420c923", "username", "u"),
                SecretSource.of(Map.of("password", "acme-dns-key-123")), settings));
        assertEquals("dns.apiUrl", plain.field());
        assertTrue(plain.getMessage(), plain.getMessage().contains("'http://auth.example.com' would send the "
                + "provider's secret unencrypted. Use https://auth.example.com"));
        assertFalse(plain.getMessage().contains("acme-dns-key-123"));
        for (var url : List.of("https://auth.example.com", "http://127.0.0.1:8080", "http://localhost:8080")) {
            Dns01Solver.create("acme-dns", Map.of("apiUrl", url, "subdomain", "d420c923", "username", "u"),
                    SecretSource.of(Map.of("password", "acme-dns-key-123")), settings).close();
        }
    }
}
