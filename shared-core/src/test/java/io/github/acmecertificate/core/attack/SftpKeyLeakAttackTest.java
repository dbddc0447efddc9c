package io.github.acmecertificate.core.attack;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import io.github.acmecertificate.core.deploy.DeployOptions;
import io.github.acmecertificate.core.deploy.DeployResult.Status;
import io.github.acmecertificate.core.deploy.Deployer;
import io.github.acmecertificate.core.deploy.SftpTarget;
import io.github.acmecertificate.core.deploy.it.OpenSsh;
import io.github.acmecertificate.core.deploy.it.TestBundles;
import io.github.acmecertificate.core.event.ProgressListener;
import io.github.acmecertificate.core.key.Pem;
import io.github.acmecertificate.core.ssh.SshEndpoint;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * A local user on the target (nobody) watches the target folder, a usual 0755 one, with
 * inotify and opens every file the deploy creates the moment it appears, keeping the
 * descriptor to read the key once it is written. Over SFTP to OpenSSH's sshd.
 */
public class SftpKeyLeakAttackTest {

    private static final int DEPLOYS = 60;

    private Path base;
    private OpenSsh ssh;

    @Before
    public void setUp() throws Exception {
        Attacker.requireRoot();
        SshEndpoint.builder();
        base = Files.createTempDirectory("acme-attack-sftp-");
        Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxr-xr-x"));
        ssh = OpenSsh.start(base.resolve("sshd"));
    }

    @After
    public void tearDown() throws Exception {
        if (ssh != null) {
            ssh.close();
        }
    }

    @Test
    public void aWatcherOnTheTargetReadsNoKeyBytesOverManyDeploys() throws Exception {
        var target = Files.createDirectories(base.resolve("tls"));
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
        var deployTarget = SftpTarget.builder(ssh.endpoint().build()).name("web").directory(target.toString())
                .file("privkey.pem", "privkey.pem").file("fullchain.pem", "fullchain.pem").build();
        var deployer = new Deployer();
        try (var attacker = Attacker.start(base.resolve("attacker"), "read", target.toString())) {
            for (int i = 0; i < DEPLOYS; i++) {
                var bundle = TestBundles.issue("attack.example.test");
                var report = deployer.deploy(bundle, List.of(deployTarget), DeployOptions.defaults(),
                        ProgressListener.NONE);
                assertEquals(Status.DEPLOYED, report.results().get(0).status());
                assertEquals(Pem.privateKey(bundle.privateKey().orElseThrow()),
                        Files.readString(target.resolve("privkey.pem")));
            }
            var counts = attacker.stop();
            System.out.println("[attack] SFTP key leak (OpenSSH, 0755 target, watcher as nobody): " + DEPLOYS
                    + " deploys, attacker " + counts);
            assertTrue("the attacker saw the files being created: " + counts, counts.get("attempts") >= DEPLOYS);
            assertEquals("key bytes the attacker read: " + counts, 0L, (long) counts.get("leaked"));
        }
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                target.resolve("privkey.pem"))));
    }
}
