package io.github.acmecertificate.jenkins.managed;

/**
 * The state of a managed certificate, as the administrative monitor shows it.
 *
 * @since 0.1.0
 */
public enum Health {
    /** Valid, and not late for renewal. */
    OK,
    /** Half of its renewal window has passed without a renewal: renewal is not happening. */
    EXPIRING,
    /** Past its end of validity. */
    EXPIRED,
    /** The last renewal attempt failed. */
    FAILED
}
