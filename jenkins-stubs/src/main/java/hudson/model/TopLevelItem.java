package hudson.model;

import hudson.ExtensionPoint;

/** Compile-only stub of hudson.model.TopLevelItem, as declared in jenkinsci/jenkins core/src/main/java (tag jenkins-2.555.3). No behaviour. */
public interface TopLevelItem extends Item, ExtensionPoint, Describable<TopLevelItem> {
}
