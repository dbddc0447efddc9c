package io.github.acmecertificate.core.challenge;

import java.util.List;

import io.github.acmecertificate.core.exception.InvalidInputException;
import io.github.acmecertificate.core.name.SubjectName;

/** What every HTTP-01 solver shares. */
final class Http01 {

    /** The ACME challenge type. */
    static final String TYPE = "http-01";

    private Http01() {
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
