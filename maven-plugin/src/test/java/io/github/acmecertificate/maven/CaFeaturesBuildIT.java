package io.github.acmecertificate.maven;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.github.acmecertificate.core.store.FileStore;
import io.github.acmecertificate.testca.PebbleResource;
import org.junit.Before;
import org.junit.ClassRule;
import org.junit.Test;

/**
 * The goals beside {@code acme:issue}, as real forked builds against Pebble: {@code acme:status},
 * {@code acme:revoke}, {@code acme:account}, and the {@code acme.profile} check.
 */
public class CaFeaturesBuildIT {

    @ClassRule
    public static PebbleResource pebble = new PebbleResource();

    private Path work;
    private Path store;

    @Before
    public void setUp() throws Exception {
        work = Files.createTempDirectory(Files.createDirectories(Path.of(System.getProperty("it.work"))), "features");
        store = work.resolve("store");
    }

    private MavenBuild goal(String goal) throws Exception {
        return MavenBuild.inEmptyFolder(work.resolve("shell")).goals(goal)
                .property("acme.server", pebble.get().directoryUri())
                .property("acme.serverTrust", pebble.get().trustRootPem())
                .property("acme.store", store);
    }

    private MavenBuild issue(String domains) throws Exception {
        return goal("acme:issue")
                .property("acme.domains", domains)
                .property("acme.acceptTermsOfService", true)
                .property("acme.http.address", "127.0.0.1")
                .property("acme.http.port", pebble.get().httpPort());
    }

    @Test
    public void statusListsThenRevokeIsRecordedAndStatusFails() throws Exception {
        var empty = goal("acme:status").run();
        assertTrue(empty.output(), empty.succeeded());
        assertTrue(empty.output(), empty.output().contains("No certificates are stored in " + store));

        assertTrue(issue("status.example.test").run().succeeded());
        var requests = pebble.get().requestCount("");
        var fine = goal("acme:status").run();
        assertTrue(fine.output(), fine.succeeded());
        assertTrue(fine.output(), fine.output().contains("status.example.test [status.example.test] from "
                + pebble.get().directoryUri()));
        assertTrue(fine.output(), fine.output().contains("; renewal from "));
        assertTrue(fine.output(), fine.output().contains("last run"));
        assertTrue(fine.output(), fine.output().contains(": issued"));
        assertEquals("status sends nothing to the CA", requests, pebble.get().requestCount(""));

        // Pebble's certificates live five years: a ten-year threshold flags this one.
        var soon = goal("acme:status").property("acme.status.threshold", "P3650D").run();
        assertFalse(soon.output(), soon.succeeded());
        assertTrue(soon.output(), soon.output().contains("expires within PT87600H"));
        assertTrue(soon.output(), soon.output().contains("1 of 1 certificates in " + store + " need attention"));

        var revocations = pebble.get().requestCount("POST /revoke-cert");
        var revoke = goal("acme:revoke").property("acme.name", "status.example.test")
                .property("acme.revoke.reason", "superseded").run();
        assertTrue(revoke.output(), revoke.succeeded());
        assertTrue(revoke.output(), revoke.output().contains("Certificate status.example.test is revoked (superseded)"));
        assertEquals(revocations + 1, pebble.get().requestCount("POST /revoke-cert"));

        var revoked = goal("acme:status").run();
        assertFalse(revoked.output(), revoked.succeeded());
        assertTrue(revoked.output(), revoked.output().contains("revoked at "));

        var badReason = goal("acme:revoke").property("acme.name", "status.example.test")
                .property("acme.revoke.reason", "whim").run();
        assertFalse(badReason.succeeded());
        assertTrue(badReason.output(), badReason.output().contains("reason: 'whim' is not a revocation reason"));
        assertTrue(badReason.output(), badReason.output().contains("-Dacme.revoke.reason"));
    }

    @Test
    public void accountRolloverReplacesTheStoredKey() throws Exception {
        assertTrue(issue("account.example.test").run().succeeded());
        List<Path> keyFiles;
        try (var entries = Files.list(store.resolve("accounts"))) {
            keyFiles = entries.map(d -> d.resolve(FileStore.ACCOUNT)).filter(Files::isRegularFile).toList();
        }
        assertEquals(1, keyFiles.size());
        var before = Files.readString(keyFiles.get(0));
        var rollovers = pebble.get().requestCount("POST /rollover-account-key");

        var rollover = goal("acme:account").property("acme.account.action", "rollover").run();
        assertTrue(rollover.output(), rollover.succeeded());
        assertTrue(rollover.output(), rollover.output().contains("now uses a new key"));
        assertEquals(rollovers + 1, pebble.get().requestCount("POST /rollover-account-key"));
        assertFalse(before.equals(Files.readString(keyFiles.get(0))));
        assertFalse("the key never reaches the log", rollover.output().contains("PRIVATE KEY"));

        var forced = issue("account.example.test").property("acme.force", true).run();
        assertTrue("the new key orders: " + forced.output(), forced.succeeded());

        var wrong = goal("acme:account").property("acme.account.action", "delete").run();
        assertFalse(wrong.succeeded());
        assertTrue(wrong.output(), wrong.output().contains("Use rollover"));
    }

    @Test
    public void aProfileTheCaDoesNotOfferFailsBeforeOrdering() throws Exception {
        var orders = pebble.get().requestCount("POST /order-plz");
        var result = issue("profile.example.test").property("acme.profile", "shortlived").run();
        assertFalse(result.succeeded());
        assertTrue(result.output(), result.output().contains("offers no certificate profiles"));
        assertTrue(result.output(), result.output().contains("-Dacme.profile"));
        assertEquals(orders, pebble.get().requestCount("POST /order-plz"));
    }
}
