package io.github.acmecertificate.maven;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.junit.Test;

/** Every user property of every goal is documented in docs/maven.md, so docs cannot lag behind. */
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
}
