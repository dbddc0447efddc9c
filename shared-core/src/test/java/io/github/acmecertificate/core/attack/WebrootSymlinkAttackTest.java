package io.github.acmecertificate.core.attack;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

import io.github.acmecertificate.core.challenge.ChallengeTask;
import io.github.acmecertificate.core.challenge.Http01WebrootSolver;
import io.github.acmecertificate.core.exception.AcmeCertificateException;
import io.github.acmecertificate.core.event.ProgressListener;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The web server's user (nobody) owns the challenge folder of a shared webroot and, in a
 * tight loop driven by inotify, replaces every file the solver creates there with a link to
 * a root-owned 0600 file. The solver must never write through the link nor change the
 * mode of what it points to.
 */
public class WebrootSymlinkAttackTest {

    private static final int WRITES = 300;
    private static final String SECRET = "root's secret, mode 0600\n";

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private Path top;

    @Before
    public void setUp() throws Exception {
        Attacker.requireRoot();
        top = temp.getRoot().toPath();
        Attacker.reachable(top, top);
    }

    @Test
    public void aSwapperInTheChallengeFolderNeverRedirectsAWriteOrAChmod() throws Exception {
        var webroot = Files.createDirectories(top.resolve("www"));
        var challenges = Files.createDirectories(webroot.resolve(".well-known").resolve("acme-challenge"));
        Attacker.reachable(top, challenges);
        Files.setAttribute(challenges, "unix:uid", Attacker.NOBODY);
        Files.setAttribute(challenges, "unix:gid", Attacker.NOBODY);
        var victim = Files.createDirectories(top.resolve("private")).resolve("secret");
        Files.writeString(victim, SECRET);
        Files.setPosixFilePermissions(victim, PosixFilePermissions.fromString("rw-------"));

        var solver = new Http01WebrootSolver(webroot);
        int redirected = 0;
        int refused = 0;
        var random = new SecureRandom();
        try (var attacker = Attacker.start(top.resolve("attacker"), "swap", challenges.toString(), victim.toString())) {
            for (int i = 0; i < WRITES; i++) {
                var bytes = new byte[32];
                random.nextBytes(bytes);
                var token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
                var task = new ChallengeTask("http-01", "shared.example.test", false, token, token + ".thumbprint");
                try {
                    solver.prepare(task, ProgressListener.NONE);
                } catch (AcmeCertificateException ex) {
                    refused++;
                }
                solver.cleanUp(task, ProgressListener.NONE);
                var mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(victim));
                if (!SECRET.equals(Files.readString(victim)) || !"rw-------".equals(mode)) {
                    redirected++;
                    Files.writeString(victim, SECRET);
                    Files.setPosixFilePermissions(victim, PosixFilePermissions.fromString("rw-------"));
                }
            }
            var counts = attacker.stop();
            System.out.println("[attack] webroot symlink swap (challenge folder owned by nobody): " + WRITES
                    + " token writes, attacker " + counts + ", writes or chmods that reached the victim: "
                    + redirected + ", writes refused because the file was swapped: " + refused);
            assertTrue("the attacker swapped some files in: " + counts, counts.get("swapped") > 0);
        }
        assertEquals("writes or mode changes that followed the attacker's link", 0, redirected);
        assertEquals(SECRET, Files.readString(victim));
    }
}
