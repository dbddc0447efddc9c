package io.github.acmecertificate.jenkins.stubs;

import static org.junit.Assert.assertEquals;

import java.util.List;

import org.junit.Test;

/**
 * The compile-only stubs of the default build declare nothing Jenkins does not: every type and
 * public or protected member of {@code jenkins-stubs} exists with the same signature in the real
 * Jenkins core and plugins this build compiles against. So the first build where the Jenkins
 * repository is reachable proves the stubs, and a stub that drifted is named here.
 */
public class StubsMatchJenkinsTest {

    @Test
    public void everyStubDeclarationExistsInJenkins() throws Exception {
        var differences = StubConformance.check(StubConformanceTest.stubClasses(),
                StubsMatchJenkinsTest.class.getClassLoader());
        assertEquals(String.join("\n", differences), List.of(), differences);
    }
}
