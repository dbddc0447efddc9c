package io.github.acmecertificate.jenkins.stubs;

/**
 * Where the stubs' constants come from: never a Jenkins type, and never run (the stubs are
 * compile-only). A constant declared {@code = null} would make static analysis of the plugin
 * report every use of it as a null dereference; one initialized by this method is, as in
 * Jenkins, simply a value.
 */
public final class StubValues {

    private StubValues() {
    }

    /**
     * Stands for a constant's real value.
     *
     * @param <T> the constant's type
     * @return never: throws
     */
    public static <T> T value() {
        throw new UnsupportedOperationException("compile-only stub");
    }
}
