package io.github.acmecertificate.core.challenge.dns.exec;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import io.github.acmecertificate.core.challenge.dns.Dns01Solver;
import io.github.acmecertificate.core.challenge.dns.DnsSettings;
import io.github.acmecertificate.core.challenge.dns.SecretSource;
import io.github.acmecertificate.core.exception.InvalidInputException;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** A command the exec provider cannot run is an input problem, found before any order. */
public class ExecCommandCheckTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private static InvalidInputException refused(String command, String... more) {
        var options = new java.util.HashMap<String, String>();
        options.put("command", command);
        for (int i = 0; i < more.length; i += 2) {
            options.put(more[i], more[i + 1]);
        }
        return assertThrows(InvalidInputException.class,
                () -> Dns01Solver.create("exec", options, SecretSource.NONE, DnsSettings.defaults()).close());
    }

    @Test
    public void aMissingProgramIsNamed() throws Exception {
        var missing = temp.getRoot().toPath().resolve("no-such-hook.sh").toString();
        var ex = refused(missing);
        assertEquals("dns.command", ex.field());
        assertTrue(ex.getMessage(), ex.getMessage().contains("'" + missing + "' does not exist"));
    }

    @Test
    public void aFileThatIsNotExecutableSaysHowToFixIt() throws Exception {
        var script = temp.newFile("hook.sh").toPath();
        Files.writeString(script, "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rw-------"));
        var ex = refused(script.toString());
        assertEquals("dns.command", ex.field());
        assertTrue(ex.getMessage(), ex.getMessage().contains("is not executable. Make it so (chmod +x " + script));
    }

    @Test
    public void aFolderIsNotAProgram() throws Exception {
        var ex = refused(temp.getRoot().toString());
        assertTrue(ex.getMessage(), ex.getMessage().contains("is not a file"));
    }

    @Test
    public void aBareNameIsLookedUpOnPath() throws Exception {
        var ex = refused("no-such-dns-hook-program");
        assertTrue(ex.getMessage(), ex.getMessage().contains("is not a program on PATH"));
        Dns01Solver.create("exec", Map.of("command", "sh"), SecretSource.NONE, DnsSettings.defaults()).close();
    }

    @Test
    public void everyProblemOfTheProviderIsListed() throws Exception {
        var ex = refused(temp.getRoot().toPath().resolve("gone").toString(), "timeout", "soon");
        assertEquals(List.of("dns.command", "dns.timeout"),
                ex.problems().stream().map(InvalidInputException.Problem::field).toList());
    }

    @Test
    public void anExecutableScriptIsAccepted() throws Exception {
        var script = temp.newFile("ok.sh").toPath();
        Files.writeString(script, "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        Dns01Solver.create("exec", Map.of("command", script.toString()), SecretSource.NONE, DnsSettings.defaults())
                .close();
        assertTrue(Files.isExecutable(Path.of(script.toString())));
    }
}
