package io.github.acmecertificate.testca;

import static org.junit.Assert.fail;

import org.junit.Assume;

/**
 * Guards tests that need the Pebble binaries: on a CI server ({@code CI=true}) a missing
 * installation fails the build, so the tests can never be skipped there unnoticed; elsewhere the
 * tests are skipped with a message that says what to install.
 */
public final class PebbleInstalled {

    private PebbleInstalled() {
    }

    /**
     * Skips the calling test when Pebble is missing, or fails it on a CI server.
     */
    public static void assume() {
        if (Pebble.isInstalled()) {
            return;
        }
        String message = "pebble and pebble-challtestsrv are not on PATH. " + Pebble.INSTALL_HINT;
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(message + " (CI=true, so this fails instead of skipping)");
        }
        Assume.assumeTrue(message, false);
    }
}
