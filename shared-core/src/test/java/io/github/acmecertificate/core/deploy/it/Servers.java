package io.github.acmecertificate.core.deploy.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import io.github.acmecertificate.core.key.Pem;
import io.github.acmecertificate.core.store.CertificateBundle;
import org.junit.rules.ExternalResource;

/**
 * A JUnit rule with the servers of a deploy test: OpenSSH's sshd and an nginx that serves
 * TLS from {@code <base>/nginx-tls/fullchain.pem} and {@code privkey.pem}, which start out
 * holding an old certificate. The SSH login is the test's own user, so the "remote" files
 * are files under {@link #base()}, which a test reads directly.
 */
public final class Servers extends ExternalResource {

    private final String name;
    private Path base;
    private OpenSsh ssh;
    private Nginx nginx;
    private CertificateBundle initial;

    /**
     * Creates the rule.
     *
     * @param name the DNS name of the certificate nginx starts with
     */
    public Servers(String name) {
        this.name = name;
    }

    @Override
    protected void before() throws Throwable {
        Installed.require("sshd", "openssh-server");
        Installed.require("nginx", "nginx");
        base = Files.createTempDirectory("acme-deploy-");
        // nginx workers (nobody) must reach the files, as on a real server.
        Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxr-xr-x"));
        ssh = OpenSsh.start(base.resolve("sshd"));
        var tls = folder("nginx-tls");
        initial = TestBundles.issue(name);
        write(initial, tls);
        nginx = Nginx.start(base.resolve("nginx"), tls.resolve("fullchain.pem"), tls.resolve("privkey.pem"), 0, null);
    }

    @Override
    protected void after() {
        if (nginx != null) {
            nginx.close();
        }
        if (ssh != null) {
            ssh.close();
        }
        if (base != null) {
            Folders.deleteRecursively(base);
        }
    }

    /**
     * Writes a bundle's fullchain.pem and privkey.pem into a folder directly, as an earlier
     * deploy would have.
     *
     * @param bundle the certificate
     * @param dir    the folder
     * @throws Exception if writing fails
     */
    public static void write(CertificateBundle bundle, Path dir) throws Exception {
        Files.writeString(dir.resolve("fullchain.pem"), Pem.certificates(bundle.chain()));
        Files.writeString(dir.resolve("privkey.pem"), Pem.privateKey(bundle.privateKey().orElseThrow()));
        Files.setPosixFilePermissions(dir.resolve("privkey.pem"), PosixFilePermissions.fromString("rw-------"));
    }

    /**
     * Creates a new folder under the base, readable by all.
     *
     * @param name its name
     * @return the folder
     * @throws Exception if it cannot be created
     */
    public Path folder(String name) throws Exception {
        var dir = Files.createDirectories(base.resolve(name));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        return dir;
    }

    /**
     * Returns the base folder.
     *
     * @return the folder
     */
    public Path base() {
        return base;
    }

    /**
     * Returns sshd.
     *
     * @return the server
     */
    public OpenSsh ssh() {
        return ssh;
    }

    /**
     * Returns nginx.
     *
     * @return the server
     */
    public Nginx nginx() {
        return nginx;
    }

    /**
     * Returns the folder nginx reads its certificate from.
     *
     * @return the folder
     */
    public Path nginxTls() {
        return base.resolve("nginx-tls");
    }

    /**
     * Returns the certificate nginx started with.
     *
     * @return the bundle
     */
    public CertificateBundle initial() {
        return initial;
    }

    static List<String> names(Path dir) throws Exception {
        try (var list = Files.list(dir)) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
