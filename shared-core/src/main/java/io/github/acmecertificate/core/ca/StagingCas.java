package io.github.acmecertificate.core.ca;

import java.net.URI;
import java.util.Locale;
import java.util.Set;

/**
 * Tells the ACME directories of staging and test CAs, whose certificates no browser trusts,
 * from those of trusted CAs: the directories of the known staging services, any host or path
 * that says {@code staging} or {@code test}, and a CA on this machine (Pebble, say).
 *
 * @since 0.1.0
 */
public final class StagingCas {

    /** The staging directories of the CAs known by alias. */
    static final Set<String> KNOWN = Set.of(
            "https://acme-staging-v02.api.letsencrypt.org/directory",
            "https://dv.acme-v02.test-api.pki.goog/directory");

    private StagingCas() {
    }

    /**
     * Tells whether a directory URL belongs to a staging or test CA.
     *
     * @param directoryUrl the CA's ACME directory URL
     * @return true for a staging or test CA
     */
    public static boolean isStaging(String directoryUrl) {
        if (directoryUrl == null) {
            return false;
        }
        var url = directoryUrl.strip();
        if (KNOWN.contains(url)) {
            return true;
        }
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException ex) {
            return false;
        }
        var host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        var path = uri.getPath() == null ? "" : uri.getPath().toLowerCase(Locale.ROOT);
        if (host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]") || host.equals("::1")
                || host.endsWith(".localhost")) {
            return true;
        }
        for (var label : host.split("[.-]")) {
            if (label.equals("staging") || label.equals("test") || label.equals("sandbox")) {
                return true;
            }
        }
        return path.contains("staging");
    }
}
