package io.github.acmecertificate.core.event;

import java.util.Objects;

/**
 * One step of the workflow, with a one-line message for the build log.
 *
 * <p>Messages never contain keys, passwords, HMAC keys or key authorizations.
 *
 * @param stage   which step this is
 * @param message what happened, as a sentence for a person
 * @since 0.1.0
 */
public record ProgressEvent(Stage stage, String message) {

    /** The steps of an issuance, in the order they usually happen. */
    public enum Stage {
        /** The stored certificate is still valid and nothing was sent to the CA. */
        NOT_DUE,
        /** A renewal is due, and why. */
        DUE,
        /** Waiting for another run that holds the certificate's lock. */
        LOCK_WAIT,
        /** An account was found or registered. */
        ACCOUNT,
        /** An order was created, or changed state. */
        ORDER,
        /** An authorization was already valid, or needs a challenge. */
        AUTHORIZATION,
        /** A challenge was prepared, triggered, validated, failed or cleaned up. */
        CHALLENGE,
        /** The order is being finalized with a CSR. */
        FINALIZE,
        /** The certificate chain was downloaded. */
        DOWNLOAD,
        /** The certificate was written to the store. */
        STORED,
        /**
         * A deploy target was checked, written, reloaded or verified; the message names the target.
         *
         * @since 0.1.0
         */
        DEPLOY,
        /** Anything else worth a line in the log (a deploy target's output, for instance). */
        INFO,
        /** Something worked but deserves attention. */
        WARNING
    }

    /**
     * Creates an event.
     *
     * @param stage   which step this is
     * @param message what happened
     */
    public ProgressEvent {
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return message;
    }
}
