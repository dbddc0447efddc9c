package io.github.acmecertificate.core.challenge;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

import io.github.acmecertificate.core.event.ProgressEvent.Stage;
import io.github.acmecertificate.core.event.ProgressListener;
import io.github.acmecertificate.core.exception.AcmeCertificateException;
import io.github.acmecertificate.core.exception.InvalidInputException;
import io.github.acmecertificate.core.name.SubjectName;

/**
 * Answers HTTP-01 by writing token files into the document root of a web server that
 * already serves the names, under {@code <webroot>/.well-known/acme-challenge/}.
 *
 * <p>Files are world-readable (the web server must read them), written atomically, and
 * removed afterwards together with any folder this solver created.
 *
 * @since 0.1.0
 */
public final class Http01WebrootSolver implements ChallengeSolver {

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
        try {
            createDirectories();
            var file = challengeDir.resolve(task.token());
            var temp = Files.createTempFile(challengeDir, ".acme-", ".tmp");
            Files.writeString(temp, task.keyAuthorization(), StandardCharsets.US_ASCII);
            setReadable(temp);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            listener.report(Stage.CHALLENGE, "Wrote HTTP-01 token for " + task.domain() + " to " + file);
        } catch (IOException ex) {
            throw new AcmeCertificateException("Cannot write the HTTP-01 token into " + challengeDir + ": "
                    + ex.getMessage() + ". Check that this build may write to the webroot", ex);
        }
    }

    private void createDirectories() throws IOException {
        for (var dir : List.of(challengeDir.getParent(), challengeDir)) {
            if (!Files.isDirectory(dir)) {
                Files.createDirectory(dir);
                setReadable(dir);
                createdDirs.add(0, dir);
            }
        }
    }

    private static void setReadable(Path path) throws IOException {
        if (Files.getFileStore(path).supportsFileAttributeView("posix")) {
            var perms = Files.isDirectory(path) ? "rwxr-xr-x" : "rw-r--r--";
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(perms));
        }
    }

    @Override
    public synchronized void cleanUp(ChallengeTask task, ProgressListener listener) throws AcmeCertificateException {
        try {
            Files.deleteIfExists(challengeDir.resolve(task.token()));
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
