package io.github.acmecertificate.maven;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeSet;
import java.util.regex.Pattern;

import io.github.acmecertificate.core.exception.InvalidInputException;
import org.junit.Test;

/** The hints of a failed build name only user properties that exist, and never invite a secret. */
public class AcmePropertiesTest {

    @Test
    public void theKnownPropertiesAreThoseOfTheDescriptor() throws Exception {
        var descriptor = Files.readString(Path.of("target/classes/META-INF/maven/plugin.xml"));
        var matcher = Pattern.compile("\\$\\{(acme\\.[A-Za-z0-9.]+)}").matcher(descriptor);
        var properties = new TreeSet<String>();
        while (matcher.find()) {
            properties.add(matcher.group(1));
        }
        assertEquals(properties, new TreeSet<>(AcmeProperties.DECLARED));
        assertTrue(AcmeProperties.exists("acme.dns.propagationTimeout"));
        assertFalse(AcmeProperties.exists("acme.dns.secret"));
    }

    @Test
    public void aSecretProviderOptionPointsToSettingsNotTheCommandLine() {
        var hint = MojoErrors.failure(new InvalidInputException("dns.secret", "is a secret")).getMessage();
        assertFalse(hint, hint.contains("-Dacme.dns.secret"));
        assertTrue(hint, hint.contains("-Dacme.dns.serverId (a settings.xml <server> whose password is the secret"));
        var tsig = MojoErrors.failure(new InvalidInputException("dns.tsigSecret", "is a secret")).getMessage();
        assertTrue(tsig, tsig.contains("-Dacme.dns.serverId"));
    }

    @Test
    public void aPlainProviderOptionPointsToTheOptionsProperty() {
        var hint = MojoErrors.failure(new InvalidInputException("dns.nameserver", "is required")).getMessage();
        assertFalse(hint, hint.contains("-Dacme.dns.nameserver"));
        assertTrue(hint, hint.contains("-Dacme.dns.options (nameserver=..."));
        var port = MojoErrors.failure(new InvalidInputException("http.port", "not a port")).getMessage();
        assertTrue(port, port.contains("-Dacme.http.port"));
    }
}
