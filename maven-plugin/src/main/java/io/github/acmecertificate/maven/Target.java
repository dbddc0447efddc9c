package io.github.acmecertificate.maven;

import java.util.List;
import java.util.Map;

/**
 * One {@code <target>} of {@code <targets>}: a server (or local folder) the certificate is
 * deployed to. See the deploy guide for each field.
 */
public class Target {

    /** {@code sftp}, {@code local}, or the name of any target type on the plugin's class path. */
    String type;
    /** Names the target in the log; defaults to {@code user@host:port} or {@code local:<directory>}. */
    String name;
    /** The SSH server (sftp). */
    String host;
    /** The SSH port (sftp); 22 when unset. */
    String port;
    /** The login (sftp); defaults to the settings.xml server's username. */
    String user;
    /** The settings.xml server with the SSH private key (and passphrase) or password (sftp). */
    String serverId;
    /** A known_hosts file to check the host key against (sftp). */
    String knownHosts;
    /** Pinned host key fingerprints, {@code SHA256:...}, comma-separated (sftp). */
    String hostKeyFingerprint;
    /** The folder that relative file paths are in. */
    String directory;
    /** What goes where; {@code fullchain.pem} and {@code privkey.pem} in {@code directory} when empty. */
    List<DeployFile> files;
    /** A command run once the files are in place (over SSH for sftp, with /bin/sh for local). */
    String reloadCommand;
    /** {@code host:port} (or a port for the SSH host) whose served certificate must be the new one. */
    String verifyTls;
    /** The SNI name the TLS check sends; the certificate's first name by default. */
    String tlsServerName;
    /** Options of other target types, as nested elements: {@code <options><key>value</key></options>}. */
    Map<String, String> options;
}
