package io.github.acmecertificate.core.it;

import static io.github.acmecertificate.core.it.Issuance.assertKeyMatches;
import static io.github.acmecertificate.core.it.Issuance.request;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.concurrent.TimeUnit;

import io.github.acmecertificate.core.CertificateProvisioner;
import io.github.acmecertificate.core.ProvisionResult.Outcome;
import io.github.acmecertificate.core.store.FileStore;
import io.github.acmecertificate.testca.PebbleResource;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** A run killed with SIGKILL in the middle of an order leaves the previous certificate whole. */
public class KilledRunPebbleTest {

    @ClassRule
    public static PebbleResource pebble = new PebbleResource();

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    @Test
    public void killedRunLeavesTheOldSetWholeAndReleasesTheLock() throws Exception {
        var root = Issuance.storeIn(temp);
        var store = new FileStore(root);
        var first = new CertificateProvisioner(store).provision(request(pebble.get(), "killed.test").build(),
                new Issuance.Events());
        var dir = store.certificateDirectory("killed.test");
        var before = snapshot(dir);

        var process = startChild(root);
        try (var out = new BufferedReader(new InputStreamReader(process.getInputStream()))) {
            String line;
            var seen = new ArrayList<String>();
            while ((line = out.readLine()) != null && !"READY".equals(line)) {
                seen.add(line);
            }
            assertEquals("the child reached the middle of its order: " + seen, "READY", line);
            process.destroyForcibly();
            assertTrue(process.waitFor(10, TimeUnit.SECONDS));
        }

        var after = snapshot(dir);
        assertEquals(before.size(), after.size());
        for (int i = 0; i < before.size(); i++) {
            assertArrayEquals("file " + i + " is unchanged", before.get(i), after.get(i));
        }
        var kept = store.load("killed.test").orElseThrow();
        assertEquals(first.bundle().serialNumber(), kept.serialNumber());
        assertKeyMatches(kept.privateKey().orElseThrow(), kept.certificate().getPublicKey());

        // The operating system released the dead process's lock: the next run proceeds.
        var next = new CertificateProvisioner(store).provision(request(pebble.get(), "killed.test").force(true).build(),
                new Issuance.Events());
        assertEquals(Outcome.RENEWED, next.outcome());
    }

    private Process startChild(Path root) throws Exception {
        var classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        var java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", classpath, KilledRunMain.class.getName(),
                pebble.get().directoryUri().toString(), pebble.get().trustRootPem().toString(),
                Integer.toString(pebble.get().httpPort()), root.toString(), "killed.test")
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
    }

    private static ArrayList<byte[]> snapshot(Path dir) throws Exception {
        var files = new ArrayList<byte[]>();
        for (var name : new String[] {FileStore.PRIVKEY, FileStore.CERT, FileStore.CHAIN, FileStore.FULLCHAIN,
                FileStore.KEYSTORE, FileStore.KEYSTORE_PASS, FileStore.METADATA}) {
            files.add(Files.readAllBytes(dir.resolve(name)));
        }
        return files;
    }
}
