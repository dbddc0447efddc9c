package io.github.acmecertificate.maven;

import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.Test;

/** {@code mvn acme:help}, in a real build: the goals and their parameters, without a CA. */
public class HelpGoalIT {

    @Test
    public void helpListsTheGoalsAndTheirParameters() throws Exception {
        var work = Files.createTempDirectory(Files.createDirectories(Path.of(System.getProperty("it.work"))), "help");
        var result = MavenBuild.inEmptyFolder(work.resolve("help")).goals("acme:help").property("detail", true).run();
        assertTrue(result.output(), result.succeeded());
        for (var expected : new String[] {"acme:issue", "acme:deploy", "acme:help", "domains", "renewBefore",
            "User property: acme.domains", "deployCommandTimeout", "dns"}) {
            assertTrue("acme:help shows " + expected + ":\n" + result.output(), result.output().contains(expected));
        }
    }
}
