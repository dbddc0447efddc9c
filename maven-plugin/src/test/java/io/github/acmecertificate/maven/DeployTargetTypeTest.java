package io.github.acmecertificate.maven;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.math.BigInteger;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.github.acmecertificate.core.key.KeyType;
import io.github.acmecertificate.core.store.CertificateBundle;
import io.github.acmecertificate.core.store.CertificateMetadata;
import io.github.acmecertificate.core.store.FileStore;
import org.apache.maven.plugin.MojoFailureException;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** acme:deploy to a target type that only the test class path has, named in the POM like any other. */
public class DeployTargetTypeTest {

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private DeployMojo deployMojo(Target target) throws Exception {
        var mojo = new DeployMojo();
        mojo.skip = "false";
        mojo.deployParallelism = "1";
        mojo.deployForce = "false";
        mojo.deployCommandTimeout = "2m";
        mojo.deployVerifyTimeout = "30";
        mojo.store = folder.newFolder();
        mojo.targets = List.of(target);
        setName(mojo, "site.example.test");
        return mojo;
    }

    private static void storeCertificate(FileStore store, String name) throws Exception {
        var key = KeyType.EC_P256.generate();
        var now = Instant.now().minus(Duration.ofHours(1));
        var subject = new X500Name("CN=" + name);
        var signer = new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate());
        var certificate = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(subject,
                BigInteger.ONE, Date.from(now), Date.from(now.plus(Duration.ofDays(90))), subject, key.getPublic())
                .build(signer));
        store.save(new CertificateBundle(List.of(certificate), key.getPrivate(), new CertificateMetadata(name,
                List.of(name), "https://ca.example.test/dir", Optional.of("ec-p256"), Optional.empty(),
                Optional.empty(), Optional.empty(), Instant.now(), now, now.plus(Duration.ofDays(90)))));
    }

    @Test
    public void aTargetTypeOnTheClassPathIsDeployedByItsName() throws Exception {
        var site = folder.newFolder("site").toPath();
        var journal = folder.getRoot().toPath().resolve("journal.log");
        var target = new Target();
        target.type = "journal";
        target.name = "test-only";
        target.directory = site.toString();
        target.options = Map.of("journal", journal.toString());
        var mojo = deployMojo(target);
        storeCertificate(new FileStore(mojo.store.toPath()), "site.example.test");

        mojo.execute();

        assertTrue(Files.isRegularFile(site.resolve("fullchain.pem")));
        assertTrue(Files.isRegularFile(site.resolve("privkey.pem")));
        var lines = Files.readAllLines(journal);
        assertEquals(lines.toString(), 2, lines.size());
        assertTrue(lines.toString(), lines.stream().allMatch(l -> l.startsWith(site.toString())));
    }

    @Test
    public void anUnknownTypeOrOptionIsRefusedWithTheTypesAvailable() throws Exception {
        var target = new Target();
        target.type = "vault";
        var ex = assertThrows(MojoFailureException.class, () -> deployMojo(target).execute());
        assertTrue(ex.getMessage(), ex.getMessage().contains("'vault' is not a target type"));
        assertTrue(ex.getMessage(), ex.getMessage().contains("journal") && ex.getMessage().contains("sftp")
                && ex.getMessage().contains("local"));
        var wrong = new Target();
        wrong.type = "local";
        wrong.directory = folder.getRoot().toString();
        wrong.options = Map.of("journal", "x");
        var unknown = assertThrows(MojoFailureException.class, () -> deployMojo(wrong).execute());
        assertTrue(unknown.getMessage(), unknown.getMessage().contains("journal is not an option of local targets"));
    }

    @Test
    public void everyInputProblemOfTheDeployGoalIsReportedInOneMessage() throws Exception {
        var target = new Target();
        target.type = "vault";
        var mojo = deployMojo(target);
        setName(mojo, null);
        mojo.deployVerifyTimeout = "soon";

        var ex = assertThrows(MojoFailureException.class, mojo::execute);

        assertTrue(ex.getMessage(), ex.getMessage().contains("'vault' is not a target type"));
        assertTrue(ex.getMessage(), ex.getMessage().contains("acme.deploy.verifyTimeout"));
        assertTrue(ex.getMessage(), ex.getMessage().contains("acme.name"));
        assertTrue("nothing was created in the store", mojo.store.list().length == 0);
    }

    private static void setName(DeployMojo mojo, String name) throws Exception {
        var field = DeployMojo.class.getDeclaredField("name");
        field.setAccessible(true);
        field.set(mojo, name);
    }
}
