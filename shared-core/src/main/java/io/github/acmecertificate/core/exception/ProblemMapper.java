package io.github.acmecertificate.core.exception;

import java.time.Instant;
import java.util.stream.Collectors;

import io.github.acmecertificate.core.exception.AcmeProblemException.Kind;
import org.shredzone.acme4j.Problem;
import org.shredzone.acme4j.exception.AcmeException;
import org.shredzone.acme4j.exception.AcmeNetworkException;
import org.shredzone.acme4j.exception.AcmeRateLimitedException;
import org.shredzone.acme4j.exception.AcmeServerException;
import org.shredzone.acme4j.exception.AcmeUserActionRequiredException;

/**
 * Turns acme4j's exceptions and ACME problem documents into messages that say what
 * happened and what to do. The one place where CA errors are explained.
 *
 * @since 0.1.0
 */
public final class ProblemMapper {

    private static final String URN = "urn:ietf:params:acme:error:";

    private ProblemMapper() {
    }

    /**
     * Maps an acme4j exception.
     *
     * @param ex    the exception
     * @param doing what the workflow was doing, e.g. {@code creating the order}
     * @return the exception to throw
     */
    public static AcmeProblemException map(AcmeException ex, String doing) {
        if (ex instanceof AcmeNetworkException) {
            var cause = ex.getCause() != null && ex.getCause().getMessage() != null
                    ? ex.getCause().getMessage() : String.valueOf(ex.getMessage());
            return new AcmeProblemException(Kind.NETWORK, "Could not reach the CA while " + doing + ": " + cause
                    + ". Check the server URL, the network and proxy settings, and serverTrust for a private CA",
                    null, ex);
        }
        if (ex instanceof AcmeUserActionRequiredException action) {
            var terms = action.getTermsOfServiceUri().map(uri -> " (new terms: " + uri + ")").orElse("");
            return new AcmeProblemException(Kind.TERMS_CHANGED, "The CA requires an action before " + doing
                    + ": its terms of service changed" + terms + ". Read them, then agree at " + action.getInstance()
                    + " or register again with acceptTermsOfService", null, ex);
        }
        if (ex instanceof AcmeRateLimitedException limited) {
            var retry = limited.getRetryAfter().orElse(null);
            var docs = limited.getDocuments().isEmpty() ? ""
                    : " See " + limited.getDocuments().stream().map(Object::toString).collect(Collectors.joining(", "));
            return new AcmeProblemException(Kind.RATE_LIMITED, "The CA rate-limited this request while " + doing
                    + ": " + detail(limited.getProblem()) + ". "
                    + (retry != null ? "Retry after " + retry + "." : "Retry later.")
                    + " Test against the CA's staging server to avoid production limits." + docs, retry, ex);
        }
        if (ex instanceof AcmeServerException server) {
            return fromProblem(server.getProblem(), doing, null, ex);
        }
        return new AcmeProblemException(Kind.OTHER, "The ACME exchange failed while " + doing + ": "
                + ex.getMessage(), null, ex);
    }

    /**
     * Maps a problem document the CA attached to a failed challenge, authorization or order.
     *
     * @param problem    the problem
     * @param doing      what the workflow was doing
     * @param retryAfter when to retry, if known
     * @param cause      the underlying exception, or {@code null}
     * @return the exception to throw
     */
    public static AcmeProblemException fromProblem(Problem problem, String doing, Instant retryAfter,
            Throwable cause) {
        var type = problem.getType().toString();
        var code = type.startsWith(URN) ? type.substring(URN.length()) : type;
        // A compound problem carries the real cause in its first sub-problem.
        if ("compound".equals(code) && !problem.getSubProblems().isEmpty()) {
            var sub = problem.getSubProblems().get(0);
            var subType = sub.getType().toString();
            if (subType.startsWith(URN)) {
                code = subType.substring(URN.length());
            }
        }
        var what = detail(problem);
        var prefix = "The CA refused " + doing + ": " + what + ". ";
        return switch (code) {
            case "rateLimited" -> new AcmeProblemException(Kind.RATE_LIMITED, prefix
                    + (retryAfter != null ? "Retry after " + retryAfter + "." : "Retry later.")
                    + " Use the CA's staging server while testing", retryAfter, cause);
            case "unauthorized" -> new AcmeProblemException(Kind.UNAUTHORIZED, prefix
                    + "Check that the challenge answer reaches the CA for every name (web server, DNS, firewall), "
                    + "and that the account is allowed to order these names", null, cause);
            case "dns" -> new AcmeProblemException(Kind.DNS, prefix
                    + "Check that every name resolves in public DNS (A/AAAA for HTTP-01, TXT for DNS-01)", null, cause);
            case "connection" -> new AcmeProblemException(Kind.CONNECTION, prefix
                    + "The CA could not connect to the server that answers the challenge: check that port 80 "
                    + "(HTTP-01) is open from the internet and forwarded to where the challenge is answered",
                    null, cause);
            case "caa" -> new AcmeProblemException(Kind.CAA, prefix
                    + "A CAA record in DNS forbids this CA from issuing for the name: add a CAA issue record for "
                    + "this CA, or use a CA that the record allows", null, cause);
            case "rejectedIdentifier" -> new AcmeProblemException(Kind.REJECTED_IDENTIFIER, prefix
                    + "The CA will not issue for this name (policy or block list): remove it from domains, "
                    + "or use another CA", null, cause);
            case "badCSR" -> new AcmeProblemException(Kind.BAD_CSR, prefix
                    + "Check the CSR's names and key (or drop csr to let the key be generated)", null, cause);
            case "userActionRequired" -> new AcmeProblemException(Kind.TERMS_CHANGED, prefix
                    + "The CA's terms of service changed: read and agree to them, then run again", null, cause);
            case "externalAccountRequired" -> new AcmeProblemException(Kind.EXTERNAL_ACCOUNT_REQUIRED, prefix
                    + "This CA requires an external account binding: give the EAB key id and HMAC key from the "
                    + "CA's dashboard", null, cause);
            case "incorrectResponse", "tls" -> new AcmeProblemException(Kind.CHALLENGE_FAILED, prefix
                    + "The CA reached a server, but not the expected answer: check that the name points to the "
                    + "server answering the challenge", null, cause);
            case "accountDoesNotExist" -> new AcmeProblemException(Kind.UNAUTHORIZED, prefix
                    + "The stored account is unknown to this CA: remove it from the store to register a new one",
                    null, cause);
            default -> new AcmeProblemException(Kind.OTHER, prefix.strip(), retryAfter, cause);
        };
    }

    private static String detail(Problem problem) {
        var text = problem.getDetail().or(problem::getTitle).orElse(problem.getType().toString());
        var subs = problem.getSubProblems();
        if (!subs.isEmpty()) {
            text += " (" + subs.stream()
                    .map(sub -> sub.getIdentifier().map(id -> id.getValue() + ": ").orElse("")
                            + sub.getDetail().orElse(sub.getType().toString()))
                    .collect(Collectors.joining("; ")) + ")";
        }
        return text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
    }
}
