package io.github.acmecertificate.core.it;

import static io.github.acmecertificate.core.it.Issuance.request;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.acmecertificate.core.CertificateProvisioner;
import io.github.acmecertificate.core.ProvisionResult.Outcome;
import io.github.acmecertificate.core.deploy.DeployException;
import io.github.acmecertificate.core.deploy.DeployOptions;
import io.github.acmecertificate.core.deploy.DeployResult.Status;
import io.github.acmecertificate.core.deploy.Deployer;
import io.github.acmecertificate.core.deploy.LocalTarget;
import io.github.acmecertificate.core.deploy.it.Nginx;
import io.github.acmecertificate.core.deploy.it.Served;
import io.github.acmecertificate.core.key.Pem;
import io.github.acmecertificate.core.store.CertificateBundle;
import io.github.acmecertificate.core.store.FileStore;
import io.github.acmecertificate.testca.PebbleResource;
import org.junit.Rule;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Certificates from a real CA (Pebble) deployed to local targets: deploys finish or roll back. */
public class DeployPebbleTest {

    @ClassRule
    public static PebbleResource pebble = new PebbleResource();

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private final Deployer deployer = new Deployer();

    @Test
    public void aDeployKilledDuringItsReloadIsCompletedByTheNextRun() throws Exception {
        var root = Issuance.storeIn(temp);
        var store = new FileStore(root);
        var issued = new CertificateProvisioner(store).provision(request(pebble.get(), "reload.test").build(),
                new Issuance.Events());
        var dir = temp.newFolder("tls").toPath();
        var log = dir.getParent().resolve("reloads.log");

        var child = startChild(root, "reload.test", dir, "echo started >> " + log + "; sleep 120");
        try {
            var deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.exists(log) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertTrue("the killed run reached its reload command", Files.exists(log));
        } finally {
            child.descendants().forEach(ProcessHandle::destroyForcibly);
            child.destroyForcibly();
            assertTrue(child.waitFor(10, TimeUnit.SECONDS));
        }
        assertEquals("the killed run left the new files in place", Pem.certificates(issued.bundle().chain()),
                Files.readString(dir.resolve("fullchain.pem")));

        var target = localTarget(dir).reloadCommand("echo reloaded >> " + log).build();
        var next = deployer.deploy(store.load("reload.test").orElseThrow(), List.of(target), DeployOptions.defaults(),
                new Issuance.Events());

        var result = next.results().get(0);
        assertEquals(result.message(), Status.DEPLOYED, result.status());
        assertTrue(result.message(), result.message().contains("completed the unfinished deploy"));
        assertEquals("the next run reloaded", List.of("started", "reloaded"), Files.readAllLines(log));
        var after = deployer.deploy(store.load("reload.test").orElseThrow(), List.of(target), DeployOptions.defaults(),
                new Issuance.Events());
        assertEquals("once completed, the target is up to date", Status.UP_TO_DATE, after.results().get(0).status());
        assertEquals(List.of("started", "reloaded"), Files.readAllLines(log));
        try (var files = Files.list(dir)) {
            assertEquals(List.of("fullchain.pem", "privkey.pem"),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    public void aTargetWhoseTlsCheckFailsIsRolledBackAndTheStoreKeepsTheNewCertificate() throws Exception {
        var store = new FileStore(Issuance.storeIn(temp));
        var provisioner = new CertificateProvisioner(store);
        var first = provisioner.provision(request(pebble.get(), "rollback.test").build(), new Issuance.Events());
        var dir = temp.newFolder("nginx-tls").toPath();
        write(first.bundle(), dir);
        try (var nginx = Nginx.start(temp.newFolder("nginx").toPath(), dir.resolve("fullchain.pem"),
                dir.resolve("privkey.pem"), 0, null)) {
            var renewed = provisioner.provision(request(pebble.get(), "rollback.test").force(true).build(),
                    new Issuance.Events());
            assertEquals(Outcome.RENEWED, renewed.outcome());
            var log = dir.getParent().resolve("reloads.log");
            // A reload command that does not make nginx load the files: the check must fail.
            var target = localTarget(dir).reloadCommand("echo reload >> " + log)
                    .verifyTls("127.0.0.1:" + nginx.tlsPort()).build();
            var options = DeployOptions.builder().verifyTimeout(Duration.ofSeconds(2)).build();

            var failure = assertThrows(DeployException.class,
                    () -> deployer.deploy(renewed.bundle(), List.of(target), options, new Issuance.Events()));

            var message = failure.getMessage();
            assertTrue(message, message.contains("web: FAILED"));
            assertTrue(message, message.contains("Rolled back: the previous files were put back"));
            assertTrue(message, message.contains("The new certificate stays in the store"));
            assertEquals("the old files are back", Pem.certificates(first.bundle().chain()),
                    Files.readString(dir.resolve("fullchain.pem")));
            assertEquals(Pem.privateKey(first.bundle().privateKey().orElseThrow()),
                    Files.readString(dir.resolve("privkey.pem")));
            assertEquals("reloaded with the new files, then again with the old ones", List.of("reload", "reload"),
                    Files.readAllLines(log));
            assertEquals("nginx serves what worked", first.bundle().certificate(),
                    Served.leaf(nginx.tlsPort(), "rollback.test"));
            assertEquals("the store keeps the new certificate", renewed.bundle().serialNumber(),
                    store.load("rollback.test").orElseThrow().serialNumber());

            var fixed = localTarget(dir).reloadCommand(nginx.reloadCommand())
                    .verifyTls("127.0.0.1:" + nginx.tlsPort()).build();
            var rerun = deployer.deploy(store.load("rollback.test").orElseThrow(), List.of(fixed), options,
                    new Issuance.Events());
            assertEquals(Status.DEPLOYED, rerun.results().get(0).status());
            assertTrue(rerun.results().get(0).verified());
        }
    }

    private static LocalTarget.Builder localTarget(Path dir) {
        return LocalTarget.builder().name("web").directory(dir)
                .file("fullchain.pem", "fullchain.pem").file("privkey.pem", "privkey.pem");
    }

    private static void write(CertificateBundle bundle, Path dir) throws Exception {
        Files.writeString(dir.resolve("fullchain.pem"), Pem.certificates(bundle.chain()));
        Files.writeString(dir.resolve("privkey.pem"), Pem.privateKey(bundle.privateKey().orElseThrow()));
    }

    private Process startChild(Path root, String name, Path dir, String reloadCommand) throws Exception {
        var classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        var java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", classpath, DeployKilledMain.class.getName(), root.toString(), name,
                dir.toString(), reloadCommand)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
    }
}
