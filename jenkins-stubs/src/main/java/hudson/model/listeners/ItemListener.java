package hudson.model.listeners;

import hudson.ExtensionPoint;
import hudson.model.Item;

/** Compile-only stub of hudson.model.listeners.ItemListener, as declared in jenkinsci/jenkins core/src/main/java (tag jenkins-2.555.3). No behaviour. */
public class ItemListener implements ExtensionPoint {
    public ItemListener() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public void onDeleted(Item item) {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public void onLocationChanged(Item item, String oldFullName, String newFullName) {
        throw new UnsupportedOperationException("compile-only stub");
    }
}
