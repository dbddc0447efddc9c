package io.github.acmecertificate.maven;

/** The {@code <sftpWebroot>} of the {@code http-01-sftp} challenge. */
public class SftpWebroot {

    /** The name of the sftp target whose SSH settings reach the web server. */
    String target;
    /** The document root served at {@code http://<name>/} on that server. */
    String path;
}
