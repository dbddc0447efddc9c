package io.github.acmecertificate.maven;

import java.util.List;

/**
 * One entry of {@code acme:issue}'s {@code <certificates>} list: a certificate with its own
 * names and, where set, its own options; every option left out takes the goal's value.
 *
 * <pre>{@code
 * <certificates>
 *   <certificate><domains><domain>a.example</domain><domain>www.a.example</domain></domains></certificate>
 *   <certificate><domains><domain>b.example</domain></domains><keyType>rsa-2048</keyType></certificate>
 * </certificates>
 * }</pre>
 */
public class Certificate {

    /** The names this certificate covers. */
    List<String> domains;

    /** Its name in the store; defaults to its first domain. */
    String name;

    /** Its key type, when not the goal's. */
    String keyType;

    /** Keeps its stored key at renewal ({@code true} or {@code false}), when not the goal's setting. */
    String reuseKey;

    /** Its renewal margin, when not the goal's. */
    String renewBefore;

    /** Renews it even when not due ({@code true} or {@code false}), when not the goal's setting. */
    String force;

    /** Its preferred issuer, when not the goal's. */
    String preferredChain;
}
