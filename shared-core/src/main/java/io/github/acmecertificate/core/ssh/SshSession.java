package io.github.acmecertificate.core.ssh;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

import io.github.acmecertificate.core.config.Durations;
import io.github.acmecertificate.core.host.CommandResult;
import io.github.acmecertificate.core.host.FileStatus;
import io.github.acmecertificate.core.host.OutputTail;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.auth.keyboard.UserAuthKeyboardInteractiveFactory;
import org.apache.sshd.client.auth.password.UserAuthPasswordFactory;
import org.apache.sshd.client.auth.pubkey.UserAuthPublicKeyFactory;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.config.hosts.HostConfigEntryResolver;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.keyprovider.KeyIdentityProvider;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.sftp.client.SftpClient.OpenMode;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.apache.sshd.sftp.client.RawSftpClient;
import org.apache.sshd.sftp.client.impl.DefaultCloseableHandle;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;
import org.apache.sshd.sftp.client.extensions.openssh.OpenSSHFsyncExtension;
import org.apache.sshd.sftp.client.extensions.openssh.OpenSSHPosixRenameExtension;
import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.common.SftpException;

/**
 * An open SSH connection with its SFTP channel: the file operations deploy targets and the
 * SFTP HTTP-01 solver need, with errors that say which server and path failed and why.
 *
 * <p>Each session has its own client, configured from the {@link SshEndpoint} alone: no
 * {@code ~/.ssh/config}, no default identities, no agent, and the host key checked as the
 * endpoint says. One session serves one thread at a time.
 *
 * @since 0.1.0
 */
public final class SshSession implements AutoCloseable {

    private static final int CHUNK = 32 * 1024;

    static {
        MinaSecurity.configure();
    }

    private final SshEndpoint endpoint;
    private final SshClient client;
    private final ClientSession session;
    private final SftpClient sftp;
    private final String hostKey;
    private final boolean posixRename;
    private final boolean fsync;

    private SshSession(SshEndpoint endpoint, SshClient client, ClientSession session, SftpClient sftp, String hostKey) {
        this.endpoint = endpoint;
        this.client = client;
        this.session = session;
        this.sftp = sftp;
        this.hostKey = hostKey;
        this.posixRename = sftp.getExtension(OpenSSHPosixRenameExtension.class).isSupported();
        this.fsync = sftp.getExtension(OpenSSHFsyncExtension.class).isSupported();
    }

    /**
     * Connects, checks the host key, logs in and opens SFTP.
     *
     * @param endpoint where and how
     * @return the open session; close it when done
     * @throws IOException with a message that says what failed (connection, host key, login,
     *                     SFTP) and what to check
     */
    public static SshSession open(SshEndpoint endpoint) throws IOException {
        HostKeyVerifier verifier;
        try {
            verifier = HostKeyVerifier.forEndpoint(endpoint);
        } catch (IOException | RuntimeException ex) {
            throw new IOException("Cannot read the known_hosts file " + endpoint.knownHosts().orElse(null) + ": "
                    + ex.getMessage(), ex);
        }
        var client = SshClient.setUpDefaultClient();
        client.setHostConfigEntryResolver(HostConfigEntryResolver.EMPTY);
        client.setKeyIdentityProvider(KeyIdentityProvider.EMPTY_KEYS_PROVIDER);
        client.setServerKeyVerifier(verifier);
        // Ask for the host key types known_hosts has for this host: a server with several
        // host keys then shows one the file can confirm. With pinned fingerprints, prefer
        // Ed25519 as OpenSSH does, the key whose fingerprint people usually pin.
        // Certificates are not supported.
        var types = verifier.knownKeyTypes();
        var all = client.getSignatureFactories();
        var factories = all.stream()
                .filter(f -> !f.getName().contains("-cert-"))
                .filter(f -> types.isEmpty() || types.contains(KeyUtils.getCanonicalKeyType(f.getName())))
                .sorted(Comparator.comparing(f -> !KeyPairProvider.SSH_ED25519.equals(f.getName())))
                .toList();
        if (!factories.isEmpty()) {
            client.setSignatureFactories(factories);
        }
        // The login signs with the user's key, whatever the host key's type.
        client.setUserAuthFactories(List.of(new UserAuthPublicKeyFactory(all),
                UserAuthKeyboardInteractiveFactory.INSTANCE, UserAuthPasswordFactory.INSTANCE));
        var timeout = endpoint.connectTimeout();
        ClientSession session = null;
        try {
            client.start();
            try {
                session = client.connect(endpoint.user(), endpoint.host(), endpoint.port()).verify(timeout)
                        .getSession();
            } catch (IOException ex) {
                throw connectFailure(endpoint, ex);
            }
            for (var key : endpoint.keys()) {
                session.addPublicKeyIdentity(key);
            }
            var password = endpoint.password();
            if (password != null) {
                // The SSH library takes a String; it lives only as long as this session.
                session.addPasswordIdentity(new String(password));
                Arrays.fill(password, '\0');
            }
            try {
                session.auth().verify(timeout);
            } catch (IOException ex) {
                if (verifier.rejection() != null) {
                    throw new IOException("The SSH server " + endpoint.describe() + " " + verifier.rejection(), ex);
                }
                if (isTimeout(ex)) {
                    throw new IOException("The SSH server " + endpoint.describe() + " did not complete the login "
                            + "within " + Durations.format(timeout) + ". Check that it is an SSH server and not "
                            + "overloaded", ex);
                }
                throw new IOException("The SSH server " + endpoint.describe() + " refused the login as "
                        + endpoint.user() + " with " + endpoint.describeCredentials() + " (" + ex.getMessage()
                        + "). Check the user, and that the key's public half is in that user's "
                        + "~/.ssh/authorized_keys on the server (or that the password is right)", ex);
            }
            SftpClient sftp;
            try {
                sftp = SftpClientFactory.instance().createSftpClient(session);
            } catch (IOException ex) {
                throw new IOException("The SSH server " + endpoint.describe() + " accepted the login but offers no "
                        + "SFTP (" + ex.getMessage() + "). Enable the sftp subsystem in its sshd_config", ex);
            }
            var accepted = verifier.accepted() != null ? verifier.accepted()
                    : HostKeyVerifier.fingerprint(session.getServerKey());
            var opened = new SshSession(endpoint, client, session, sftp, accepted);
            session = null;
            client = null;
            return opened;
        } finally {
            if (session != null) {
                session.close(true);
            }
            if (client != null) {
                client.stop();
            }
        }
    }

    private static IOException connectFailure(SshEndpoint endpoint, IOException ex) {
        var where = "Cannot connect to " + endpoint.describe() + ": ";
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException) {
                return new IOException(where + "connection refused. Check host and port, and that the SSH server "
                        + "runs there", ex);
            }
            if (cause instanceof UnknownHostException) {
                return new IOException(where + "unknown host. Check the host name", ex);
            }
            if (cause instanceof NoRouteToHostException) {
                return new IOException(where + "no route to host. Check the address and the network", ex);
            }
        }
        if (isTimeout(ex)) {
            return new IOException(where + "no answer within " + Durations.format(endpoint.connectTimeout())
                    + ". Check host, port and firewalls", ex);
        }
        return new IOException(where + ex.getMessage(), ex);
    }

    private static boolean isTimeout(Throwable ex) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            if (cause instanceof SocketTimeoutException || cause instanceof InterruptedIOException
                    || String.valueOf(cause.getMessage()).contains("within specified timeout")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Returns the endpoint.
     *
     * @return where this session is connected
     */
    public SshEndpoint endpoint() {
        return endpoint;
    }

    /**
     * Describes the host key that was accepted and why, for the log.
     *
     * @return e.g. {@code ssh-ed25519 key SHA256:..., known from /home/ci/.ssh/known_hosts}
     */
    public String hostKey() {
        return hostKey;
    }

    /**
     * Tells whether renames replace their target atomically (the server offers
     * {@code posix-rename@openssh.com}, as OpenSSH does).
     *
     * @return true when {@link #rename} is atomic
     */
    public boolean atomicRename() {
        return posixRename;
    }

    /**
     * Looks a path up, following links.
     *
     * @param path the path
     * @return what is there, or empty when nothing is
     * @throws IOException if the server cannot say (permission denied on a parent, for instance)
     */
    public Optional<FileStatus> stat(String path) throws IOException {
        try {
            var attrs = sftp.stat(path);
            var kind = attrs.isRegularFile() ? FileStatus.Kind.FILE
                    : attrs.isDirectory() ? FileStatus.Kind.FOLDER : FileStatus.Kind.OTHER;
            var flags = attrs.getFlags();
            return Optional.of(new FileStatus(kind, attrs.getSize(),
                    flags.contains(SftpClient.Attribute.Perms) ? attrs.getPermissions() & 07777 : -1,
                    flags.contains(SftpClient.Attribute.UidGid) ? attrs.getUserId() : -1,
                    flags.contains(SftpClient.Attribute.UidGid) ? attrs.getGroupId() : -1));
        } catch (SftpException ex) {
            if (ex.getStatus() == SftpConstants.SSH_FX_NO_SUCH_FILE || ex.getStatus() == SftpConstants.SSH_FX_NO_SUCH_PATH) {
                return Optional.empty();
            }
            throw failure("cannot look up", path, ex);
        }
    }

    /**
     * Reads a small file whole.
     *
     * @param path     the file
     * @param maxBytes the most it may hold
     * @return its content
     * @throws IOException if it cannot be read, or is larger than {@code maxBytes}
     */
    public byte[] read(String path, int maxBytes) throws IOException {
        try (var in = sftp.read(path)) {
            var content = in.readNBytes(maxBytes + 1);
            if (content.length > maxBytes) {
                throw new IOException(path + " on " + endpoint.describe() + " is larger than " + maxBytes
                        + " bytes, so it is not a certificate or key file. Check the path");
            }
            return content;
        } catch (SftpException ex) {
            throw failure("cannot read", path, ex);
        }
    }

    /**
     * Creates a new file (it must not exist, not even as a link) with its permissions in the
     * request that creates it and its owner set before any content is written, so that a key
     * is never readable by others, not even while being written; the content is then
     * written and synced. A failure removes the partial file.
     *
     * @param path    the new file
     * @param content its content
     * @param mode    POSIX permissions, e.g. {@code 0600}
     * @param uid     the owner's numeric id, or -1 to keep the login's
     * @param gid     the group's numeric id, or -1 to keep the login's
     * @throws IOException if it cannot be created or written
     */
    public void createFile(String path, byte[] content, int mode, int uid, int gid) throws IOException {
        var created = false;
        try (var handle = openNew(path, mode)) {
            created = true;
            var attrs = new SftpClient.Attributes().perms(mode);
            if (uid >= 0 || gid >= 0) {
                // Only change what differs: a login that is not root may not chown, even to itself.
                var current = sftp.stat(handle);
                int wantUid = uid >= 0 ? uid : current.getUserId();
                int wantGid = gid >= 0 ? gid : current.getGroupId();
                if (wantUid != current.getUserId() || wantGid != current.getGroupId()) {
                    attrs.owner(wantUid, wantGid);
                }
            }
            try {
                // Through the handle (fchmod, fchown): the server's umask may have narrowed the
                // mode given at creation, and a path could have been swapped meanwhile.
                sftp.setStat(handle, attrs);
            } catch (SftpException ex) {
                throw failure("cannot set mode " + String.format("%04o", mode)
                        + (uid >= 0 || gid >= 0 ? " and owner " + uid + ":" + gid : "") + " on", path, ex);
            }
            for (int offset = 0; offset < content.length; offset += CHUNK) {
                sftp.write(handle, offset, content, offset, Math.min(CHUNK, content.length - offset));
            }
            if (fsync) {
                sftp.getExtension(OpenSSHFsyncExtension.class).fsync(handle);
            }
        } catch (IOException ex) {
            if (created) {
                deleteQuietly(path);
            }
            if (ex instanceof SftpException sftpException) {
                throw failure("cannot write", path, sftpException);
            }
            throw ex;
        }
    }

    /**
     * Opens a new file for writing, failing if anything (a link included) is at the path,
     * with its permissions in the open request itself: the server creates the file with
     * them (narrowed by its umask, never widened), so no other user can open it between
     * its creation and a later mode change. The SSH library's own open sends no
     * permissions, and OpenSSH then creates the file 0644.
     */
    private SftpClient.CloseableHandle openNew(String path, int mode) throws IOException {
        if (!(sftp instanceof RawSftpClient raw)) {
            throw new IOException("cannot create " + path + " on " + endpoint.describe() + " safely: the SFTP "
                    + "client cannot send permissions with the open request");
        }
        int version = sftp.getVersion();
        var buffer = new ByteArrayBuffer();
        buffer.putString(path, sftp.getNameDecodingCharset());
        if (version >= SftpConstants.SFTP_V5) {
            buffer.putInt(SftpConstants.ACE4_WRITE_DATA | SftpConstants.ACE4_WRITE_ATTRIBUTES
                    | SftpConstants.ACE4_READ_ATTRIBUTES);
            buffer.putInt(SftpConstants.SSH_FXF_CREATE_NEW);
        } else {
            buffer.putInt(SftpConstants.SSH_FXF_WRITE | SftpConstants.SSH_FXF_CREAT | SftpConstants.SSH_FXF_EXCL);
        }
        buffer.putInt(SftpConstants.SSH_FILEXFER_ATTR_PERMISSIONS);
        if (version >= SftpConstants.SFTP_V4) {
            buffer.putByte((byte) SftpConstants.SSH_FILEXFER_TYPE_REGULAR);
        }
        buffer.putInt(mode & 07777);
        int id = raw.send(SftpConstants.SSH_FXP_OPEN, buffer);
        var response = raw.receive(id);
        response.getInt();
        int type = response.getUByte();
        response.getInt();
        if (type == SftpConstants.SSH_FXP_HANDLE) {
            return new DefaultCloseableHandle(sftp, path, response.getBytes());
        }
        if (type == SftpConstants.SSH_FXP_STATUS) {
            int status = response.getInt();
            var message = response.available() > 4 ? response.getString() : null;
            throw new SftpException(status, message);
        }
        throw new IOException("cannot create " + path + " on " + endpoint.describe() + ": unexpected SFTP answer "
                + type);
    }

    /**
     * Renames a file, replacing the target. With {@code posix-rename@openssh.com} (OpenSSH)
     * the replacement is atomic; otherwise an existing target is removed first.
     *
     * @param from the current name
     * @param to   the new name
     * @return true if the rename was atomic
     * @throws IOException if the rename failed
     */
    public boolean rename(String from, String to) throws IOException {
        try {
            if (posixRename) {
                sftp.getExtension(OpenSSHPosixRenameExtension.class).posixRename(from, to);
                return true;
            }
            try {
                sftp.rename(from, to);
                return true;
            } catch (SftpException ex) {
                if (stat(to).isEmpty()) {
                    throw ex;
                }
                // SFTP version 3 renames never replace; without OpenSSH's extension the old
                // file must go first, which leaves a short moment without it.
                sftp.remove(to);
                sftp.rename(from, to);
                return false;
            }
        } catch (SftpException ex) {
            throw failure("cannot rename " + from + " to", to, ex);
        }
    }

    /**
     * Removes a file; a file that is already gone is no error.
     *
     * @param path the file
     * @throws IOException if it exists and cannot be removed
     */
    public void delete(String path) throws IOException {
        try {
            sftp.remove(path);
        } catch (SftpException ex) {
            if (ex.getStatus() != SftpConstants.SSH_FX_NO_SUCH_FILE) {
                throw failure("cannot remove", path, ex);
            }
        }
    }

    private void deleteQuietly(String path) {
        try {
            sftp.remove(path);
        } catch (IOException ex) {
            // The caller reports the first failure; a stray temporary has a recognizable name.
        }
    }

    /**
     * Creates a folder with the given permissions.
     *
     * @param path the folder, whose parent exists
     * @param mode POSIX permissions, e.g. {@code 0755}
     * @throws IOException if it cannot be created
     */
    public void createDirectory(String path, int mode) throws IOException {
        try {
            sftp.mkdir(path);
            sftp.setStat(path, new SftpClient.Attributes().perms(mode));
        } catch (SftpException ex) {
            throw failure("cannot create the folder", path, ex);
        }
    }

    /**
     * Removes a folder if it is empty.
     *
     * @param path the folder
     * @return true if it was removed (or was already gone), false if it is not empty or cannot be removed
     */
    public boolean deleteDirectory(String path) {
        try {
            sftp.rmdir(path);
            return true;
        } catch (SftpException ex) {
            return ex.getStatus() == SftpConstants.SSH_FX_NO_SUCH_FILE;
        } catch (IOException ex) {
            return false;
        }
    }

    /**
     * Runs a command through the login's shell and waits for it to end.
     *
     * @param command the command line
     * @param timeout how long it may run
     * @return its exit status and output
     * @throws IOException          if it cannot be started, or runs longer than the time-out
     * @throws InterruptedException if interrupted while waiting
     */
    public CommandResult run(String command, Duration timeout) throws IOException, InterruptedException {
        var output = new OutputTail();
        try (var channel = session.createExecChannel(command)) {
            // No input: a command that prompts (sudo asking for a password) fails at once
            // instead of waiting for the time-out.
            channel.setIn(new ByteArrayInputStream(new byte[0]));
            channel.setOut(output);
            channel.setErr(output);
            channel.open().verify(endpoint.connectTimeout());
            var events = channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), timeout);
            if (Thread.interrupted()) {
                throw new InterruptedException("interrupted while running a command on " + endpoint.describe());
            }
            if (events.contains(ClientChannelEvent.TIMEOUT)) {
                throw new IOException("`" + command + "` on " + endpoint.describe() + " did not end within "
                        + Durations.format(timeout) + "; output so far: " + new CommandResult(-1, output.text()).tail(5));
            }
            var status = channel.getExitStatus();
            return new CommandResult(status == null ? -1 : status, output.text());
        }
    }

    private IOException failure(String doing, String path, SftpException ex) {
        var reason = switch (ex.getStatus()) {
            case SftpConstants.SSH_FX_NO_SUCH_FILE, SftpConstants.SSH_FX_NO_SUCH_PATH -> "no such file or folder";
            case SftpConstants.SSH_FX_PERMISSION_DENIED -> "permission denied";
            case SftpConstants.SSH_FX_FILE_ALREADY_EXISTS -> "it already exists";
            case SftpConstants.SSH_FX_NOT_A_DIRECTORY -> "a parent is not a folder";
            case SftpConstants.SSH_FX_NO_SPACE_ON_FILESYSTEM, SftpConstants.SSH_FX_QUOTA_EXCEEDED -> "no space left";
            default -> ex.getMessage() == null ? "SFTP status " + ex.getStatus() : ex.getMessage();
        };
        return new IOException(doing + " " + path + " on " + endpoint.describe() + ": " + reason, ex);
    }

    /**
     * Closes SFTP, the connection and the client. Never throws.
     */
    @Override
    public void close() {
        try {
            sftp.close();
        } catch (IOException | RuntimeException ex) {
            // Closing the session below ends the channel anyway.
        }
        try {
            session.close(false).await(Duration.ofSeconds(5));
        } catch (IOException | RuntimeException ex) {
            session.close(true);
        }
        client.stop();
    }

    @Override
    public String toString() {
        return "SshSession[" + endpoint.describe() + "]";
    }
}
