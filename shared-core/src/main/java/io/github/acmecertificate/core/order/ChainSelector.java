package io.github.acmecertificate.core.order;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * Picks among the chains a CA offers (the default one and its {@code alternate} links) by
 * the common name of an issuer, as {@code --preferred-chain} does in certbot and lego.
 *
 * <p>The match is on the issuer's CN alone: CAs put organization and country into their
 * names too, and users know a root by its common name ({@code ISRG Root X1}).
 *
 * @since 0.1.0
 */
public final class ChainSelector {

    private ChainSelector() {
    }

    /**
     * Picks the first chain in which some certificate was issued by the given common name.
     *
     * @param chains    the chains in the CA's order, the default first
     * @param issuerCn  the wanted issuer's common name
     * @return the index of the chosen chain, or empty if none matches
     */
    public static Optional<Integer> select(List<List<X509Certificate>> chains, String issuerCn) {
        for (int i = 0; i < chains.size(); i++) {
            for (var certificate : chains.get(i)) {
                if (commonName(certificate.getIssuerX500Principal().getName()).map(issuerCn::equals).orElse(false)) {
                    return Optional.of(i);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Returns the common name of a distinguished name.
     *
     * @param dn an RFC 2253 distinguished name
     * @return its CN, if it has one
     */
    public static Optional<String> commonName(String dn) {
        try {
            for (Rdn rdn : new LdapName(dn).getRdns()) {
                if ("CN".equalsIgnoreCase(rdn.getType())) {
                    return Optional.of(String.valueOf(rdn.getValue()));
                }
            }
        } catch (InvalidNameException ex) {
            // Fall through: no usable CN.
        }
        return Optional.empty();
    }
}
