package io.github.acmecertificate.jenkins;

import java.util.logging.Level;
import java.util.logging.Logger;

import hudson.Extension;
import hudson.model.Item;
import hudson.model.listeners.ItemListener;
import io.github.acmecertificate.core.exception.StoreException;
import io.github.acmecertificate.jenkins.managed.ManagedJobs;

/**
 * Follows jobs and folders: the managed certificates of a deleted job are dropped (nothing is
 * renewed nor deployed any more for a job that is gone; the credentials stay), and those of a
 * renamed or moved job or folder follow it.
 *
 * @since 0.1.0
 */
@Extension
public class AcmeJobListener extends ItemListener {

    private static final Logger LOGGER = Logger.getLogger(AcmeJobListener.class.getName());

    @Override
    public void onDeleted(Item item) {
        try {
            var dropped = new ManagedJobs(ManagedCertificates.registry()).deleted(item.getFullName());
            for (var record : dropped) {
                LOGGER.log(Level.INFO, "{0} was deleted: the certificate credential {1} is no longer renewed",
                        new Object[] {item.getFullName(), record.credentialsId()});
            }
        } catch (StoreException ex) {
            LOGGER.log(Level.WARNING, "Could not drop the managed certificates of " + item.getFullName(), ex);
        } finally {
            AcmeCertificateMonitor.refresh();
        }
    }

    @Override
    public void onLocationChanged(Item item, String oldFullName, String newFullName) {
        try {
            new ManagedJobs(ManagedCertificates.registry()).moved(oldFullName, newFullName);
            // A folder's credentials move with it: so does the plugin's record of those it wrote.
            JenkinsAuthorization.ledger().moved(oldFullName, newFullName);
        } catch (StoreException ex) {
            LOGGER.log(Level.WARNING, "Could not move the managed certificates of " + oldFullName + " to "
                    + newFullName, ex);
        } finally {
            AcmeCertificateMonitor.refresh();
        }
    }
}
