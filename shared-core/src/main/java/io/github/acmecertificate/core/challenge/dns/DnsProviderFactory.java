package io.github.acmecertificate.core.challenge.dns;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.github.acmecertificate.core.exception.InvalidInputException;

/**
 * Creates one kind of {@link DnsProvider} and describes it: the service that
 * {@link java.util.ServiceLoader} finds.
 *
 * <p>Each provider registers its factory in
 * {@code META-INF/services/io.github.acmecertificate.core.challenge.dns.DnsProviderFactory};
 * providers that need a large SDK live in their own artifact, found when it is on the class
 * path. The metadata ({@link #name()}, {@link #description()}, {@link #options()}) is what
 * front ends list and what the documentation is checked against.
 *
 * @since 0.1.0
 */
public interface DnsProviderFactory {

    /**
     * Returns the name users choose the provider by.
     *
     * @return lower case letters, digits and hyphens, e.g. {@code rfc2136} or {@code acme-dns}
     */
    String name();

    /**
     * Describes the provider in one sentence.
     *
     * @return e.g. {@code Dynamic DNS update (RFC 2136) signed with TSIG: BIND, Knot, PowerDNS, Windows DNS}
     */
    String description();

    /**
     * Returns the provider's options, in the order the documentation lists them.
     *
     * @return the options
     */
    List<DnsProviderOption> options();

    /**
     * Creates a provider from checked options. Makes no network call.
     *
     * @param config the options, with required ones present, defaults applied and secrets
     *               resolved
     * @return the provider
     * @throws InvalidInputException if a value is malformed, naming the option
     */
    DnsProvider create(DnsProviderConfig config) throws InvalidInputException;

    /**
     * Tells whether these options make the provider use the machine it runs on beyond the
     * credential it is given: a program, a file, or an identity of that machine (cloud
     * credentials from its environment). A front end that runs on behalf of many users (a
     * Jenkins controller) reserves such uses for administrators.
     *
     * <p>By default, an option naming a secret's file ({@code tsigSecretFile}) reads that
     * file; providers that do more say so by overriding this method.
     *
     * @param options       the options as written (keys in any spelling {@link DnsProviderOption#matches} accepts)
     * @param hasCredential whether the front end supplies a credential (a settings.xml server,
     *                      a Jenkins credential)
     * @return what the provider would use, as a phrase for a message, or empty
     */
    default Optional<String> hostAccess(Map<String, String> options, boolean hasCredential) {
        for (var key : options.keySet()) {
            for (var option : options()) {
                if (option.secret() && option.matchesFile(key)) {
                    return Optional.of("reads the file named by the option " + key + " on this machine");
                }
            }
        }
        return Optional.empty();
    }
}
