package io.github.acmecertificate.testca;

import java.io.IOException;

import org.junit.rules.ExternalResource;

/**
 * A JUnit 4 rule that starts Pebble before the tests and stops it after them:
 * {@code @ClassRule public static PebbleResource pebble = new PebbleResource();}.
 *
 * <p>When Pebble is not installed the tests are skipped, except on a CI server
 * ({@code CI=true}), where they fail (see {@link PebbleInstalled}).
 */
public final class PebbleResource extends ExternalResource {

    private final PebbleOptions options;
    private Pebble pebble;

    /** Creates a rule for a Pebble with default options. */
    public PebbleResource() {
        this(PebbleOptions.defaults());
    }

    /**
     * Creates a rule for a Pebble with the given options.
     *
     * @param options the options
     */
    public PebbleResource(PebbleOptions options) {
        this.options = options;
    }

    @Override
    protected void before() throws IOException {
        PebbleInstalled.assume();
        pebble = Pebble.start(options);
    }

    @Override
    protected void after() {
        if (pebble != null) {
            pebble.close();
            pebble = null;
        }
    }

    /**
     * Returns the running Pebble.
     *
     * @return the instance
     * @throws IllegalStateException outside the rule's scope
     */
    public Pebble get() {
        if (pebble == null) {
            throw new IllegalStateException("Pebble is not running outside the rule");
        }
        return pebble;
    }
}
