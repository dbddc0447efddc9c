package io.github.acmecertificate.core.order;

import java.net.URL;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * What a completed order yields.
 *
 * @param orderUrl       the order's location
 * @param certificateUrl the certificate's location
 * @param chain          the chosen chain: the certificate, then its issuers
 * @since 0.1.0
 */
public record IssuedOrder(URL orderUrl, URL certificateUrl, List<X509Certificate> chain) {

    /**
     * Creates a result.
     *
     * @param orderUrl       the order's location
     * @param certificateUrl the certificate's location
     * @param chain          the chain, leaf first
     */
    public IssuedOrder {
        chain = List.copyOf(chain);
    }
}
