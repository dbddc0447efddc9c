package io.github.acmecertificate.core.account;

import java.util.Optional;

/**
 * How to find or register the ACME account.
 *
 * @param email                a contact address for expiry and incident mail, or empty
 * @param termsOfServiceAgreed whether the user agreed to the CA's terms of service; registering
 *                             a new account requires it
 * @param externalAccountBinding the binding for CAs that require one, or empty
 * @since 0.1.0
 */
public record AccountOptions(Optional<String> email, boolean termsOfServiceAgreed,
        Optional<ExternalAccountBinding> externalAccountBinding) {

    @Override
    public String toString() {
        return "AccountOptions[email=" + email.orElse("-") + ", termsOfServiceAgreed=" + termsOfServiceAgreed
                + ", eab=" + externalAccountBinding.map(ExternalAccountBinding::keyId).orElse("-") + "]";
    }
}
