/**
 * The CA: aliases of well-known ACME CAs, directory URLs, and trust anchors for private CAs.
 */
package io.github.acmecertificate.core.ca;
