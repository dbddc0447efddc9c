package io.github.acmecertificate.maven;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;

import io.github.acmecertificate.core.key.KeyType;
import io.github.acmecertificate.core.key.Pem;
import io.github.acmecertificate.core.store.FileStore;
import io.github.acmecertificate.core.store.Pkcs12;
import io.github.acmecertificate.testca.PebbleResource;
import io.github.acmecertificate.testca.StaticFileServer;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.digest.BuiltinDigests;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;
import org.junit.After;
import org.junit.Before;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Real Maven builds that answer HTTP-01 through an SSH server and deploy there: an in-process
 * Apache MINA SSHD server whose SFTP root is a folder, and a small web server over that
 * folder's {@code www}, standing in for a web server the build reaches only over SSH.
 */
public class DeployBuildIT {

    @ClassRule
    public static PebbleResource pebble = new PebbleResource();

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private SshServer ssh;
    private StaticFileServer web;
    private Path root;
    private Path work;
    private Path store;
    private Path local;
    private Path clientKey;
    private String hostKey;

    @Before
    public void startServers() throws Exception {
        root = temp.newFolder("ssh-root").toPath();
        Files.createDirectories(root.resolve("tls"));
        Files.createDirectories(root.resolve("www"));
        work = Files.createTempDirectory(Files.createDirectories(Path.of(System.getProperty("it.work"))), "deploy");
        store = work.resolve("store");
        local = Files.createDirectories(work.resolve("haproxy"));

        KeyPair client = KeyType.EC_P256.generate();
        clientKey = temp.getRoot().toPath().resolve("id_ecdsa");
        Files.writeString(clientKey, Pem.privateKey(client.getPrivate()));

        ssh = SshServer.setUpDefaultServer();
        ssh.setHost("127.0.0.1");
        ssh.setPort(0);
        var hostKeys = new SimpleGeneratorHostKeyProvider(temp.getRoot().toPath().resolve("host.ser"));
        ssh.setKeyPairProvider(hostKeys);
        ssh.setPublickeyAuthenticator((user, key, session) -> "deploy".equals(user)
                && KeyUtils.compareKeys(key, client.getPublic()));
        ssh.setSubsystemFactories(List.of(new SftpSubsystemFactory()));
        ssh.setFileSystemFactory(new VirtualFileSystemFactory(root));
        ssh.start();
        hostKey = KeyUtils.getFingerPrint(BuiltinDigests.sha256, hostKeys.loadKeys(null).iterator().next().getPublic());

        web = StaticFileServer.start(root.resolve("www"), pebble.get().httpPort());
    }

    @After
    public void stopServers() throws Exception {
        if (web != null) {
            web.close();
        }
        if (ssh != null) {
            ssh.stop(true);
        }
    }

    private MavenBuild build(String... goals) throws Exception {
        return MavenBuild.ofSample("deploy-sftp", work).goals(goals)
                .property("it.server", pebble.get().directoryUri())
                .property("it.serverTrust", pebble.get().trustRootPem())
                .property("it.store", store)
                .property("it.sshPort", ssh.getPort())
                .property("it.hostKey", hostKey)
                .property("it.local", local)
                .servers("<server><id>web1-ssh</id><username>deploy</username><privateKey>" + clientKey
                        + "</privateKey></server>");
    }

    @Test
    public void issuesThroughTheTargetDeploysAndRedeploysWithoutTheCa() throws Exception {
        var first = build("validate").run();
        assertTrue(first.output(), first.succeeded());
        assertTrue(first.output(), first.output().contains("web.example.test: issued for web.example.test"));
        assertTrue("the CA fetched the token from the web server: " + web.requests(),
                web.requests().stream().anyMatch(p -> p.startsWith("/.well-known/acme-challenge/")));
        assertFalse("the token folder is gone again", Files.exists(root.resolve("www/.well-known/acme-challenge")));

        var stored = store.resolve("certificates/web.example.test");
        assertArrayEquals(Files.readAllBytes(stored.resolve("fullchain.pem")),
                Files.readAllBytes(root.resolve("tls/fullchain.pem")));
        assertArrayEquals(Files.readAllBytes(stored.resolve("privkey.pem")),
                Files.readAllBytes(root.resolve("tls/privkey.pem")));
        var password = Files.readString(stored.resolve("keystore.pass")).strip().toCharArray();
        var keystore = Pkcs12.decode(Files.readAllBytes(root.resolve("tls/web.p12")), password);
        assertEquals(Pem.readCertificates(Files.readString(stored.resolve("cert.pem"))).get(0),
                keystore.getCertificate("web.example.test"));
        var combined = Files.readString(local.resolve("combined.pem"));
        assertTrue(combined.startsWith("-----BEGIN PRIVATE KEY-----"));
        assertTrue(first.output(), first.output().contains("[web1]") && first.output().contains("[haproxy]"));

        long requests = pebble.get().requestCount("");
        var second = build("validate").run();
        assertTrue(second.output(), second.succeeded());
        assertTrue(second.output(), second.output().contains("not due"));
        assertEquals(requests, pebble.get().requestCount(""));

        // A target loses its files; acme:deploy brings it back without the CA.
        Files.delete(root.resolve("tls/fullchain.pem"));
        var redeploy = build("acme:deploy").run();
        assertTrue(redeploy.output(), redeploy.succeeded());
        assertEquals(requests, pebble.get().requestCount(""));
        assertArrayEquals(Files.readAllBytes(stored.resolve("fullchain.pem")),
                Files.readAllBytes(root.resolve("tls/fullchain.pem")));
        assertFalse("the private key never reaches the log",
                redeploy.output().contains(Files.readString(stored.resolve("privkey.pem")).lines().skip(1).findFirst()
                        .orElseThrow()));

        // acme:deploy reads the store under the name's lock: while a renewal holds it, it waits.
        Files.delete(root.resolve("tls/fullchain.pem"));
        var waiting = new java.util.concurrent.atomic.AtomicReference<MavenBuild.Result>();
        var told = new java.util.concurrent.CountDownLatch(1);
        Thread deploying;
        try (var lock = new FileStore(store).lock("web.example.test", java.time.Duration.ofSeconds(5), e -> { })) {
            deploying = new Thread(() -> {
                try {
                    waiting.set(build("acme:deploy").onLine(line -> {
                        if (line.contains("Waiting for another process that is renewing web.example.test")) {
                            told.countDown();
                        }
                    }).run());
                } catch (Exception ex) {
                    throw new IllegalStateException(ex);
                }
            });
            deploying.start();
            assertTrue("acme:deploy waits for the lock", told.await(180, java.util.concurrent.TimeUnit.SECONDS));
            Thread.sleep(1000);
            assertFalse("nothing deployed while the store is locked", Files.exists(root.resolve("tls/fullchain.pem")));
        }
        deploying.join(180_000);
        assertTrue(waiting.get().output(), waiting.get().succeeded());
        assertArrayEquals("deployed once the lock was free", Files.readAllBytes(stored.resolve("fullchain.pem")),
                Files.readAllBytes(root.resolve("tls/fullchain.pem")));

        // A key that does not belong to the certificate (read from another renewal) is never uploaded.
        var targetKey = Files.readString(root.resolve("tls/privkey.pem"));
        Files.writeString(stored.resolve("privkey.pem"), Pem.privateKey(KeyType.EC_P256.generate().getPrivate()));
        Files.delete(root.resolve("tls/fullchain.pem"));
        var mismatched = build("acme:deploy").run();
        assertFalse(mismatched.output(), mismatched.succeeded());
        assertTrue(mismatched.output(), mismatched.output().contains("does not belong to its certificate"));
        assertEquals("nothing was uploaded", targetKey, Files.readString(root.resolve("tls/privkey.pem")));
        assertFalse(Files.exists(root.resolve("tls/fullchain.pem")));
    }

    @Test
    public void aFailingTargetFailsTheBuildButKeepsTheCertificate() throws Exception {
        Files.delete(root.resolve("tls"));
        var result = build("validate").run();
        assertFalse(result.output(), result.succeeded());
        assertTrue(result.output(), result.output().contains("web1"));
        assertTrue("the new certificate is stored all the same",
                Files.exists(store.resolve("certificates/web.example.test/fullchain.pem")));
        assertTrue("the other target got it", Files.exists(local.resolve("combined.pem")));
    }
}
