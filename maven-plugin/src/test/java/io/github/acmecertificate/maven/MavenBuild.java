package io.github.acmecertificate.maven;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

import org.apache.maven.shared.invoker.DefaultInvocationRequest;
import org.apache.maven.shared.invoker.DefaultInvoker;
import org.apache.maven.shared.invoker.MavenInvocationException;

/** Runs a real, forked Maven build offline against the repository the plugin was installed into. */
final class MavenBuild {

    /** What a build printed and how it ended. */
    record Result(int exitCode, String output, long millis) {
        boolean succeeded() {
            return exitCode == 0;
        }
    }

    private final Path directory;
    private final List<String> goals = new ArrayList<>();
    private final Properties properties = new Properties();
    private String servers = "";
    private final java.util.Map<String, String> environment = new java.util.HashMap<>();

    private MavenBuild(Path directory) {
        this.directory = directory;
    }

    /**
     * Writes the build's settings: the plugin group (so that {@code acme:} resolves, as the
     * README tells users to set up), the test's servers, and a mirror that serves every other
     * artifact from the local repository of the build that runs the tests, so that no build
     * reaches the network.
     */
    private Path writeSettings() throws IOException {
        var mirror = Path.of(System.getProperty("it.mirror")).toUri();
        var file = directory.resolveSibling(directory.getFileName() + "-settings.xml");
        Files.writeString(file, "<settings>\n"
                + "  <pluginGroups><pluginGroup>io.github.acmecertificate</pluginGroup></pluginGroups>\n"
                + "  <servers>" + servers + "</servers>\n"
                + "  <mirrors><mirror><id>build-repository</id><mirrorOf>*</mirrorOf><url>" + mirror
                + "</url></mirror></mirrors>\n"
                + "</settings>\n");
        return file;
    }

    /**
     * Writes the group metadata that maps the prefix {@code acme} to the plugin, as
     * {@code mvn install} and a deploy to Central do; the invoker's install leaves it out.
     */
    private static void registerPrefix() throws IOException {
        var group = Path.of(System.getProperty("it.repository"), "io", "github", "acmecertificate");
        Files.createDirectories(group);
        Files.writeString(group.resolve("maven-metadata-local.xml"), "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<metadata><plugins><plugin><name>ACME Certificate :: Maven Plugin</name><prefix>acme</prefix>"
                + "<artifactId>acme-maven-plugin</artifactId></plugin></plugins></metadata>\n");
    }

    /** Copies a sample project from src/it into a fresh work folder, filtering @plugin.version@. */
    static MavenBuild ofSample(String sample, Path work) throws IOException {
        var source = Path.of(System.getProperty("it.projects")).resolve(sample);
        var target = work.resolve(sample);
        try (Stream<Path> files = Files.walk(source)) {
            for (var file : (Iterable<Path>) files::iterator) {
                var destination = target.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(destination);
                } else {
                    Files.writeString(destination, Files.readString(file)
                            .replace("@plugin.version@", System.getProperty("plugin.version")));
                    if (Files.isExecutable(file)) {
                        destination.toFile().setExecutable(true);
                    }
                }
            }
        }
        return new MavenBuild(target);
    }

    /** A build in an empty folder (no POM). */
    static MavenBuild inEmptyFolder(Path folder) throws IOException {
        Files.createDirectories(folder);
        return new MavenBuild(folder);
    }

    MavenBuild goals(String... names) {
        Collections.addAll(goals, names);
        return this;
    }

    MavenBuild property(String key, Object value) {
        properties.setProperty(key, String.valueOf(value));
        return this;
    }

    /** Sets an environment variable of the forked build. */
    MavenBuild environment(String name, Object value) {
        environment.put(name, String.valueOf(value));
        return this;
    }

    /** Adds settings.xml {@code <server>} entries (XML) to the build's settings. */
    MavenBuild servers(String xml) {
        this.servers = xml;
        return this;
    }

    Path directory() {
        return directory;
    }

    Result run() throws MavenInvocationException, IOException {
        registerPrefix();
        var output = new StringBuilder();
        var request = new DefaultInvocationRequest();
        request.setBaseDirectory(directory.toFile());
        request.setGoals(goals);
        request.setProperties(properties);
        request.setBatchMode(true);
        request.setLocalRepositoryDirectory(new File(System.getProperty("it.repository")));
        request.setJavaHome(new File(System.getProperty("java.home")));
        request.setUserSettingsFile(writeSettings().toFile());
        if (!Files.exists(directory.resolve("pom.xml"))) {
            request.setPomFile(null);
        }
        environment.forEach(request::addShellEnvironment);
        request.setOutputHandler(line -> output.append(line).append('\n'));
        request.setErrorHandler(line -> output.append(line).append('\n'));
        var invoker = new DefaultInvoker();
        invoker.setMavenHome(new File(System.getProperty("maven.home")));
        long start = System.nanoTime();
        var result = invoker.execute(request);
        long millis = (System.nanoTime() - start) / 1_000_000;
        return new Result(result.getExitCode(), output.toString(), millis);
    }
}
