package io.github.acmecertificate.jenkins.stubs;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.Test;

/**
 * The stub checker itself, here where no real Jenkins class exists: the stubs compared with
 * themselves (loaded twice, apart) conform, and a declaration that differs is named. The check
 * against the real Jenkins classes is {@code StubsMatchJenkinsTest}, in the {@code jenkins} profile.
 */
public class StubConformanceTest {

    /** The stubs' classes, built before this module (the reactor lists jenkins-stubs first). */
    static Path stubClasses() throws IOException {
        var folder = Path.of(System.getProperty("user.dir")).resolve("../jenkins-stubs/target/classes").normalize();
        if (!Files.isDirectory(folder.resolve("hudson"))) {
            throw new IOException("The compiled Jenkins API stubs are missing at " + folder + ": build jenkins-stubs "
                    + "first (mvn verify at the root does)");
        }
        return folder;
    }

    @Test
    public void theStubsConformToThemselves() throws Exception {
        var folder = stubClasses();
        var names = StubConformance.classNames(folder);
        assertTrue(names.toString(), names.contains("hudson.model.Run"));
        assertTrue(names.toString(), names.contains("org.kohsuke.stapler.QueryParameter$HandlerImpl"));
        assertTrue("the stubs' own helpers are not Jenkins declarations",
                names.stream().noneMatch(n -> n.startsWith("io.github.acmecertificate")));
        assertTrue("enum constant bodies are skipped", names.stream().noneMatch(n -> n.matches(".*\\$\\d+")));
        try (var other = StubConformance.stubLoader(folder, StubConformanceTest.class.getClassLoader())) {
            assertEquals(List.of(), StubConformance.check(folder, other));
        }
    }

    /** Two declarations of "the same" type, as a stub and as Jenkins might have them. */
    public static class Stub {
        public Stub(String name) {
        }

        public static final String NAME = "x";

        public java.util.List<String> items() {
            return null;
        }

        public void save() throws IOException {
        }

        protected void kept(int value) {
        }
    }

    /** The "real" one: another constructor, a Collection for a List, no exception, a non-static field. */
    public static class Real {
        public Real(String name, int size) {
        }

        public final String NAME = "x";

        public java.util.Collection<String> items() {
            return null;
        }

        public void save() {
        }

        protected void kept(int value) {
        }
    }

    @Test
    public void everyDifferenceIsNamed() {
        var differences = String.join("\n", StubConformance.differences(Stub.class, Real.class));
        assertTrue(differences, differences.contains("no constructor <init>(java.lang.String)"));
        assertTrue(differences, differences.contains("no method java.util.List<java.lang.String> items()"));
        assertTrue(differences, differences.contains("no method void save() throws java.io.IOException"));
        assertTrue(differences, differences.contains("field NAME is static java.lang.String in the stubs but "
                + "java.lang.String in Jenkins"));
        assertTrue(differences, !differences.contains("kept"));
        assertEquals(differences, 4, StubConformance.differences(Stub.class, Real.class).size());
    }
}
