package io.github.acmecertificate.core.account;

import java.util.Base64;
import java.util.Objects;

import io.github.acmecertificate.core.exception.InvalidInputException;

/**
 * External Account Binding (RFC 8555 section 7.3.4): the key id and HMAC key a CA such as
 * ZeroSSL, Google Trust Services, SSL.com or Actalis hands out, to tie a new ACME account
 * to an account with them.
 *
 * <p>The HMAC key is a secret: {@link #toString()} never shows it.
 *
 * @since 0.1.0
 */
public final class ExternalAccountBinding {

    private final String keyId;
    private final String hmacKey;

    private ExternalAccountBinding(String keyId, String hmacKey) {
        this.keyId = keyId;
        this.hmacKey = hmacKey;
    }

    /**
     * Creates a binding, checking its form.
     *
     * @param keyId   the key identifier the CA gave
     * @param hmacKey the base64url-encoded HMAC key the CA gave
     * @return the binding
     * @throws InvalidInputException naming {@code eab} when either part is missing or malformed
     */
    public static ExternalAccountBinding of(String keyId, String hmacKey) throws InvalidInputException {
        if (keyId == null || keyId.isBlank()) {
            throw new InvalidInputException("eab", "the external account binding has no key id. Copy both the "
                    + "EAB key id and the HMAC key from your CA's dashboard");
        }
        if (hmacKey == null || hmacKey.isBlank()) {
            throw new InvalidInputException("eab", "the external account binding has no HMAC key. Copy both the "
                    + "EAB key id and the HMAC key from your CA's dashboard");
        }
        var key = hmacKey.strip();
        try {
            // CAs hand out base64url; some dashboards show padded or standard base64.
            Base64.getUrlDecoder().decode(key.replace('+', '-').replace('/', '_').replace("=", ""));
        } catch (IllegalArgumentException ex) {
            throw new InvalidInputException("eab", "the external account binding's HMAC key is not base64url. "
                    + "Copy it again from your CA's dashboard");
        }
        return new ExternalAccountBinding(keyId.strip(),
                key.replace('+', '-').replace('/', '_').replace("=", ""));
    }

    /**
     * Returns the key identifier.
     *
     * @return the key id
     */
    public String keyId() {
        return keyId;
    }

    /**
     * Returns the base64url HMAC key. Do not log it.
     *
     * @return the encoded HMAC key
     */
    public String hmacKey() {
        return hmacKey;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ExternalAccountBinding other && keyId.equals(other.keyId) && hmacKey.equals(other.hmacKey);
    }

    @Override
    public int hashCode() {
        return Objects.hash(keyId, hmacKey);
    }

    @Override
    public String toString() {
        return "ExternalAccountBinding[keyId=" + keyId + ", hmacKey=****]";
    }
}
