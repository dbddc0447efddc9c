package io.github.acmecertificate.core.renewal;

import java.time.Instant;
import java.util.Objects;

/**
 * The CA's renewal advice for one certificate (ACME Renewal Information, RFC 9773): the window
 * it suggested, and the random time inside that window this client chose to renew at, so that
 * many clients given the same window do not all renew at its start.
 *
 * @param window     the window the CA suggested
 * @param chosenTime the time chosen inside it
 * @since 0.1.0
 */
public record SuggestedRenewal(RenewalWindow window, Instant chosenTime) {

    /**
     * Creates the advice.
     *
     * @param window     the window the CA suggested
     * @param chosenTime the time chosen inside it
     */
    public SuggestedRenewal {
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(chosenTime, "chosenTime");
    }
}
