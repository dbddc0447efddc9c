package io.github.acmecertificate.maven;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.List;

import io.github.acmecertificate.core.exception.InvalidInputException;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Several certificates in one execution: how they are read, and checked before any network call. */
public class FleetParametersTest {

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private IssueMojo issue(List<String> domains) throws Exception {
        return TestMojos.issue(folder.newFolder(), domains);
    }

    @Test
    public void aSemicolonSeparatesCertificatesOnTheCommandLine() throws Exception {
        // What Maven hands over for -Dacme.domains="a.example,www.a.example;b.example": split at commas.
        var fleet = issue(List.of("a.example", "www.a.example;b.example")).fleet();
        assertEquals(2, fleet.size());
        assertEquals(List.of("a.example", "www.a.example"), fleet.get(0).domains);
        assertEquals(List.of("b.example"), fleet.get(1).domains);
    }

    @Test
    public void withoutASemicolonItIsOneCertificate() throws Exception {
        assertTrue(issue(List.of("a.example", "www.a.example")).fleet().isEmpty());
    }

    @Test
    public void certificatesAndDomainsTogetherAreRefused() throws Exception {
        var mojo = issue(List.of("a.example"));
        var entry = new Certificate();
        entry.domains = List.of("b.example");
        mojo.certificates = List.of(entry);
        var ex = assertThrows(InvalidInputException.class, mojo::fleet);
        assertEquals("certificates", ex.field());
    }

    @Test
    public void aWrongOptionNamesItsCertificateBeforeAnyRequest() throws Exception {
        var mojo = issue(null);
        var first = new Certificate();
        first.domains = List.of("a.example");
        var second = new Certificate();
        second.domains = List.of("b.example");
        second.keyType = "dsa-1024";
        mojo.certificates = List.of(first, second);
        var ex = assertThrows(MojoFailureException.class, mojo::execute);
        assertTrue(ex.getMessage(), ex.getMessage().contains("certificates[2].keyType"));
    }

    @Test
    public void aWrongConcurrencyIsNamed() throws Exception {
        var mojo = issue(List.of("a.example;b.example"));
        mojo.concurrency = "0";
        var ex = assertThrows(MojoFailureException.class, mojo::execute);
        assertTrue(ex.getMessage(), ex.getMessage().contains("concurrency"));
    }
}
