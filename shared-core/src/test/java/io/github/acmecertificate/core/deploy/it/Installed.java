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
        var message = "'" + name + "' is not installed: apt-get install -y " + debianPackage;
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(message + " (CI=true, so this fails instead of skipping)");
        }
        Assume.assumeTrue(message, false);
        throw new IllegalStateException("unreachable");
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
        return "root".equals(System.getProperty("user.name"));
    }
}
