package io.github.acmecertificate.maven;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.regex.Pattern;

import org.junit.Test;

/**
 * Keeps the docs in step with the code: every user property of every goal is documented in
 * docs/maven.md, and every version of our artifacts in README.md and docs/ is the project's.
 */
public class DocumentationTest {

    private static final Pattern PROPERTY = Pattern.compile("\\$\\{(acme\\.[A-Za-z0-9.]+)}");

    @Test
    public void everyUserPropertyIsDocumented() throws Exception {
        var descriptor = Files.readString(Path.of("target/classes/META-INF/maven/plugin.xml"));
        var docs = Files.readString(Path.of("../docs/maven.md"));
        var properties = new TreeSet<String>();
        var matcher = PROPERTY.matcher(descriptor);
        while (matcher.find()) {
            properties.add(matcher.group(1));
        }
        assertFalse("the descriptor lists the goals' properties", properties.isEmpty());
        var missing = properties.stream().filter(p -> !docs.contains("`" + p + "`")).toList();
        assertTrue("undocumented in docs/maven.md: " + missing, missing.isEmpty());
    }

    private static final Pattern OUR_ARTIFACT = Pattern.compile(
            "<artifactId>(acme-[a-z0-9-]+)</artifactId>\\s*<version>([^<]*)</version>");

    @Test
    public void everyExampleUsesTheProjectVersion() throws Exception {
        var descriptor = Files.readString(Path.of("target/classes/META-INF/maven/plugin.xml"));
        var version = descriptor.replaceFirst("(?s).*?<version>([^<]+)</version>.*", "$1");
        assertFalse(version, version.isBlank() || version.contains("<"));
        var pages = new ArrayList<Path>();
        pages.add(Path.of("../README.md"));
        try (Stream<Path> docs = Files.walk(Path.of("../docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).forEach(pages::add);
        }
        var wrong = new ArrayList<String>();
        int examples = 0;
        for (var page : pages) {
            var matcher = OUR_ARTIFACT.matcher(Files.readString(page));
            while (matcher.find()) {
                examples++;
                if (!matcher.group(2).equals(version)) {
                    wrong.add(page + ": " + matcher.group(1) + " " + matcher.group(2));
                }
            }
        }
        assertTrue("the docs show the plugin's coordinates", examples >= 5);
        assertTrue("examples with another version than " + version + ": " + wrong, wrong.isEmpty());
    }

    @Test
    public void accountNamesAreDocumentedAsTheCodeBuildsThem() throws Exception {
        for (var alias : java.util.List.of("letsencrypt", "letsencrypt-staging")) {
            var key = io.github.acmecertificate.core.ca.CertificateAuthority.of(alias, null).storeKey();
            assertTrue("docs/index.md names the account folder " + key,
                    Files.readString(Path.of("../docs/index.md")).contains("`" + key + "` for `" + alias + "`"));
            assertTrue("docs/jenkins.md names the credential acme-account-" + key,
                    Files.readString(Path.of("../docs/jenkins.md")).contains("`acme-account-" + key + "` for `"
                            + alias + "`"));
        }
    }
}
