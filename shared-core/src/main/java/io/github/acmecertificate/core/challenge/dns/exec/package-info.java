/**
 * The {@code exec} DNS provider: a program of the user's adds and removes the records.
 */
package io.github.acmecertificate.core.challenge.dns.exec;
