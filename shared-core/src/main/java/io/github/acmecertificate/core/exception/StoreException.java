package io.github.acmecertificate.core.exception;

/**
 * Keys or certificates could not be read from, or written to, their store.
 *
 * <p>A failed write never leaves a half-written set behind: the previous certificate
 * stays in place.
 *
 * @since 0.1.0
 */
public class StoreException extends AcmeCertificateException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception.
     *
     * @param message what happened and what to do
     * @param cause   the underlying cause, or {@code null}
     */
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
