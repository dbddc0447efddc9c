/**
 * Names a certificate is for: DNS names, wildcards and IP addresses, checked and normalized.
 * Orders, challenges and stores all look down on this package.
 */
package io.github.acmecertificate.core.name;
