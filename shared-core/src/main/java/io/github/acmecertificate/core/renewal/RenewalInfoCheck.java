package io.github.acmecertificate.core.renewal;

import java.math.BigInteger;
import java.net.URI;
import java.net.URL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

import io.github.acmecertificate.core.store.RenewalState;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.connector.Resource;
import org.shredzone.acme4j.exception.AcmeException;
import org.shredzone.acme4j.toolbox.AcmeUtils;
import org.shredzone.acme4j.toolbox.JSON;

/**
 * Asks the CA for a certificate's renewal information (ACME Renewal Information, RFC 9773)
 * and keeps the answer in the certificate's {@link RenewalState}.
 *
 * <p>The request is an unauthenticated GET, so no account key is needed. The CA says how long
 * to wait before asking again (Retry-After); until then the stored answer is used and nothing
 * is sent. A CA without renewal information, or a failed request, leaves the lifetime rule of
 * {@link RenewalPolicy} to decide.
 *
 * @since 0.1.0
 */
public final class RenewalInfoCheck {

    /** What the CA answered. */
    public sealed interface Answer permits Offered, NotOffered, Failed {
    }

    /**
     * The CA suggested a window.
     *
     * @param window      the window
     * @param retryAfter  how long to wait before asking again, if the CA said (Retry-After)
     * @param explanation a page explaining the window, if the CA gave one
     */
    public record Offered(RenewalWindow window, Optional<Duration> retryAfter, Optional<URL> explanation)
            implements Answer {
    }

    /** The CA's directory has no {@code renewalInfo}. */
    public record NotOffered() implements Answer {
    }

    /**
     * The request failed.
     *
     * @param reason why, as a sentence
     */
    public record Failed(String reason) implements Answer {
    }

    private RenewalInfoCheck() {
    }

    /**
     * Returns a certificate's ARI identifier: its authority key identifier and serial number,
     * each base64url-encoded, joined by a dot.
     *
     * @param certificate the certificate
     * @return the identifier, or empty when the certificate has no authority key identifier
     */
    public static Optional<String> certificateId(X509Certificate certificate) {
        try {
            return Optional.of(AcmeUtils.getRenewalUniqueIdentifier(certificate));
        } catch (RuntimeException ex) {
            return Optional.empty();
        }
    }

    /**
     * Tells whether an ARI identifier names the certificate with this serial number: for front
     * ends that record a certificate's serial rather than the certificate, so that advice kept
     * for one certificate is never applied to the next.
     *
     * @param certificateId an ARI identifier ({@link #certificateId})
     * @param serialHex     the serial number in hexadecimal
     * @return true if the identifier's serial part is that number; false for anything unreadable
     * @since 0.1.0
     */
    public static boolean identifiesSerial(String certificateId, String serialHex) {
        var dot = certificateId.indexOf('.');
        if (dot < 0 || serialHex == null || serialHex.isEmpty()) {
            return false;
        }
        try {
            var serial = new BigInteger(Base64.getUrlDecoder().decode(certificateId.substring(dot + 1)));
            return serial.equals(new BigInteger(serialHex, 16));
        } catch (IllegalArgumentException ex) {
            return false;
        }
    }

    /**
     * Tells whether it is time to ask the CA again: never asked about this certificate, or
     * the time it asked to wait has passed.
     *
     * @param state         the stored state
     * @param certificateId the certificate's ARI identifier
     * @param now           the current time
     * @return true to ask now
     */
    public static boolean due(RenewalState state, String certificateId, Instant now) {
        if (!state.ariCertificateId().equals(Optional.of(certificateId))) {
            return true;
        }
        return state.ariNextCheck().map(next -> !now.isBefore(next)).orElse(true);
    }

    /**
     * Returns the stored advice for a certificate, if the CA gave one.
     *
     * @param state         the stored state
     * @param certificateId the certificate's ARI identifier
     * @return the window and chosen time
     */
    public static Optional<SuggestedRenewal> suggestion(RenewalState state, String certificateId) {
        if (!state.ariCertificateId().equals(Optional.of(certificateId)) || state.ariWindowStart().isEmpty()
                || state.ariWindowEnd().isEmpty() || state.ariChosenTime().isEmpty()
                || state.ariWindowEnd().get().isBefore(state.ariWindowStart().get())) {
            return Optional.empty();
        }
        return Optional.of(new SuggestedRenewal(new RenewalWindow(state.ariWindowStart().get(),
                state.ariWindowEnd().get()), state.ariChosenTime().get()));
    }

    /**
     * Asks the CA. Never throws: a CA error or a network failure is an answer too.
     *
     * @param session     a session to the CA
     * @param certificate the certificate to ask about
     * @return the answer
     */
    public static Answer fetch(Session session, X509Certificate certificate) {
        Objects.requireNonNull(session, "session");
        var id = certificateId(certificate);
        if (id.isEmpty()) {
            return new Failed("the certificate has no authority key identifier to ask about");
        }
        try {
            var base = session.resourceUrlOptional(Resource.RENEWAL_INFO);
            if (base.isEmpty()) {
                return new NotOffered();
            }
            var text = base.get().toExternalForm();
            var url = URI.create(text + (text.endsWith("/") ? "" : "/") + id.get()).toURL();
            try (var connection = session.connect()) {
                connection.sendRequest(url, session, null);
                JSON json = connection.readJsonResponse();
                var window = json.get("suggestedWindow").asObject();
                var start = window.get("start").asInstant();
                var end = window.get("end").asInstant();
                if (end.isBefore(start)) {
                    return new Failed("the CA suggested a window that ends (" + end + ") before it starts (" + start
                            + ")");
                }
                var explanation = json.get("explanationURL").optional().map(JSON.Value::asURL);
                // acme4j turns Retry-After into a time on the system clock; keep it as a wait.
                var retryAfter = connection.getRetryAfter().map(t -> Duration.between(Instant.now(), t));
                return new Offered(new RenewalWindow(start, end), retryAfter, explanation);
            }
        } catch (AcmeException | RuntimeException | java.net.MalformedURLException ex) {
            return new Failed(ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage());
        }
    }

    /**
     * Keeps an answer in the state. A window the CA repeats keeps the time chosen in it
     * before; a new window gets a new uniformly random time inside it. A failure keeps what
     * was known and asks again after {@link RenewalPolicy#RENEWAL_INFO_RETRY}.
     *
     * @param state         the stored state
     * @param certificateId the certificate's ARI identifier
     * @param answer        what the CA answered
     * @param now           the current time
     * @param random        the source of the chosen time
     * @return the new state
     */
    public static RenewalState record(RenewalState state, String certificateId, Answer answer, Instant now,
            RandomGenerator random) {
        var same = state.ariCertificateId().equals(Optional.of(certificateId));
        if (answer instanceof Offered offered) {
            var window = offered.window();
            var chosen = same && state.ariWindowStart().equals(Optional.of(window.start()))
                    && state.ariWindowEnd().equals(Optional.of(window.end())) && state.ariChosenTime().isPresent()
                    ? state.ariChosenTime().get() : choose(window, random);
            return state.withRenewalInfo(certificateId, window.start(), window.end(), chosen,
                    RenewalPolicy.nextRenewalInfoCheck(now, offered.retryAfter()));
        }
        if (answer instanceof NotOffered) {
            return state.withRenewalInfo(certificateId, null, null, null,
                    now.plus(RenewalPolicy.RENEWAL_INFO_ABSENT_INTERVAL));
        }
        return state.withRenewalInfo(certificateId,
                same ? state.ariWindowStart().orElse(null) : null, same ? state.ariWindowEnd().orElse(null) : null,
                same ? state.ariChosenTime().orElse(null) : null, now.plus(RenewalPolicy.RENEWAL_INFO_RETRY));
    }

    /**
     * Describes an answer for the log.
     *
     * @param answer the answer
     * @param state  the state after it was recorded
     * @return a sentence
     */
    public static String describe(Answer answer, RenewalState state) {
        var next = state.ariNextCheck().map(t -> "; next check from " + t).orElse("");
        if (answer instanceof Offered offered) {
            return "The CA suggests renewing between " + offered.window().start() + " and " + offered.window().end()
                    + offered.explanation().map(u -> " (see " + u + ")").orElse("")
                    + state.ariChosenTime().map(t -> "; chose " + t).orElse("") + next;
        }
        if (answer instanceof NotOffered) {
            return "The CA offers no renewal information; the lifetime rule decides" + next;
        }
        return "Could not get renewal information from the CA (" + ((Failed) answer).reason()
                + "); the lifetime rule decides" + next;
    }

    private static Instant choose(RenewalWindow window, RandomGenerator random) {
        var span = Duration.between(window.start(), window.end()).toSeconds();
        return window.start().plusSeconds(span <= 0 ? 0 : random.nextLong(span));
    }
}
