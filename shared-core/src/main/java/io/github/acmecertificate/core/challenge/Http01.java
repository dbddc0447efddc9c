package io.github.acmecertificate.core.challenge;

import java.util.List;
import java.util.regex.Pattern;

import io.github.acmecertificate.core.exception.AcmeCertificateException;
import io.github.acmecertificate.core.exception.InvalidInputException;
import io.github.acmecertificate.core.name.SubjectName;

/** What every HTTP-01 solver shares. */
final class Http01 {

    /** The ACME challenge type. */
    static final String TYPE = "http-01";

    /** What RFC 8555 section 8.3 allows in a token: base64url characters, nothing else. */
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]+");

    private Http01() {
    }

    /**
     * Checks a token from the CA before it becomes a file name or a URL path: only base64url
     * characters, at least one. Anything else (a slash, dots, an empty token) would let the
     * CA's answer pick another file.
     */
    static String checkToken(ChallengeTask task) throws AcmeCertificateException {
        var token = task.token();
        if (!TOKEN.matcher(token).matches()) {
            throw new AcmeCertificateException("The CA sent an HTTP-01 token for " + task.domain() + " that is "
                    + (token.isEmpty() ? "empty" : "not made of base64url characters (A-Z, a-z, 0-9, '-', '_')")
                    + ", so it cannot be used as a file name. Nothing was written; report this to the CA");
        }
        return token;
    }

    /** HTTP-01 cannot prove a wildcard (RFC 8555 section 7.1.3): say so before any network call. */
    static void rejectWildcards(List<SubjectName> names) throws InvalidInputException {
        var wildcards = names.stream().filter(SubjectName::isWildcard).map(SubjectName::value).toList();
        if (!wildcards.isEmpty()) {
            throw new InvalidInputException("challenge", "HTTP-01 cannot validate wildcard names ("
                    + String.join(", ", wildcards) + "). Use the dns-01 challenge for wildcards");
        }
    }
}
