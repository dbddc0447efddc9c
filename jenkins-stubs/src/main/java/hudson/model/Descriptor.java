package hudson.model;

import edu.umd.cs.findbugs.annotations.NonNull;
import net.sf.json.JSONObject;
import org.kohsuke.stapler.StaplerRequest2;

/** Compile-only stub of hudson.model.Descriptor, as declared in jenkinsci/jenkins core/src/main/java (tag jenkins-2.555.3). No behaviour. */
public abstract class Descriptor<T extends Describable<T>> {
    public final transient Class<? extends T> clazz = io.github.acmecertificate.jenkins.stubs.StubValues.value();

    protected Descriptor(Class<? extends T> clazz) {
        throw new UnsupportedOperationException("compile-only stub");
    }

    protected Descriptor() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    @NonNull
    public String getDisplayName() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public boolean configure(StaplerRequest2 req, JSONObject json) throws FormException {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public synchronized void save() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public synchronized void load() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    protected static Class self() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public static final class FormException extends Exception {
        private static final long serialVersionUID = 1L;

        public FormException(String message, String formField) {
            throw new UnsupportedOperationException("compile-only stub");
        }

        public FormException(String message, Throwable cause, String formField) {
            throw new UnsupportedOperationException("compile-only stub");
        }

        public FormException(Throwable cause, String formField) {
            throw new UnsupportedOperationException("compile-only stub");
        }

        public String getFormField() {
            throw new UnsupportedOperationException("compile-only stub");
        }
    }
}
