package io.github.acmecertificate.core.deploy.it;

import static org.junit.Assert.fail;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.Assume;

/**
 * Finds the real servers the deploy tests start (OpenSSH's sshd, nginx). When one is
 * missing, the test is skipped with a message that says what to install, except on a CI
 * server ({@code CI=true}), where it fails: there the tests must never be skipped unnoticed.
 */
public final class Installed {

    private Installed() {
    }

    /**
     * Returns an executable from PATH or the sbin folders, or skips (fails on CI) the test.
     *
     * @param name        the executable, e.g. {@code sshd}
     * @param debianPackage the package that provides it
     * @return its path
     */
    public static Path require(String name, String debianPackage) {
        var found = find(name);
        if (found.isPresent()) {
            return found.get();
        }
        missing("'" + name + "' is not installed: apt-get install -y " + debianPackage);
        throw new IllegalStateException("unreachable");
    }

    /**
     * Skips the test (fails it on CI) unless what it needs is there.
     *
     * @param present whether the test can run here
     * @param what    what is missing and how to get it, for the skip or failure message
     */
    public static void assume(boolean present, String what) {
        if (!present) {
            missing(what);
        }
    }

    /**
     * Skips the test (fails it on CI) unless it runs as root.
     *
     * @param why what the test does that only root may do
     */
    public static void requireRoot(String why) {
        assume(root(), why + " needs root; run the tests as root");
    }

    private static void missing(String message) {
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(message + " (CI=true, so this fails instead of skipping)");
        }
        Assume.assumeTrue(message, false);
    }

    static Optional<Path> find(String name) {
        var path = System.getenv("PATH") == null ? "" : System.getenv("PATH");
        for (var dir : (path + File.pathSeparator + "/usr/sbin" + File.pathSeparator + "/sbin").split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            var candidate = Path.of(dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /**
     * Tells whether the tests run as root (then sshd needs its privilege-separation folder,
     * and nginx workers run as nobody).
     *
     * @return true for uid 0
     */
    public static boolean root() {
        try {
            // The effective user id owns /proc/self; a user named "root" is not the test.
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (java.io.IOException | UnsupportedOperationException ex) {
            return false;
        }
    }
}
