package io.github.acmecertificate.core.challenge;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Objects;

/**
 * One challenge to answer: the name being authorized and what the CA expects to find.
 *
 * <p>The key authorization proves control of the account key; it is not a secret in the
 * cryptographic sense (the CA publishes nothing that derives from the private key), but
 * solvers still keep it out of logs, as peers do, since it is only useful to an attacker
 * who races the validation.
 *
 * @since 0.1.0
 */
public final class ChallengeTask {

    private final String type;
    private final String domain;
    private final boolean wildcard;
    private final String token;
    private final String keyAuthorization;

    /**
     * Creates a task.
     *
     * @param type             the challenge type, e.g. {@code http-01}
     * @param domain           the authorized name (for {@code *.example.com} this is {@code example.com}),
     *                         or an IP address
     * @param wildcard         whether the authorization is for a wildcard
     * @param token            the challenge token
     * @param keyAuthorization the key authorization ({@code token.thumbprint})
     */
    public ChallengeTask(String type, String domain, boolean wildcard, String token, String keyAuthorization) {
        this.type = Objects.requireNonNull(type, "type");
        this.domain = Objects.requireNonNull(domain, "domain");
        this.wildcard = wildcard;
        this.token = Objects.requireNonNull(token, "token");
        this.keyAuthorization = Objects.requireNonNull(keyAuthorization, "keyAuthorization");
    }

    /**
     * Returns the challenge type.
     *
     * @return e.g. {@code http-01} or {@code dns-01}
     */
    public String type() {
        return type;
    }

    /**
     * Returns the name being authorized.
     *
     * @return a DNS name without wildcard prefix, or an IP address
     */
    public String domain() {
        return domain;
    }

    /**
     * Tells whether the authorization is for a wildcard name.
     *
     * @return true for {@code *.domain}
     */
    public boolean wildcard() {
        return wildcard;
    }

    /**
     * Returns the token; for HTTP-01 it is the file name under
     * {@code /.well-known/acme-challenge/}.
     *
     * @return the token
     */
    public String token() {
        return token;
    }

    /**
     * Returns the key authorization; for HTTP-01 it is the content to serve.
     *
     * @return the key authorization
     */
    public String keyAuthorization() {
        return keyAuthorization;
    }

    /**
     * Returns the HTTP-01 path the CA requests.
     *
     * @return {@code /.well-known/acme-challenge/<token>}
     */
    public String httpPath() {
        return "/.well-known/acme-challenge/" + token;
    }

    /**
     * Returns the DNS-01 record name.
     *
     * @return {@code _acme-challenge.<domain>.} (with the trailing dot)
     */
    public String dnsRecordName() {
        return "_acme-challenge." + domain + ".";
    }

    /**
     * Returns the DNS-01 TXT record value: the base64url SHA-256 digest of the key authorization.
     *
     * @return the TXT value
     */
    public String dnsTxtValue() {
        try {
            var digest = MessageDigest.getInstance("SHA-256")
                    .digest(keyAuthorization.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is not available", ex);
        }
    }

    @Override
    public String toString() {
        return type + " for " + (wildcard ? "*." : "") + domain;
    }
}
