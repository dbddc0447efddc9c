package io.github.acmecertificate.core.deploy;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

import io.github.acmecertificate.core.host.CommandResult;
import io.github.acmecertificate.core.host.FileStatus;

/**
 * The few file-system and command operations a deploy needs, over SFTP, on the build machine
 * or anywhere a {@link DeployTarget} writes to, so that the {@link Deployer} holds the
 * all-or-nothing logic once for every kind of target. Messages of the exceptions thrown name
 * the path and the target.
 *
 * @since 0.1.0
 */
public interface TargetConnection extends AutoCloseable {

    /** Describes the connection for the log (for SFTP, which host key was accepted). */
    String describe();

    /** The folder a path is in. */
    String parent(String path);

    /** A path in the same folder as {@code path}. */
    String sibling(String path, String name);

    /** What is at a path, following links; empty when nothing is. */
    Optional<FileStatus> stat(String path) throws IOException;

    /** Reads a small file whole; fails when it holds more than {@code maxBytes}. */
    byte[] read(String path, int maxBytes) throws IOException;

    /**
     * Checks, before anything is written, that every owner and group name exists; numeric
     * ids are taken as they are.
     */
    void resolveOwners(Set<String> owners, Set<String> groups) throws IOException;

    /**
     * Creates a new file with its mode and owner set before its content is written; removes
     * it again if anything fails.
     *
     * @param owner a name or numeric id, or {@code null} to keep the default
     * @param group a name or numeric id, or {@code null} to keep the default
     */
    void createFile(String path, byte[] content, int mode, String owner, String group) throws IOException;

    /** Renames a file over another; returns false when the replacement was not atomic. */
    boolean replace(String from, String to) throws IOException;

    /** Removes a file; a missing file is no error. */
    void delete(String path) throws IOException;

    /** Runs a command and waits for it. */
    CommandResult run(String command, Duration timeout) throws IOException, InterruptedException;

    /** Releases the connection; never throws. */
    @Override
    void close();
}
