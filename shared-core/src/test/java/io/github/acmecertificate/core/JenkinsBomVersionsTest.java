package io.github.acmecertificate.core;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import org.apache.sshd.client.SshClient;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.Test;

/**
 * Proves that the execution {@code jenkins-bom-versions} of this module runs the SSH, SFTP and
 * key tests with the MINA SSHD and Bouncy Castle of the Jenkins BOM, not with the versions the
 * core is compiled with: the classes come from those jars. Runs only in that execution, which
 * sets the expected versions.
 */
public class JenkinsBomVersionsTest {

    @Test
    public void theJenkinsBomVersionsAreTheOnesLoaded() {
        var sshd = System.getProperty("acme.expect.sshd.version");
        var bouncyCastle = System.getProperty("acme.expect.bouncycastle.version");
        assertNotNull("run by the jenkins-bom-versions execution, which sets acme.expect.sshd.version", sshd);
        assertNotNull(bouncyCastle);
        assertEquals(bouncyCastle, new BouncyCastleProvider().getVersionStr());
        var sshdJar = SshClient.class.getProtectionDomain().getCodeSource().getLocation().getPath();
        assertTrue(sshdJar, sshdJar.endsWith("/jenkins-bom-libs/sshd-core.jar"));
        var version = SshClient.class.getPackage().getImplementationVersion();
        assertTrue("sshd-core " + version, version == null || version.equals(sshd));
    }
}
