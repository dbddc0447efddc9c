package io.github.acmecertificate.jenkins.managed;

import java.util.ArrayList;
import java.util.List;

import io.github.acmecertificate.core.exception.StoreException;

/**
 * Keeps the managed-certificate records in step with the jobs and folders they name: a record
 * belongs to the job that last ran its step (the scheduled renewal acts for that job, with its
 * authentication) and lives in the credentials store of a folder. When the job is deleted, its
 * records go, so that nothing renews or deploys for a job that no longer exists; when a job or
 * folder is renamed or moved, its records follow.
 *
 * @since 0.1.0
 */
public final class ManagedJobs {

    private final ManagedCertificateRegistry registry;

    /**
     * Creates the helper.
     *
     * @param registry the records
     */
    public ManagedJobs(ManagedCertificateRegistry registry) {
        this.registry = registry;
    }

    private static boolean within(String name, String item) {
        return name.equals(item) || name.startsWith(item + "/");
    }

    private static String renamed(String name, String oldName, String newName) {
        return within(name, oldName) ? newName + name.substring(oldName.length()) : name;
    }

    /**
     * Drops the records of a deleted job or folder: those its jobs ran, and those kept in its
     * credentials (a folder's store goes with it).
     *
     * @param fullName the deleted item's full name
     * @return the records dropped
     * @throws StoreException if a record cannot be removed
     */
    public List<ManagedCertificate> deleted(String fullName) throws StoreException {
        var dropped = new ArrayList<ManagedCertificate>();
        for (var record : registry.all()) {
            if (within(record.template().job(), fullName) || within(record.context(), fullName)) {
                registry.remove(record.context(), record.credentialsId());
                dropped.add(record);
            }
        }
        return dropped;
    }

    /**
     * Moves the records of a renamed or moved job or folder.
     *
     * @param oldName the item's old full name
     * @param newName its new full name
     * @return the records moved, as they are now
     * @throws StoreException if a record cannot be written
     */
    public List<ManagedCertificate> moved(String oldName, String newName) throws StoreException {
        var moved = new ArrayList<ManagedCertificate>();
        for (var record : registry.all()) {
            var job = record.template().job();
            if (!within(job, oldName) && !within(record.context(), oldName)) {
                continue;
            }
            var now = record.moved(renamed(record.context(), oldName, newName),
                    record.template().withJob(renamed(job, oldName, newName)));
            registry.save(now);
            if (!now.context().equals(record.context())) {
                registry.remove(record.context(), record.credentialsId());
            }
            moved.add(now);
        }
        return moved;
    }
}
