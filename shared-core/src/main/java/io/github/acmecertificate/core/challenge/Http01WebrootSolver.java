package io.github.acmecertificate.core.challenge;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.github.acmecertificate.core.event.ProgressEvent.Stage;
import io.github.acmecertificate.core.event.ProgressListener;
import io.github.acmecertificate.core.exception.AcmeCertificateException;
import io.github.acmecertificate.core.exception.InvalidInputException;
import io.github.acmecertificate.core.name.SubjectName;
import io.github.acmecertificate.core.store.SecureFiles;

/**
 * Answers HTTP-01 by writing token files into the document root of a web server that
 * already serves the names, under {@code <webroot>/.well-known/acme-challenge/}.
 *
 * <p>Files are world-readable (the web server must read them), written atomically, and
 * removed afterwards together with any folder this solver created. Tokens are checked
 * before they become file names; a challenge folder that every user may write to is
 * refused; a file is written through the call that created it and its mode is never set
 * through a link, so another user who can write to the folder cannot redirect a write.
 *
 * @since 0.1.0
 */
public final class Http01WebrootSolver implements ChallengeSolver {

    private static final Set<PosixFilePermission> PUBLIC_FILE = PosixFilePermissions.fromString("rw-r--r--");
    private static final Set<PosixFilePermission> PUBLIC_DIR = PosixFilePermissions.fromString("rwxr-xr-x");

    private final Path webroot;
    private final Path challengeDir;
    private final List<Path> createdDirs = new ArrayList<>();

    /**
     * Creates a solver for a document root.
     *
     * @param webroot the folder the web server serves for {@code http://<name>/}
     * @throws InvalidInputException naming {@code webroot} when it is missing or not a folder
     */
    public Http01WebrootSolver(Path webroot) throws InvalidInputException {
        if (webroot == null) {
            throw new InvalidInputException("webroot", "the http-01-webroot challenge needs the web server's "
                    + "document root. Set webroot to the folder served at http://<your name>/");
        }
        if (!Files.isDirectory(webroot)) {
            throw new InvalidInputException("webroot", webroot + " is not a folder. Set webroot to the folder "
                    + "the web server serves at http://<your name>/");
        }
        this.webroot = webroot.toAbsolutePath().normalize();
        this.challengeDir = this.webroot.resolve(".well-known").resolve("acme-challenge");
    }

    @Override
    public String challengeType() {
        return Http01.TYPE;
    }

    @Override
    public String describe() {
        return "HTTP-01 webroot " + webroot;
    }

    @Override
    public void validate(List<SubjectName> names) throws InvalidInputException {
        Http01.rejectWildcards(names);
    }

    @Override
    public synchronized void prepare(ChallengeTask task, ProgressListener listener) throws AcmeCertificateException {
        var token = Http01.checkToken(task);
        try {
            createDirectories();
            checkChallengeFolder();
            var file = challengeDir.resolve(token);
            var temp = challengeDir.resolve(".acme-" + SecureFiles.randomSuffix() + ".tmp");
            try {
                // Created, written and widened to 0644 without ever following a link or
                // reopening the path: a user who can write to the folder may swap names,
                // but cannot make this write or chmod reach another file.
                SecureFiles.createAndWrite(temp, task.keyAuthorization().getBytes(StandardCharsets.US_ASCII),
                        PUBLIC_FILE);
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temp);
            }
            listener.report(Stage.CHALLENGE, "Wrote HTTP-01 token for " + task.domain() + " to " + file);
        } catch (IOException ex) {
            throw new AcmeCertificateException("Cannot write the HTTP-01 token into " + challengeDir + ": "
                    + ex.getMessage() + ". Check that this build may write to the webroot", ex);
        }
    }

    /**
     * Refuses a challenge folder that every user may write to (without the sticky bit that
     * keeps them from renaming this tool's files): anyone could then answer the CA.
     */
    private void checkChallengeFolder() throws IOException {
        for (var dir : List.of(challengeDir.getParent(), challengeDir)) {
            if (!Files.getFileStore(dir).supportsFileAttributeView("posix")) {
                return;
            }
            var permissions = Files.getPosixFilePermissions(dir);
            var mode = Files.getAttribute(dir, "unix:mode");
            boolean sticky = mode instanceof Integer m && (m & 01000) != 0;
            if (permissions.contains(PosixFilePermission.OTHERS_WRITE) && !sticky) {
                throw new IOException(dir + " is writable by every user (mode " + PosixFilePermissions.toString(permissions)
                        + "), who could replace the token. Make it writable by the build's user only (chmod o-w "
                        + dir + ")");
            }
        }
    }

    private void createDirectories() throws IOException {
        for (var dir : List.of(challengeDir.getParent(), challengeDir)) {
            if (!Files.isDirectory(dir)) {
                if (!Files.getFileStore(dir.getParent()).supportsFileAttributeView("posix")) {
                    Files.createDirectory(dir);
                    createdDirs.add(0, dir);
                    continue;
                }
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PUBLIC_DIR));
                createdDirs.add(0, dir);
                var view = Files.getFileAttributeView(dir, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
                if (!view.readAttributes().permissions().equals(PUBLIC_DIR)) {
                    // The umask narrowed it; the web server must reach the tokens.
                    view.setPermissions(PUBLIC_DIR);
                }
            }
        }
    }

    @Override
    public synchronized void cleanUp(ChallengeTask task, ProgressListener listener) throws AcmeCertificateException {
        try {
            Files.deleteIfExists(challengeDir.resolve(Http01.checkToken(task)));
        } catch (IOException ex) {
            throw new AcmeCertificateException("Cannot remove the HTTP-01 token from " + challengeDir + ": "
                    + ex.getMessage(), ex);
        }
    }

    @Override
    public synchronized void close() {
        // Remove only the folders this solver created, and only when nothing else is in them.
        for (var dir : createdDirs) {
            try {
                Files.deleteIfExists(dir);
            } catch (DirectoryNotEmptyException | NoSuchFileException ex) {
                // Someone else uses it: leave it.
            } catch (IOException ex) {
                // Best effort: a stale empty folder does no harm.
            }
        }
        createdDirs.clear();
    }
}
