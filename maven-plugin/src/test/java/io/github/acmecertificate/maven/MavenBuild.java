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

/**
 * Runs a real, forked Maven build offline against a local repository into which the plugin was
 * installed by {@code mvn install}, as a user installs it.
 */
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
    private Path repository;
    private java.util.function.Consumer<String> lines = line -> { };

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

    /** The local repository the plugin was installed into by {@link #installPlugin()}. */
    private static Path installed;

    /**
     * The local repository of every build: a copy of the one the invoker prepared (the plugin's
     * dependencies), into which the plugin itself is installed once, the way a user does it, by
     * {@code mvn install} of its own POM. So {@code acme:} resolves only if that install wrote the
     * group metadata that maps the prefix to the plugin; nothing here writes it.
     */
    static synchronized Path installedRepository() throws IOException, MavenInvocationException {
        if (installed == null) {
            installed = installPlugin();
        }
        return installed;
    }

    private static Path installPlugin() throws IOException, MavenInvocationException {
        var work = Files.createDirectories(Path.of(System.getProperty("it.work")));
        var repository = work.resolve("installed-repo");
        deleteTree(repository);
        var group = Path.of("io", "github", "acmecertificate");
        copyTree(Path.of(System.getProperty("it.repository")), repository, relative ->
                !relative.startsWith(group.resolve("acme-maven-plugin"))
                && !(relative.getParent() != null && relative.getParent().equals(group)
                        && relative.getFileName().toString().startsWith("maven-metadata")));
        var plugin = Path.of(System.getProperty("it.plugin"));
        var project = work.resolve("plugin-project");
        deleteTree(project);
        copyTree(plugin.resolve("src/main"), project.resolve("src/main"), relative -> true);
        // The plugin's own POM; its test dependencies (the reactor's test CA) are left out because
        // this build only compiles, packages and installs.
        Files.writeString(project.resolve("pom.xml"), Files.readString(plugin.resolve("pom.xml"))
                .replaceAll("(?s)\\s*<dependency>(?:(?!</dependency>).)*<scope>test</scope>\\s*</dependency>", ""));
        var build = new MavenBuild(project).goals("install")
                .property("maven.test.skip", true)
                .property("invoker.skip", true);
        build.repository = repository;
        var result = build.run();
        if (!result.succeeded()) {
            throw new AssertionError("mvn install of the plugin failed:\n" + result.output());
        }
        return repository;
    }

    private static void copyTree(Path source, Path target, java.util.function.Predicate<Path> include) throws IOException {
        try (Stream<Path> files = Files.walk(source)) {
            for (var file : (Iterable<Path>) files::iterator) {
                var relative = source.relativize(file);
                if (!include.test(relative)) {
                    continue;
                }
                var destination = target.resolve(relative.toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(destination);
                } else {
                    Files.createDirectories(destination.getParent());
                    Files.copy(file, destination);
                }
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (var file : (Iterable<Path>) files.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.delete(file);
            }
        }
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

    /** Also hands each line of output to a listener as it comes, for tests that act during a build. */
    MavenBuild onLine(java.util.function.Consumer<String> listener) {
        this.lines = listener;
        return this;
    }

    Path directory() {
        return directory;
    }

    Result run() throws MavenInvocationException, IOException {
        var local = repository != null ? repository : installedRepository();
        var output = new StringBuilder();
        var request = new DefaultInvocationRequest();
        request.setBaseDirectory(directory.toFile());
        request.setGoals(goals);
        request.setProperties(properties);
        request.setBatchMode(true);
        request.setLocalRepositoryDirectory(local.toFile());
        request.setJavaHome(new File(System.getProperty("java.home")));
        request.setUserSettingsFile(writeSettings().toFile());
        if (!Files.exists(directory.resolve("pom.xml"))) {
            request.setPomFile(null);
        }
        environment.forEach(request::addShellEnvironment);
        request.setOutputHandler(line -> {
            synchronized (output) {
                output.append(line).append('\n');
            }
            lines.accept(line);
        });
        request.setErrorHandler(line -> output.append(line).append('\n'));
        var invoker = new DefaultInvoker();
        invoker.setMavenHome(new File(System.getProperty("maven.home")));
        long start = System.nanoTime();
        var result = invoker.execute(request);
        long millis = (System.nanoTime() - start) / 1_000_000;
        return new Result(result.getExitCode(), output.toString(), millis);
    }
}
