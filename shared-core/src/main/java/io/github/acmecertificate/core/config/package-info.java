/**
 * Reading settings written as text ({@link io.github.acmecertificate.core.config.Values}) and
 * showing them in messages ({@link io.github.acmecertificate.core.config.Durations}).
 *
 * <p>Core messages name fields neutrally, never with one front end's syntax: {@code domains},
 * {@code renewBefore}, {@code http.port}, {@code dns.propagationTimeout}, {@code dns.credential}
 * (the DNS provider's username and secret), {@code dns.<option>} (a provider option),
 * {@code sftpWebroot.server} and {@code sftpWebroot.<ssh field>}, {@code targets.<field>} and
 * {@code targets.files.<field>} (a deploy target), {@code deploy<Option>},
 * {@code keystorePassword}. Each front end renames them from one table of its own.
 */
package io.github.acmecertificate.core.config;
