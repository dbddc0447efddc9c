package io.github.acmecertificate.core.deploy;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

import io.github.acmecertificate.core.config.Durations;
import io.github.acmecertificate.core.event.ProgressEvent.Stage;
import io.github.acmecertificate.core.event.ProgressListener;
import io.github.acmecertificate.core.host.CommandResult;
import io.github.acmecertificate.core.host.FileStatus;
import io.github.acmecertificate.core.store.SecureFiles;

/**
 * Deploys to one target, all or nothing.
 *
 * <ol>
 * <li>Read what the target holds at each path. If every file already holds this
 * certificate (and the server serves it, when checked), stop: nothing is written.</li>
 * <li>Check owner names and folders, then upload every file under a temporary name in its
 * folder, with its mode and owner set before its content. A failure removes the
 * temporaries: the old files were never touched.</li>
 * <li>Rename every temporary into place (atomically over SFTP with OpenSSH's
 * {@code posix-rename}). A failure puts the already replaced files back from what step 1
 * read.</li>
 * <li>Record that a reload is pending (a small file beside the first target file), then
 * run the reload command. A non-zero exit puts the old files back too, so a server that
 * refused the new files is not left to load them at its next restart, and a rerun
 * deploys again. A run killed during the reload leaves the record: the next run finds
 * current files and a pending reload, and completes it before reporting anything.</li>
 * <li>Check over TLS that the new certificate is served, with a completed handshake. A
 * failure rolls the target back: the old files are put back and reloaded, the target is
 * reported as failed, and the new certificate stays in the store.</li>
 * </ol>
 */
final class TargetDeployment {

    /** Larger files at a target path are not certificate files: a sign of a wrong path. */
    static final int MAX_EXISTING = 1024 * 1024;
    private static final int MAX_OUTPUT_LINES = 40;
    private static final Duration SETTLE = Duration.ofSeconds(3);

    /** Opens the connection to a target. */
    interface Connector {
        TargetConnection open(DeployTarget target) throws IOException;
    }

    /** What a path held before this run, or {@code null} content when nothing was there. */
    private record Existing(FileStatus status, byte[] content) {
    }

    /** The target failed; the message says why and what became of its files. */
    private static final class Failed extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient Optional<Integer> exitCode;

        Failed(String message, Optional<Integer> exitCode) {
            super(message);
            this.exitCode = exitCode;
        }
    }

    private final DeployTarget target;
    private final FileContents contents;
    private final DeployOptions options;
    private final ProgressListener events;
    private final Connector connector;
    private final String prefix;
    private long started;

    TargetDeployment(DeployTarget target, FileContents contents, DeployOptions options, ProgressListener events,
            Connector connector) {
        this.target = target;
        this.contents = contents;
        this.options = options;
        this.events = events;
        this.connector = connector;
        this.prefix = "[" + target.name() + "] ";
    }

    /** Deploys; never throws but for interruption: every failure becomes a FAILED result. */
    DeployResult run() throws InterruptedException {
        started = System.nanoTime();
        try {
            report("Connecting to " + target.describe());
            try (var connection = connector.open(target)) {
                report("Connected to " + connection.describe());
                return deploy(connection);
            }
        } catch (Failed ex) {
            return failed(ex.getMessage(), ex.exitCode);
        } catch (IOException ex) {
            return failed(ex.getMessage(), Optional.empty());
        } catch (RuntimeException ex) {
            return failed("unexpected error: " + ex, Optional.empty());
        }
    }

    private DeployResult deploy(TargetConnection connection) throws IOException, InterruptedException, Failed {
        var files = target.files();
        var existing = new ArrayList<Existing>();
        for (var file : files) {
            existing.add(readExisting(connection, file));
        }
        var serial = contents.bundle().serialNumber();
        if (!options.force() && current(files, existing)) {
            var pending = readPending(connection);
            if (pending.isPresent()) {
                return completePending(connection, serial, pending.get());
            }
            return alreadyThere(connection, serial);
        }

        var owners = new TreeSet<String>();
        var groups = new TreeSet<String>();
        files.forEach(f -> f.owner().ifPresent(owners::add));
        files.forEach(f -> f.group().ifPresent(groups::add));
        try {
            connection.resolveOwners(owners, groups);
        } catch (IOException ex) {
            throw new Failed(ex.getMessage() + ". Nothing was written", Optional.empty());
        }
        for (var folder : new TreeSet<>(files.stream().map(f -> connection.parent(f.path())).toList())) {
            var status = connection.stat(folder);
            if (status.isEmpty()) {
                throw new Failed("the folder " + folder + " does not exist. Create it (with the owner and mode the "
                        + "server needs), or fix the path. Nothing was written", Optional.empty());
            }
            if (status.get().kind() != FileStatus.Kind.FOLDER) {
                throw new Failed(folder + " is not a folder, so no file can be written into it. Fix the path. "
                        + "Nothing was written", Optional.empty());
            }
        }

        var temporaries = new ArrayList<String>();
        try {
            for (var file : files) {
                var temporary = connection.sibling(file.path(), "." + fileName(connection, file.path()) + ".acme-"
                        + SecureFiles.randomSuffix() + ".tmp");
                temporaries.add(temporary);
                connection.createFile(temporary, contents.bytes(file.source()), file.mode(),
                        file.owner().orElse(null), file.group().orElse(null));
            }
        } catch (IOException ex) {
            removeAll(connection, temporaries);
            throw new Failed(ex.getMessage() + ". Nothing was replaced: the target keeps its previous files",
                    Optional.empty());
        }
        report("Uploaded " + files.size() + " file" + (files.size() == 1 ? "" : "s") + " under temporary names");

        var replaced = new ArrayList<Integer>();
        var atomic = true;
        try {
            for (int i = 0; i < files.size(); i++) {
                atomic &= connection.replace(temporaries.get(i), files.get(i).path());
                replaced.add(i);
            }
        } catch (IOException ex) {
            var restored = restore(connection, files, existing, replaced);
            removeAll(connection, temporaries.subList(replaced.size(), temporaries.size()));
            throw new Failed(ex.getMessage() + ". " + restored, Optional.empty());
        }
        if (!atomic) {
            events.report(Stage.WARNING, prefix + "The server does not offer atomic renames (posix-rename@openssh.com):"
                    + " each old file was removed just before its replacement was renamed into place");
        }
        var written = files.stream().map(TargetFile::path).toList();
        report("Wrote certificate serial " + serial + " to " + String.join(", ", written));

        Optional<Integer> exitCode = Optional.empty();
        if (target.reloadCommand().isPresent()) {
            // Recorded before the reload: a run killed during it leaves current files and a
            // server that may not have loaded them; the next run sees this and reloads.
            writePending(connection, serial);
            var command = target.reloadCommand().get();
            CommandResult result;
            try {
                result = connection.run(command, options.commandTimeout());
            } catch (IOException ex) {
                var restored = restore(connection, files, existing, all(files));
                clearPendingIfRestored(connection, restored);
                throw new Failed("the reload command failed: " + ex.getMessage() + ". " + restored, Optional.empty());
            }
            reportCommand(command, result);
            exitCode = Optional.of(result.exitCode());
            if (!result.succeeded()) {
                var restored = restore(connection, files, existing, all(files));
                clearPendingIfRestored(connection, restored);
                throw new Failed("the reload command `" + command + "` exited with " + result.exitCode() + ": "
                        + result.tail(3) + ". " + restored, exitCode);
            }
        }

        var verified = false;
        if (target.tlsCheck().isPresent()) {
            try {
                verify(target.tlsCheck().get(), exitCode, "The new files are in place");
            } catch (Failed ex) {
                throw rollBack(connection, files, existing, ex);
            }
            verified = true;
        }
        clearPending(connection);
        var message = "deployed certificate serial " + serial + ": wrote " + files.size() + " file"
                + (files.size() == 1 ? "" : "s") + exitCode.map(c -> "; `" + target.reloadCommand().get()
                        + "` exited " + c).orElse("")
                + (verified ? "; " + target.tlsCheck().get() + " serves it" : "");
        return result(DeployResult.Status.DEPLOYED, written, exitCode, verified, message);
    }

    /** The files hold this certificate: check what is served, reload if needed, or stop. */
    private DeployResult alreadyThere(TargetConnection connection, String serial)
            throws IOException, InterruptedException, Failed {
        if (target.tlsCheck().isEmpty()) {
            var message = "already holds certificate serial " + serial + "; nothing written";
            report("Already holds certificate serial " + serial + ": nothing written");
            return result(DeployResult.Status.UP_TO_DATE, List.of(), Optional.empty(), false, message);
        }
        var check = target.tlsCheck().get();
        var serverName = ServedCertificate.serverName(check, contents.bundle().metadata().names());
        // A server that is still reloading (nginx's old workers drain for a moment) may answer
        // with the old certificate first: give it a few seconds before reloading it again.
        var settle = options.verifyTimeout().compareTo(SETTLE) < 0 ? options.verifyTimeout() : SETTLE;
        var probe = ServedCertificate.await(check, serverName, contents.bundle().certificate(), settle);
        if (probe.matches(contents.bundle().certificate())) {
            var message = "already holds and serves certificate serial " + serial + "; nothing written";
            report("Already holds certificate serial " + serial + ", and " + check + " (SNI " + serverName
                    + ") serves it: nothing written");
            return result(DeployResult.Status.UP_TO_DATE, List.of(), Optional.empty(), true, message);
        }
        if (target.reloadCommand().isEmpty()) {
            throw new Failed("the files hold certificate serial " + serial + ", but " + check + " (SNI " + serverName
                    + ") serves " + probe.describe() + ". Set reloadCommand so the server loads the files, or "
                    + "check that verifyTls names the server that reads them", Optional.empty());
        }
        var command = target.reloadCommand().get();
        report("Already holds certificate serial " + serial + ", but " + check + " serves " + probe.describe()
                + ": running the reload command again");
        var result = connection.run(command, options.commandTimeout());
        reportCommand(command, result);
        var exitCode = Optional.of(result.exitCode());
        if (!result.succeeded()) {
            throw new Failed("the reload command `" + command + "` exited with " + result.exitCode() + ": "
                    + result.tail(3) + ". The files on the target were not changed by this run", exitCode);
        }
        verify(check, exitCode, "The files were already in place");
        var message = "files already held certificate serial " + serial + "; `" + command + "` exited 0; " + check
                + " now serves it";
        return result(DeployResult.Status.DEPLOYED, List.of(), exitCode, true, message);
    }

    private void verify(TlsCheck check, Optional<Integer> exitCode, String state) throws InterruptedException, Failed {
        var expected = contents.bundle().certificate();
        var serverName = ServedCertificate.serverName(check, contents.bundle().metadata().names());
        report("Checking that " + check + " (SNI " + serverName + ") serves certificate serial "
                + contents.bundle().serialNumber());
        var probe = ServedCertificate.await(check, serverName, expected, options.verifyTimeout());
        if (!probe.matches(expected)) {
            throw new Failed("after " + Durations.format(options.verifyTimeout()) + ", " + check + " (SNI " + serverName
                    + ") still serves " + probe.describe() + ", not the new certificate serial "
                    + contents.bundle().serialNumber() + ". " + state + "; check that the reload command makes the "
                    + "server load them and that verifyTls names that server. A rerun reloads and checks again",
                    exitCode);
        }
        report(check + " (SNI " + serverName + ") serves the new certificate serial " + contents.bundle().serialNumber());
    }

    /**
     * The server does not serve the new certificate after its reload: puts the old files
     * back and reloads again, so that the server keeps serving what worked. The new
     * certificate stays in the store; the target is reported as failed.
     */
    private Failed rollBack(TargetConnection connection, List<TargetFile> files, List<Existing> existing, Failed cause)
            throws InterruptedException {
        var restored = restore(connection, files, existing, all(files));
        var reloaded = "";
        var exitCode = cause.exitCode;
        if (target.reloadCommand().isPresent() && restored.startsWith("The previous files were put back")) {
            var command = target.reloadCommand().get();
            try {
                var result = connection.run(command, options.commandTimeout());
                reportCommand(command, result);
                exitCode = Optional.of(result.exitCode());
                reloaded = result.succeeded() ? " and `" + command + "` reloaded them"
                        : " but `" + command + "` exited with " + result.exitCode() + " reloading them";
            } catch (IOException ex) {
                reloaded = " but reloading them failed: " + ex.getMessage();
            }
        }
        clearPendingIfRestored(connection, restored);
        var message = cause.getMessage().replaceFirst(" The new files are in place;.*$", "");
        return new Failed(message + " Rolled back: " + restored.substring(0, 1).toLowerCase(java.util.Locale.ROOT)
                + restored.substring(1) + reloaded + ". The new certificate stays in the store; check that the "
                + "reload command makes the server load the files and that verifyTls names that server, then "
                + "deploy again", exitCode);
    }

    /**
     * Completes a deploy that an earlier run left between writing the files and reloading
     * the server (it was killed, or lost the connection): reloads now and checks.
     */
    private DeployResult completePending(TargetConnection connection, String serial, String pendingSerial)
            throws IOException, InterruptedException, Failed {
        report("An earlier run wrote certificate serial " + pendingSerial + " but did not finish reloading the "
                + "server: completing it");
        Optional<Integer> exitCode = Optional.empty();
        if (target.reloadCommand().isPresent()) {
            var command = target.reloadCommand().get();
            var result = connection.run(command, options.commandTimeout());
            reportCommand(command, result);
            exitCode = Optional.of(result.exitCode());
            if (!result.succeeded()) {
                throw new Failed("the reload command `" + command + "` exited with " + result.exitCode() + ": "
                        + result.tail(3) + ", completing the deploy an earlier run left unfinished. The files hold "
                        + "certificate serial " + serial + "; a rerun reloads again", exitCode);
            }
        }
        var verified = false;
        if (target.tlsCheck().isPresent()) {
            verify(target.tlsCheck().get(), exitCode, "The files were already in place");
            verified = true;
        }
        clearPending(connection);
        var message = "completed the unfinished deploy of certificate serial " + serial
                + exitCode.map(c -> "; `" + target.reloadCommand().get() + "` exited " + c).orElse("")
                + (verified ? "; " + target.tlsCheck().get() + " serves it" : "");
        return result(DeployResult.Status.DEPLOYED, List.of(), exitCode, verified, message);
    }

    /** Where a target records a reload that has not finished: beside its first file. */
    private String pendingPath(TargetConnection connection) {
        var first = target.files().get(0).path();
        return connection.sibling(first, "." + fileName(connection, first) + ".acme-pending");
    }

    private Optional<String> readPending(TargetConnection connection) throws IOException {
        var path = pendingPath(connection);
        var status = connection.stat(path);
        if (status.isEmpty() || status.get().kind() != FileStatus.Kind.FILE) {
            return Optional.empty();
        }
        var text = new String(connection.read(path, 4096), java.nio.charset.StandardCharsets.US_ASCII).strip();
        return Optional.of(text.startsWith("serial=") ? text.substring(7) : "?");
    }

    private void writePending(TargetConnection connection, String serial) throws Failed {
        var path = pendingPath(connection);
        var temporary = connection.sibling(path, "." + fileName(connection, path) + "-" + SecureFiles.randomSuffix()
                + ".tmp");
        try {
            connection.createFile(temporary, ("serial=" + serial + "\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                    0600, null, null);
            connection.replace(temporary, path);
        } catch (IOException ex) {
            removeAll(connection, List.of(temporary));
            events.report(Stage.WARNING, prefix + "Cannot record the pending reload in " + path + " (" + ex.getMessage()
                    + "): should this run be killed during the reload, the next one will not know to reload");
        }
    }

    private void clearPending(TargetConnection connection) {
        try {
            connection.delete(pendingPath(connection));
        } catch (IOException ex) {
            events.report(Stage.WARNING, prefix + "Cannot remove " + pendingPath(connection) + " (" + ex.getMessage()
                    + "): the next run will reload once more");
        }
    }

    private void clearPendingIfRestored(TargetConnection connection, String restored) {
        if (restored.startsWith("The previous files were put back") || restored.startsWith("Nothing was replaced")) {
            clearPending(connection);
        }
    }

    private Existing readExisting(TargetConnection connection, TargetFile file) throws IOException, Failed {
        var status = connection.stat(file.path());
        if (status.isEmpty()) {
            return new Existing(null, null);
        }
        if (status.get().kind() != FileStatus.Kind.FILE) {
            throw new Failed(file.path() + " is " + (status.get().kind() == FileStatus.Kind.FOLDER ? "a folder"
                    : "not a regular file") + ". Give the path of the file to write. Nothing was written",
                    Optional.empty());
        }
        if (status.get().size() > MAX_EXISTING) {
            throw new Failed(file.path() + " holds " + status.get().size() + " bytes, too many for a certificate or "
                    + "key file. Check the path. Nothing was written", Optional.empty());
        }
        try {
            return new Existing(status.get(), connection.read(file.path(), MAX_EXISTING));
        } catch (IOException ex) {
            // Without the old content neither the comparison nor putting it back on failure works.
            throw new Failed(ex.getMessage() + ". The current file must be readable to compare it and to put it "
                    + "back should the deploy fail. Nothing was written", Optional.empty());
        }
    }

    private boolean current(List<TargetFile> files, List<Existing> existing) {
        for (int i = 0; i < files.size(); i++) {
            var file = files.get(i);
            var old = existing.get(i);
            if (old.content() == null || !contents.holds(file.source(), old.content())) {
                return false;
            }
            if (old.status().mode() >= 0 && old.status().mode() != file.mode()) {
                return false;
            }
        }
        return true;
    }

    /** Puts back what the given files held before this run; returns a sentence saying how it went. */
    private String restore(TargetConnection connection, List<TargetFile> files, List<Existing> existing,
            List<Integer> indexes) {
        var failures = new ArrayList<String>();
        for (int i : indexes) {
            var path = files.get(i).path();
            var old = existing.get(i);
            try {
                if (old.content() == null) {
                    connection.delete(path);
                } else {
                    var status = old.status();
                    var temporary = connection.sibling(path, "." + fileName(connection, path) + ".acme-"
                            + SecureFiles.randomSuffix() + ".restore");
                    try {
                        connection.createFile(temporary, old.content(),
                                status.mode() >= 0 ? status.mode() & 0777 : files.get(i).mode(),
                                status.uid() >= 0 ? Integer.toString(status.uid()) : null,
                                status.gid() >= 0 ? Integer.toString(status.gid()) : null);
                        connection.replace(temporary, path);
                    } catch (IOException ex) {
                        removeAll(connection, List.of(temporary));
                        throw ex;
                    }
                }
            } catch (IOException ex) {
                failures.add(path + " (" + ex.getMessage() + ")");
            }
        }
        if (indexes.isEmpty()) {
            return "Nothing was replaced: the target keeps its previous files";
        }
        if (failures.isEmpty()) {
            report("Put the previous files back");
            return "The previous files were put back";
        }
        return "Could not put back " + String.join(", ", failures) + ": the target may hold a mix of old and "
                + "new files; run again to complete the deploy";
    }

    private static List<Integer> all(List<TargetFile> files) {
        var indexes = new ArrayList<Integer>();
        for (int i = 0; i < files.size(); i++) {
            indexes.add(i);
        }
        return indexes;
    }

    private static void removeAll(TargetConnection connection, List<String> paths) {
        for (var path : paths) {
            try {
                connection.delete(path);
            } catch (IOException ex) {
                // Best effort: a leftover temporary has a recognizable name and holds no live file.
            }
        }
    }

    private static String fileName(TargetConnection connection, String path) {
        var parent = connection.parent(path);
        var name = path.substring(parent.length());
        return name.replaceFirst("^[/\\\\]+", "");
    }

    private void reportCommand(String command, CommandResult result) {
        var text = new StringBuilder("Ran `" + command + "`: exit " + result.exitCode());
        var lines = result.output().strip().lines().toList();
        var shown = lines.subList(Math.max(0, lines.size() - MAX_OUTPUT_LINES), lines.size());
        if (lines.size() > shown.size()) {
            text.append("\n").append(prefix).append("  ... (").append(lines.size() - shown.size())
                    .append(" lines before)");
        }
        for (var line : shown) {
            text.append("\n").append(prefix).append("  | ").append(line);
        }
        events.report(result.succeeded() ? Stage.DEPLOY : Stage.WARNING, prefix + text);
    }

    private void report(String message) {
        events.report(Stage.DEPLOY, prefix + message);
    }

    private DeployResult failed(String cause, Optional<Integer> exitCode) {
        // Messages from the connection read as sentences; after "FAILED:" they continue one.
        var message = cause.length() > 1 && Character.isUpperCase(cause.charAt(0))
                && Character.isLowerCase(cause.charAt(1)) ? Character.toLowerCase(cause.charAt(0)) + cause.substring(1)
                : cause;
        events.report(Stage.WARNING, prefix + "Failed: " + message);
        return result(DeployResult.Status.FAILED, List.of(), exitCode, false, "FAILED: " + message);
    }

    private DeployResult result(DeployResult.Status status, List<String> written, Optional<Integer> exitCode,
            boolean verified, String message) {
        return new DeployResult(target.name(), status, written, exitCode, verified, message,
                Duration.ofNanos(System.nanoTime() - started));
    }
}
