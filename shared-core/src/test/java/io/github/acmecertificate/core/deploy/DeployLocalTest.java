package io.github.acmecertificate.core.deploy;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.github.acmecertificate.core.deploy.DeployResult.Status;
import io.github.acmecertificate.core.deploy.it.Events;
import io.github.acmecertificate.core.deploy.it.Snapshot;
import io.github.acmecertificate.core.deploy.it.TestBundles;
import io.github.acmecertificate.core.key.Pem;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Deploying to folders on the build machine, with the same all-or-nothing rules as SFTP. */
public class DeployLocalTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private final Events events = new Events();
    private final Deployer deployer = new Deployer();

    private Path folder(String name) throws Exception {
        return temp.newFolder(name).toPath();
    }

    private static String mode(Path file) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    }

    @Test
    public void writesTheFilesThenFindsThemCurrent() throws Exception {
        var dir = folder("tls");
        var bundle = TestBundles.issue("local.example.test");
        var uid = Files.getAttribute(dir, "unix:uid").toString();
        var target = LocalTarget.builder().name("local").directory(dir)
                .file("fullchain.pem", null)
                .file("privkey.pem", "key.pem", null, uid, null)
                .file("chain.pem", "chain.pem", "0640", null, null)
                .build();

        var first = deployer.deploy(bundle, List.of(target), DeployOptions.defaults(), events);

        assertEquals(Status.DEPLOYED, first.results().get(0).status());
        assertEquals(Pem.certificates(bundle.chain()), Files.readString(dir.resolve("fullchain.pem")));
        assertEquals(Pem.privateKey(bundle.privateKey().orElseThrow()), Files.readString(dir.resolve("key.pem")));
        assertEquals("rw-r--r--", mode(dir.resolve("fullchain.pem")));
        assertEquals("rw-------", mode(dir.resolve("key.pem")));
        assertEquals("rw-r-----", mode(dir.resolve("chain.pem")));
        try (var list = Files.list(dir)) {
            assertEquals("no temporary left", 3, list.count());
        }
        var inode = Files.getAttribute(dir.resolve("key.pem"), "unix:ino");

        var second = deployer.deploy(bundle, List.of(target), DeployOptions.defaults(), events);
        assertEquals(Status.UP_TO_DATE, second.results().get(0).status());
        assertEquals(inode, Files.getAttribute(dir.resolve("key.pem"), "unix:ino"));

        Files.setPosixFilePermissions(dir.resolve("chain.pem"), PosixFilePermissions.fromString("rw-rw-rw-"));
        var third = deployer.deploy(bundle, List.of(target), DeployOptions.defaults(), events);
        assertEquals("a file with another mode is written again", Status.DEPLOYED, third.results().get(0).status());
        assertEquals("rw-r-----", mode(dir.resolve("chain.pem")));
    }

    @Test
    public void aFailingReloadPutsTheOldFilesBack() throws Exception {
        var dir = folder("reload");
        var target = LocalTarget.builder().name("local-reload").directory(dir).build();
        deployer.deploy(TestBundles.issue("reload.example.test"), List.of(target), DeployOptions.defaults(), events);
        var before = Snapshot.of(dir);
        var failing = LocalTarget.builder().name("local-reload").directory(dir)
                .reloadCommand("echo checking; echo 'bad certificate' >&2; exit 3").build();

        var failure = assertThrows(DeployException.class, () -> deployer.deploy(TestBundles.issue("reload.example.test"),
                List.of(failing), DeployOptions.defaults(), events));

        assertTrue(failure.getMessage(), failure.getMessage().contains("local-reload: FAILED: the reload command "
                + "`echo checking; echo 'bad certificate' >&2; exit 3` exited with 3: checking | bad certificate. "
                + "The previous files were put back"));
        assertEquals(Optional.of(3), failure.report().results().get(0).exitCode());
        before.assertUnchanged();
        assertEquals("rw-------", mode(dir.resolve("privkey.pem")));
    }

    @Test
    public void aReloadCommandThatHangsIsStoppedAndTheOldFilesPutBack() throws Exception {
        var dir = folder("hang");
        var target = LocalTarget.builder().name("hang").directory(dir).file("cert.pem", null).build();
        deployer.deploy(TestBundles.issue("hang.example.test"), List.of(target), DeployOptions.defaults(), events);
        var before = Snapshot.of(dir);
        var hanging = LocalTarget.builder().name("hang").directory(dir).file("cert.pem", null)
                .reloadCommand("echo started; sleep 30").build();

        var failure = assertThrows(DeployException.class, () -> deployer.deploy(TestBundles.issue("hang.example.test"),
                List.of(hanging), DeployOptions.builder().commandTimeout(java.time.Duration.ofMillis(500)).build(),
                events));

        assertTrue(failure.getMessage(), failure.getMessage().contains("did not end within 500 ms and was killed; "
                + "output so far: started"));
        before.assertUnchanged();
    }

    @Test
    public void aFileWhereTheFolderShouldBeFailsWithNothingWritten() throws Exception {
        var dir = folder("blocked");
        Files.writeString(dir.resolve("sub"), "in the way");
        var before = Snapshot.of(dir);
        var target = LocalTarget.builder().name("blocked").directory(dir)
                .file("fullchain.pem", null).file("privkey.pem", "sub/privkey.pem").build();

        var failure = assertThrows(DeployException.class, () -> deployer.deploy(TestBundles.issue("b.example.test"),
                List.of(target), DeployOptions.defaults(), events));

        assertTrue(failure.getMessage(), failure.getMessage().contains(dir.resolve("sub") + " is not a folder"));
        before.assertUnchanged();
    }

    @Test
    public void aFolderWhereTheFileShouldBeFails() throws Exception {
        var dir = folder("dir-in-place");
        Files.createDirectory(dir.resolve("fullchain.pem"));
        var target = LocalTarget.builder().name("dir").directory(dir).build();
        var failure = assertThrows(DeployException.class, () -> deployer.deploy(TestBundles.issue("d.example.test"),
                List.of(target), DeployOptions.defaults(), events));
        assertTrue(failure.getMessage(), failure.getMessage().contains(dir.resolve("fullchain.pem") + " is a folder"));
    }

    @Test
    public void manyTargetsRunInParallelAndReportOnTheCallingThread() throws Exception {
        var bundle = TestBundles.issue("many.example.test");
        var targets = new ArrayList<DeployTarget>();
        for (int i = 0; i < 12; i++) {
            targets.add(LocalTarget.builder().name("t" + i).directory(folder("t" + i))
                    .reloadCommand("sleep 0.2").build());
        }
        long start = System.nanoTime();
        var report = deployer.deploy(bundle, targets, DeployOptions.builder().parallelism(6).build(), events);
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertEquals(12, report.count(Status.DEPLOYED));
        assertTrue("12 reloads of 0.2 s, 6 at a time, took " + millis + " ms", millis < 12 * 200);
        assertTrue(events.threads().stream().allMatch(t -> t == Thread.currentThread()));
        assertTrue(events.text(), events.text().contains("to 12 targets, 6 at a time"));
        for (int i = 0; i < 12; i++) {
            assertTrue(events.text().contains("[t" + i + "] Wrote certificate serial " + bundle.serialNumber()));
        }
    }

    @Test
    public void aKeyStoreWithAnotherPasswordIsWrittenAgain() throws Exception {
        var dir = folder("p12");
        var bundle = TestBundles.issue("p12.example.test");
        var target = LocalTarget.builder().name("p12").directory(dir).file("keystore.p12", null).build();
        var options = DeployOptions.builder().keystorePassword("one".toCharArray()).build();
        deployer.deploy(bundle, List.of(target), options, events);
        var before = Files.readAllBytes(dir.resolve("keystore.p12"));
        assertEquals(Status.UP_TO_DATE,
                deployer.deploy(bundle, List.of(target), options, events).results().get(0).status());
        var changed = DeployOptions.builder().keystorePassword("two".toCharArray()).build();
        assertEquals(Status.DEPLOYED,
                deployer.deploy(bundle, List.of(target), changed, events).results().get(0).status());
        assertNotEquals(new String(before), new String(Files.readAllBytes(dir.resolve("keystore.p12"))));
    }
}
