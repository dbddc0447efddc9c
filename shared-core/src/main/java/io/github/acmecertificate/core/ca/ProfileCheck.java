package io.github.acmecertificate.core.ca;

import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.github.acmecertificate.core.exception.AcmeCertificateException;
import io.github.acmecertificate.core.exception.InvalidInputException;
import io.github.acmecertificate.core.exception.ProblemMapper;
import org.shredzone.acme4j.Metadata;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.exception.AcmeException;

/**
 * Checks a requested certificate profile against those the CA lists in its directory
 * ({@code meta.profiles}), before any order is placed: a CA given an unknown profile would
 * refuse the order only after the account was set up, with a less helpful message.
 *
 * <p>Let's Encrypt offers {@code classic} (90 days, its default), {@code tlsserver} (45 days)
 * and {@code shortlived} (about 6 days, the only one that allows IP addresses).
 *
 * @since 0.1.0
 */
public final class ProfileCheck {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private ProfileCheck() {
    }

    /**
     * Checks a profile name's form, without any network call.
     *
     * @param profile the name as the user wrote it
     * @return the stripped name, or empty when none was given
     * @throws InvalidInputException naming {@code profile}
     */
    public static Optional<String> parse(String profile) throws InvalidInputException {
        if (profile == null || profile.isBlank()) {
            return Optional.empty();
        }
        var name = profile.strip();
        if (!NAME.matcher(name).matches()) {
            throw new InvalidInputException("profile", "'" + profile + "' is not a profile name. Give one name the "
                    + "CA lists, e.g. classic, tlsserver or shortlived for Let's Encrypt");
        }
        return Optional.of(name);
    }

    /**
     * Checks that the CA offers the profile.
     *
     * @param session a session to the CA (its directory is fetched if not yet known)
     * @param profile the profile
     * @param ca      the CA, for the message
     * @throws InvalidInputException naming {@code profile} and listing what the CA offers
     * @throws AcmeCertificateException if the directory cannot be fetched
     */
    public static void require(Session session, String profile, CertificateAuthority ca)
            throws AcmeCertificateException {
        Metadata metadata;
        try {
            metadata = session.getMetadata();
        } catch (AcmeException ex) {
            throw ProblemMapper.map(ex, "reading the directory of " + ca);
        }
        if (metadata.isProfileAllowed(profile)) {
            return;
        }
        var offered = new TreeSet<>(metadata.getProfiles());
        if (offered.isEmpty()) {
            throw new InvalidInputException("profile", ca + " offers no certificate profiles, so '" + profile
                    + "' cannot be requested. Remove the profile setting to get the CA's default certificate");
        }
        var list = offered.stream()
                .map(p -> p + metadata.getProfileDescription(p).filter(d -> !d.isBlank()).map(d -> " (" + d + ")")
                        .orElse(""))
                .collect(Collectors.joining(", "));
        throw new InvalidInputException("profile", ca + " offers no profile '" + profile + "'. It offers: " + list
                + ". Set profile to one of those, or remove it for the CA's default");
    }
}
