package io.github.acmecertificate.core.exception;

/**
 * The root of every checked exception the core throws.
 *
 * <p>Its message is written for the person running the build: it says what happened and
 * what to do about it, and never contains a secret. Front ends show it as it is.
 *
 * @since 0.1.0
 */
public class AcmeCertificateException extends Exception {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with a message for the user.
     *
     * @param message what happened and what to do
     */
    public AcmeCertificateException(String message) {
        super(message);
    }

    /**
     * Creates an exception with a message for the user and the underlying cause.
     *
     * @param message what happened and what to do
     * @param cause   the underlying cause, kept for diagnostics
     */
    public AcmeCertificateException(String message, Throwable cause) {
        super(message, cause);
    }
}
