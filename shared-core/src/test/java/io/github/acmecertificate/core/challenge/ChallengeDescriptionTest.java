package io.github.acmecertificate.core.challenge;

import io.github.acmecertificate.core.config.Option;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.github.acmecertificate.core.config.Option.Kind;
import io.github.acmecertificate.core.challenge.dns.Dns01Solver;
import io.github.acmecertificate.core.config.Credential;
import io.github.acmecertificate.core.exception.InvalidInputException;
import io.github.acmecertificate.core.exception.InvalidInputException.Problem;
import io.github.acmecertificate.core.ssh.SshEndpoint;
import org.junit.Test;

/** The one challenge description: names, plain-data records, checks and the mapping to solvers. */
public class ChallengeDescriptionTest {

    private static final ChallengeContext NO_SECRETS = new ChallengeContext() {
        @Override
        public Credential credential(String field, String reference) throws InvalidInputException {
            throw new InvalidInputException(field, "no credential '" + reference + "'");
        }

        @Override
        public SshEndpoint sshEndpoint(ChallengeDescription description) throws InvalidInputException {
            throw new InvalidInputException("sftpWebroot.server", "no SSH here");
        }
    };

    @Test
    public void typesReadTheSameInEverySyntax() {
        for (var name : List.of("dns-01", "dns01", "DNS_01", " Dns-01 ")) {
            assertEquals(name, Optional.of(ChallengeType.DNS_01), ChallengeType.find(name));
        }
        assertEquals(Optional.of(ChallengeType.HTTP_01_SFTP), ChallengeType.find("sftpWebroot"));
        assertEquals(Optional.of(ChallengeType.HTTP_01_SFTP), ChallengeType.find("http-01-sftp"));
        assertEquals(Optional.of(ChallengeType.HTTP_01_WEBROOT), ChallengeType.find("webroot"));
        assertEquals(Optional.of(ChallengeType.HTTP_01), ChallengeType.find("http01"));
        assertEquals(Optional.empty(), ChallengeType.find("tls-alpn-01"));
    }

    @Test
    public void everyOptionIsDeclaredOnceWithItsKindDefaultAndHelp() {
        var dns = ChallengeType.DNS_01.options();
        assertEquals(List.of("provider", "credential", "options", "propagationTimeout", "propagationInterval",
                "skipPropagationCheck", "resolvers", "nameserverPort", "followCnames", "queryTimeout"),
                dns.stream().map(Option::name).toList());
        for (var type : ChallengeType.values()) {
            for (var option : type.options()) {
                assertTrue(option.name(), option.help().endsWith("."));
                assertEquals(option.name(), option.kind() == Kind.CREDENTIAL, option.secret());
                assertEquals(1, type.options().stream().filter(o -> o.name().equals(option.name())).count());
            }
        }
        assertEquals("53", ChallengeDescription.builder(ChallengeType.DNS_01).build().get("nameserverPort"));
    }

    @Test
    public void recordsArePlainStringsAndRoundTrip() throws Exception {
        var description = ChallengeDescription.builder("dns01").option("provider", "rfc2136")
                .option("credential", "tsig").option("options", "nameserver=ns1.example.test")
                .option("skipPropagationCheck", true).option("resolvers", "  ").build();
        assertEquals("blank and default values are not recorded", Map.of("type", "dns-01", "provider", "rfc2136",
                "credential", "tsig", "options", "nameserver=ns1.example.test", "skipPropagationCheck", "true"),
                description.toRecord());
        assertEquals("the default means the same as nothing", ChallengeDescription.builder("dns01").build(),
                ChallengeDescription.builder("dns01").option("nameserverPort", 53).option("followCnames", true).build());
        assertEquals("a blank value means the default", "true", description.get("followCnames"));
        assertEquals(description, ChallengeDescription.fromRecord(description.toRecord()));
        assertThrows(IllegalArgumentException.class, () -> ChallengeDescription.builder("dns01")
                .option("tsigSecret", "x").build());
    }

    @Test
    public void checksNameEveryWrongValue() throws Exception {
        var description = ChallengeDescription.builder("dns-01").option("provider", "rfc2136")
                .option("propagationTimeout", "soon").option("followCnames", "maybe").option("nameserverPort", "0")
                .option("options", "nameserver").build();
        assertEquals(List.of("dns.options", "dns.propagationTimeout", "dns.followCnames", "dns.nameserverPort"),
                description.check().stream().map(Problem::field).sorted((a, b) -> order(a) - order(b)).toList());
        var ex = assertThrows(InvalidInputException.class, () -> description.createSolver(NO_SECRETS));
        assertTrue(ex.getMessage(), ex.problems().stream().map(Problem::field).toList()
                .containsAll(List.of("dns.options", "dns.propagationTimeout", "dns.followCnames")));
    }

    private static int order(String field) {
        return List.of("dns.options", "dns.propagationTimeout", "dns.followCnames", "dns.nameserverPort")
                .indexOf(field);
    }

    @Test
    public void credentialReferencesAreResolvedByTheFrontEnd() throws Exception {
        var missing = ChallengeDescription.builder("dns01").option("provider", "exec")
                .option("options", "command=/bin/true").option("credential", "nope").build();
        assertEquals("dns.credential", assertThrows(InvalidInputException.class,
                () -> missing.createSolver(NO_SECRETS)).field());
        var fine = ChallengeDescription.builder("dns01").option("provider", "exec")
                .option("options", "command=/bin/true").option("skipPropagationCheck", "true")
                .option("followCnames", "false").build();
        try (var solver = fine.createSolver(NO_SECRETS)) {
            assertTrue(solver instanceof Dns01Solver);
        }
        assertEquals("dns.provider", assertThrows(InvalidInputException.class,
                () -> ChallengeDescription.builder("dns01").build().createSolver(NO_SECRETS)).field());
    }
}
