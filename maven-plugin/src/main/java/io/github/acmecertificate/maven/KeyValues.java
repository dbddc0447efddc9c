package io.github.acmecertificate.maven;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.acmecertificate.core.exception.InvalidInputException;

/** Parses {@code key=value,key=value} as given on a command line. */
final class KeyValues {

    private KeyValues() {
    }

    static Map<String, String> parse(String text, String field) throws InvalidInputException {
        var result = new LinkedHashMap<String, String>();
        if (text == null || text.isBlank()) {
            return result;
        }
        for (var pair : text.split(",")) {
            if (pair.isBlank()) {
                continue;
            }
            int equals = pair.indexOf('=');
            if (equals <= 0) {
                throw new InvalidInputException(field, "'" + pair.strip() + "' is not key=value. Write e.g. "
                        + "nameserver=ns1.example.com,tsigKeyName=acme");
            }
            result.put(pair.substring(0, equals).strip(), pair.substring(equals + 1).strip());
        }
        return result;
    }
}
