/**
 * SSH: the endpoint a user describes (host, login, host key checks), the session that connects
 * to it, and SFTP file operations. Used by deploy targets and by the HTTP-01 challenge that
 * writes its file to the web server over SFTP.
 */
package io.github.acmecertificate.core.ssh;
