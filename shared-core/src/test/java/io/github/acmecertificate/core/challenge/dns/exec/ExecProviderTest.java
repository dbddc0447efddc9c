package io.github.acmecertificate.core.challenge.dns.exec;

import static org.junit.Assert.assertEquals;

import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;

import io.github.acmecertificate.core.challenge.dns.TxtRecord;
import io.github.acmecertificate.core.event.ProgressListener;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The exec provider's program gets the record in its arguments and, safe from option parsers, in its environment. */
public class ExecProviderTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    @Test
    public void aValueThatStartsWithADashReachesAnOptionParsingProgramWhole() throws Exception {
        var out = temp.getRoot().toPath().resolve("calls.txt");
        // A program that parses options the usual way (getopts, as getopt and argparse do):
        // it takes a value like "-xK..." in its arguments for options, but reads the environment as it is.
        var script = temp.getRoot().toPath().resolve("hook.sh");
        Files.writeString(script, "#!/bin/sh\n"
                + "action=$1; shift\n"
                + "while getopts 'x:' opt \"$2\" 2>/dev/null; do echo \"misread option -$opt\" >> '" + out + "'; done\n"
                + "echo \"$action args=$1,$2 env=$ACME_DNS_NAME,$ACME_DNS_VALUE\" >> '" + out + "'\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        var provider = new ExecProvider(script, null, Duration.ofSeconds(30), List.of());
        var value = "-xKkq5Lw3v0hJ7wq1XgC7yY7mE6Pf4V3bF0kU3A1cR8";
        var record = new TxtRecord("_acme-challenge.example.test.", "_acme-challenge.example.test.", value,
                "example.test.");

        provider.addTxtRecord(record, ProgressListener.NONE);
        provider.removeTxtRecord(record, ProgressListener.NONE);

        var lines = Files.readAllLines(out);
        assertEquals("an option parser misreads the argument, as this test means to show",
                "misread option -x", lines.get(0));
        assertEquals("present args=_acme-challenge.example.test.," + value + " env=_acme-challenge.example.test.,"
                + value, lines.get(1));
        assertEquals("cleanup args=_acme-challenge.example.test.," + value + " env=_acme-challenge.example.test.,"
                + value, lines.get(3));
    }
}
