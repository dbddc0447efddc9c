package hudson;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.util.AbstractList;
import jenkins.model.Jenkins;

/** Compile-only stub of hudson.ExtensionList, as declared in jenkinsci/jenkins core/src/main/java (tag jenkins-2.555.3). No behaviour. */
public class ExtensionList<T> extends AbstractList<T> {
    protected ExtensionList(Jenkins jenkins, Class<T> extensionType) {
        throw new UnsupportedOperationException("compile-only stub");
    }

    @Override
    public T get(int index) {
        throw new UnsupportedOperationException("compile-only stub");
    }

    @Override
    public int size() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public static @NonNull <T> ExtensionList<T> lookup(Class<T> type) {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public static @NonNull <U> U lookupSingleton(Class<U> type) {
        throw new UnsupportedOperationException("compile-only stub");
    }
}
