package io.github.acmecertificate.jenkins.challenge;

import java.util.LinkedHashMap;
import java.util.List;

import io.github.acmecertificate.core.challenge.ChallengeDescription;
import io.github.acmecertificate.core.challenge.ChallengeType;
import io.github.acmecertificate.core.deploy.TargetDescription;
import io.github.acmecertificate.core.deploy.TargetDescription.FileEntry;

/** The core's challenge and target descriptions as the step's describables build them, written the tests' way. */
public final class TestChallenges {

    /** An SSH server as sftpWebroot(...) and sftp(...) name it. */
    public record Ssh(String host, int port, String credentialsId, String knownHosts, String hostKeyFingerprint) {
    }

    private TestChallenges() {
    }

    public static ChallengeDescription http01(String address, int port) {
        return ChallengeDescription.builder(ChallengeType.HTTP_01).option("address", address).option("port", port)
                .build();
    }

    public static ChallengeDescription webroot(String path) {
        return ChallengeDescription.builder(ChallengeType.HTTP_01_WEBROOT).option("path", path).build();
    }

    public static ChallengeDescription dns01(String provider, String credentialsId, String options) {
        return ChallengeDescription.builder(ChallengeType.DNS_01).option("provider", provider)
                .option("credential", credentialsId).option("options", options).build();
    }

    public static ChallengeDescription dns01(String provider, String credentialsId, String options,
            String propagationTimeout, String propagationInterval, boolean skipPropagationCheck, String resolvers,
            int nameserverPort, boolean followCnames, String queryTimeout) {
        return ChallengeDescription.builder(ChallengeType.DNS_01).option("provider", provider)
                .option("credential", credentialsId).option("options", options)
                .option("propagationTimeout", propagationTimeout).option("propagationInterval", propagationInterval)
                .option("skipPropagationCheck", skipPropagationCheck).option("resolvers", resolvers)
                .option("nameserverPort", nameserverPort).option("followCnames", followCnames)
                .option("queryTimeout", queryTimeout).build();
    }

    public static ChallengeDescription sftpWebroot(Ssh ssh, String path) {
        return ChallengeDescription.builder(ChallengeType.HTTP_01_SFTP).option("host", ssh.host())
                .option("port", ssh.port()).option("credential", ssh.credentialsId())
                .option("knownHosts", ssh.knownHosts()).option("hostKeyFingerprint", ssh.hostKeyFingerprint())
                .option("path", path).build();
    }

    public static TargetDescription sftp(String name, Ssh ssh, String directory, List<FileEntry> files,
            String reloadCommand, String verifyTls, String tlsServerName) {
        var options = new LinkedHashMap<String, String>();
        options.put("name", name);
        options.put("host", ssh.host());
        options.put("port", ssh.port() == 22 ? null : Integer.toString(ssh.port()));
        options.put("credential", ssh.credentialsId());
        options.put("knownHosts", ssh.knownHosts());
        options.put("hostKeyFingerprint", ssh.hostKeyFingerprint());
        options.put("directory", directory);
        options.put("reloadCommand", reloadCommand);
        options.put("verifyTls", verifyTls);
        options.put("tlsServerName", tlsServerName);
        return new TargetDescription("sftp", options, files);
    }

    public static FileEntry file(String source, String path, String mode, String owner, String group) {
        return new FileEntry(source, path, mode, owner, group);
    }
}
