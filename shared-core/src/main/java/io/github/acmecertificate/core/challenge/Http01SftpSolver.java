package io.github.acmecertificate.core.challenge;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.github.acmecertificate.core.event.ProgressEvent.Stage;
import io.github.acmecertificate.core.event.ProgressListener;
import io.github.acmecertificate.core.exception.AcmeCertificateException;
import io.github.acmecertificate.core.exception.InvalidInputException;
import io.github.acmecertificate.core.host.FileStatus;
import io.github.acmecertificate.core.name.SubjectName;
import io.github.acmecertificate.core.ssh.SshEndpoint;
import io.github.acmecertificate.core.ssh.SshSession;
import io.github.acmecertificate.core.store.SecureFiles;

/**
 * Answers HTTP-01 by uploading token files over SFTP into the document root of a web
 * server that the build reaches only over SSH, under
 * {@code <webroot>/.well-known/acme-challenge/}.
 *
 * <p>Like {@link Http01WebrootSolver}, but remote: each token is uploaded world-readable
 * under a temporary name and renamed into place (so the web server never serves half a
 * token), removed afterwards, and so are the folders this solver created. One SSH
 * connection serves the whole run; it opens at the first {@link #prepare} and closes
 * with {@link #close}.
 *
 * <pre>{@code
 * var ssh = SshEndpoint.builder().host("web1.example.com").user("deploy")
 *         .privateKeyFile(Path.of("/var/lib/ci/.ssh/id_ed25519"))
 *         .knownHosts(Path.of("/var/lib/ci/.ssh/known_hosts")).build();
 * var solver = new Http01SftpSolver(ssh, "/var/www/html");
 * }</pre>
 *
 * @since 0.1.0
 */
public final class Http01SftpSolver implements ChallengeSolver {

    private static final int PUBLIC_FILE = 0644;
    private static final int PUBLIC_DIR = 0755;

    private final SshEndpoint endpoint;
    private final String webroot;
    private final String challengeDir;
    private final List<String> createdDirs = new ArrayList<>();
    private SshSession session;

    /**
     * Creates a solver; nothing connects yet.
     *
     * @param endpoint the web server and how to log in
     * @param webroot  the absolute path of the folder served at {@code http://<name>/}
     * @throws InvalidInputException naming {@code sftpWebroot.path} when it is missing or not absolute
     */
    public Http01SftpSolver(SshEndpoint endpoint, String webroot) throws InvalidInputException {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        var root = webroot == null ? "" : webroot.strip();
        if (root.isEmpty() || !root.startsWith("/") || root.contains("/../") || root.endsWith("/..")
                || root.chars().anyMatch(c -> c < 0x20)) {
            throw new InvalidInputException("sftpWebroot.path", "the http-01-sftp challenge needs the web server's "
                    + "document root as an absolute path on " + endpoint.describe() + " (e.g. /var/www/html), not '"
                    + root + "'");
        }
        root = root.replaceAll("/+", "/");
        this.webroot = root.length() > 1 && root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
        this.challengeDir = (this.webroot.equals("/") ? "" : this.webroot) + "/.well-known/acme-challenge";
    }

    @Override
    public String challengeType() {
        return Http01.TYPE;
    }

    @Override
    public String describe() {
        return "HTTP-01 over SFTP to " + endpoint.describe() + ", webroot " + webroot;
    }

    @Override
    public void validate(List<SubjectName> names) throws InvalidInputException {
        Http01.rejectWildcards(names);
    }

    @Override
    public synchronized void prepare(ChallengeTask task, ProgressListener listener) throws AcmeCertificateException {
        var token = Http01.checkToken(task);
        try {
            var ssh = session();
            createDirectories(ssh);
            var file = challengeDir + "/" + token;
            var temp = challengeDir + "/.acme-" + SecureFiles.randomSuffix() + ".tmp";
            ssh.createFile(temp, task.keyAuthorization().getBytes(StandardCharsets.US_ASCII), PUBLIC_FILE, -1, -1);
            try {
                ssh.rename(temp, file);
            } catch (IOException ex) {
                ssh.delete(temp);
                throw ex;
            }
            listener.report(Stage.CHALLENGE, "Uploaded HTTP-01 token for " + task.domain() + " to "
                    + endpoint.describe() + ":" + file);
        } catch (IOException ex) {
            throw new AcmeCertificateException("Cannot upload the HTTP-01 token into " + challengeDir + " on "
                    + endpoint.describe() + ": " + ex.getMessage() + ". Check that the login may write to the "
                    + "webroot", ex);
        }
    }

    private SshSession session() throws IOException {
        if (session == null) {
            session = SshSession.open(endpoint);
            var status = session.stat(webroot);
            if (status.isEmpty() || status.get().kind() != FileStatus.Kind.FOLDER) {
                throw new IOException("the webroot " + webroot + " is " + (status.isEmpty() ? "missing" : "not a folder")
                        + ". Set webroot to the folder the web server serves at http://<your name>/");
            }
        }
        return session;
    }

    private void createDirectories(SshSession ssh) throws IOException {
        var wellKnown = challengeDir.substring(0, challengeDir.lastIndexOf('/'));
        for (var dir : List.of(wellKnown, challengeDir)) {
            var status = ssh.stat(dir);
            if (status.isEmpty()) {
                ssh.createDirectory(dir, PUBLIC_DIR);
                createdDirs.add(0, dir);
            } else if (status.get().kind() != FileStatus.Kind.FOLDER) {
                throw new IOException(dir + " exists but is not a folder");
            }
        }
    }

    @Override
    public synchronized void cleanUp(ChallengeTask task, ProgressListener listener) throws AcmeCertificateException {
        if (session == null) {
            return;
        }
        try {
            session.delete(challengeDir + "/" + Http01.checkToken(task));
        } catch (IOException ex) {
            throw new AcmeCertificateException("Cannot remove the HTTP-01 token from " + challengeDir + " on "
                    + endpoint.describe() + ": " + ex.getMessage(), ex);
        }
    }

    @Override
    public synchronized void close() {
        if (session == null) {
            return;
        }
        // Remove only the folders this solver created, and only when nothing else is in them.
        for (var dir : createdDirs) {
            session.deleteDirectory(dir);
        }
        createdDirs.clear();
        session.close();
        session = null;
    }
}
